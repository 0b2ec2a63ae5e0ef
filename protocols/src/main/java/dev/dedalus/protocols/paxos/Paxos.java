package dev.dedalus.protocols.paxos;

import dev.dedalus.Answered;
import dev.dedalus.Config;
import dev.dedalus.Dedalus;
import dev.dedalus.Durable;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Pure;
import dev.dedalus.Role;
import dev.dedalus.Rule;
import dev.dedalus.Timer;

/**
 * Multi-Paxos (f = 1) replicating a key-value store: proposers, acceptors and replicas, as the
 * paper's base Paxos.
 *
 * <ul>
 *   <li><b>Ballots</b> are longs {@code round * 64 + proposer}: totally ordered, and each proposer
 *       has its own. A proposer that heard no leader's heartbeat since its previous election tick
 *       campaigns with the next round; one that sees a higher ballot (a heartbeat, a nack) stops
 *       leading.
 *   <li><b>Phase 1.</b> An acceptor promises a ballot higher than any it promised, durably, and
 *       returns its accepted log (for each slot the entry of the highest ballot, and how many
 *       entries there are, so the proposer knows when it has all of them). With f + 1 complete
 *       promises a proposer leads: it re-proposes, for every slot up to the highest it learned, the
 *       value of the highest ballot, or a no-op where no acceptor accepted anything, before any new
 *       command.
 *   <li><b>Phase 2.</b> The leader gives new commands consecutive slots ({@code index()}) after the
 *       last it used, and sends them to every acceptor, again every 300 ms until chosen. An
 *       acceptor accepts a ballot at least its promise, durably, and answers; otherwise it nacks
 *       with its promise. A slot is chosen on f + 1 acceptances of one ballot.
 *   <li><b>Bounded state.</b> The leader tells acceptors, with its heartbeat, the slot below which every
 *       replica has executed; an acceptor drops its log below that floor (durably: its log is
 *       {@code @Durable(persist = false)}, so the drop is journaled too) and reports the floor in its
 *       promises. A new leader reconciles from the highest floor of its quorum on, never below it.
 *       Proposers keep only their highest ballots, acceptors their highest promise, the leader the
 *       chosen slots some replica has not executed.
 *   <li><b>Replicas</b> execute chosen slots in slot order on a key-value store ({@code put},
 *       {@code get}, {@code cas}), a run of consecutive slots per tick, with the results of
 *       executing them one at a time; a request seen before (same client and id) is answered from
 *       its first result and not applied again. One replica, chosen by slot, replies. Replicas
 *       report how far they executed; the leader re-sends what they miss.
 * </ul>
 */
@Dedalus
public interface Paxos {
  /** A client's command: {@code put(key, value)}, {@code get(key)} or {@code cas(key, expected, value)}. */
  @Input(role = "Proposer")
  @Answered(by = "Reply", key = "id", resendAfterMillis = 500)
  record Request(Location client, long id, String op, String key, String value, String expected) {}

  /**
   * The answer to request {@code id}: for {@code put}, ok; for {@code get}, whether the key is
   * present and its value; for {@code cas}, whether it swapped, and the value before.
   */
  @Output record Reply(long id, boolean ok, String value) {}

  @Config(addressesOf = "Proposer") record Proposers(Location addr) {}

  @Config(addressesOf = "Acceptor") record Acceptors(Location addr) {}

  @Config(addressesOf = "Replica") record Replicas(Location addr) {}

  @Config(countOf = "Acceptor") record NumAcceptors(long n) {}

  @Config(countOf = "Replica") record NumReplicas(long n) {}

  @Config(instanceIndex = true) record MyIndex(long i) {}

  /** The leader's heartbeat. */
  @Timer(periodMillis = 20) record HeartbeatTick() {}

  /**
   * The leader sends what is not chosen yet again: seldom, since after an election everything it
   * recovered is pending at once.
   */
  @Timer(periodMillis = 300) record ResendTick() {}

    /** A proposer that heard no heartbeat between two of these campaigns. */
  @Timer(periodMillis = 100) record ElectionTick() {}

  /** Replicas report how far they executed. */
  @Timer(periodMillis = 50) record ReplicaTick() {}

  // ---- proposer: leadership

  /** The highest ballot this proposer has seen (and those seen in this tick): the one to beat. */
  record Seen(long ballot) {}

  record MaxSeen(long ballot) {}

  record Started() {}

  record Heartbeat(long ballot) {}

  record Heard() {}

  record Campaign(long ballot) {}

  /** The ballot this proposer campaigns with, while no higher one is seen. */
  record Candidate(long ballot) {}

  record Nack(long ballot) {}

  // ---- phase 1

  record P1a(Location proposer, long ballot) {}

  record Promising(Location proposer, long ballot) {}

  /** An acceptor's highest promise (and those made in this tick): it accepts no lower ballot. */
  @Durable(persist = false) record Promise(long ballot) {}

  record MaxPromise(long ballot) {}

  record AnyPromise() {}

  /** A promise: how many log entries follow, and the acceptor's floor (it dropped the slots below). */
  record P1b(Location acceptor, long ballot, long entries, long floor) {}

  record P1bLog(Location acceptor, long ballot, long slot, long accepted, Location client, long id, String op, String key,
      String value, String expected) {}

  /** Promises for the ballot this proposer campaigns with, kept until it wins or is outbid. */
  record P1bs(Location acceptor, long ballot, long entries, long floor) {}

  /** The accepted logs that came with them, kept as long. */
  record P1bLogs(Location acceptor, long ballot, long slot, long accepted, Location client, long id, String op,
      String key, String value, String expected) {}

  record Got(long n, Location acceptor, long ballot) {}

  record Complete(Location acceptor, long ballot) {}

  record PromiseCount(long n, long ballot) {}

  record Elected(long ballot) {}

  /** The ballot this proposer won, while no higher one is seen. */
  record Won(long ballot) {}

  record Leading(long ballot) {}

  record NewlyLeading(long ballot) {}

  /** The highest floor of the promises a new leader won with: every replica executed the slots below it. */
  record RecoveredFloor(long slot) {}

  record RecoveredBallot(long slot, long accepted) {}

  record Recovered(long slot, Location client, long id, String op, String key, String value, String expected) {}

  record RecoveredSlot(long slot) {}

  record AnyRecovered() {}

  record MaxRecovered(long slot) {}

  record SlotBelow(long slot) {}

  // ---- phase 2

  record NextSlot(long slot) {}

  record Indexed(long index, Location client, long id, String op, String key, String value, String expected) {}

  record Used(long n) {}

  record Proposal(long ballot, long slot, Location client, long id, String op, String key, String value, String expected) {}

  /** Proposals not chosen yet, re-sent on every heartbeat. */
  record Pending(long ballot, long slot, Location client, long id, String op, String key, String value, String expected) {}

  record P2a(Location proposer, long ballot, long slot, Location client, long id, String op, String key, String value,
      String expected) {}

  record Accepting(Location proposer, long ballot, long slot, Location client, long id, String op, String key, String value,
      String expected) {}

  /** An acceptor's accepted log, from its floor on. */
  @Durable(persist = false) record Accepted(long slot, long ballot, Location client, long id, String op, String key,
      String value, String expected) {}

  /**
   * Told by the leader: every replica executed the slots below {@code slot}, so acceptors may drop
   * them. Sent with the heartbeat.
   */
  record Truncate(long slot) {}

  /** An acceptor's floor: it dropped its log below this slot. Durable, so a restart does not forget it. */
  @Durable(persist = false) record Low(long slot) {}

  record Lows(long slot) {}

  record Floor(long slot) {}

  record Forgotten(long slot) {}

  record BestBallot(long slot, long ballot) {}

  record LogSize(long n) {}

  record AnyAccepted() {}

  record P2b(Location acceptor, long ballot, long slot) {}

  record P2bs(Location acceptor, long ballot, long slot) {}

  record Acks(long n, long ballot, long slot) {}

  record Chosen(long slot, Location client, long id, String op, String key, String value, String expected) {}

  /** Chosen slots the leader re-sends to replicas that report they lack them. */
  record Decided(long slot, Location client, long id, String op, String key, String value, String expected) {}

  /** The slot each replica reported it executes next. */
  record ReplicaAt(Location replica, long next) {}

  record Reported(long n) {}

  record SlowestReplica(long next) {}

  /** Decided slots every replica has executed: the leader forgets them. */
  record Executed(long slot) {}

  // ---- replicas

  record Commit(long slot, Location client, long id, String op, String key, String value, String expected) {}

  /** Chosen slots from the next to execute on, kept until a run executes them. */
  record Commits(long slot, Location client, long id, String op, String key, String value, String expected) {}

  /** The next slot to execute: the first slot of this tick's run. */
  record NextExec(long slot) {}

  /**
   * The commits a run may take: the 64 slots from the next to execute on. The cap bounds one tick:
   * its replies wait for the whole run, and a get or a retried request is joined with the earlier
   * slots of its run on its key or client. 64 is as many requests as the benchmark's clients have
   * in flight, and twice the leader's catch-up window.
   */
  record Window(long slot, Location client, long id, String op, String key, String value, String expected) {}

  /** The first cas of each key in the window. */
  record FirstCas(String key, long slot) {}

  /**
   * A cas that a run must not take past its first slot: an earlier cas in the window touches its
   * key. Whether that one swaps decides what this one sees, which one tick cannot order.
   */
  record CasWaits(long slot) {}

  /** Slot {@code slot} may follow slot {@code previous} in a run. */
  record Continues(long previous, long slot) {}

  /**
   * The slots this tick executes: the next slot, and each following chosen slot up to the first
   * gap, the first waiting cas or the window's end.
   */
  record Run(long slot) {}

  record RunEnd(long slot) {}

  /** The client operations of the run, by slot; a no-op only advances the run. */
  record Executing(long slot, Location client, long id, String op, String key, String value, String expected) {}

  /** Each client's latest applied request, before the run. */
  record Latest(Location client, long id) {}

  /** Requests of the run that are their client's latest applied one before the run, or older. */
  record AppliedRequest(Location client, long id) {}

  /** A request of the run whose client has a newer one at an earlier slot of the run: stale there. */
  record Superseded(long slot, Location client, long id) {}

  /** A request that an earlier slot of the run carries too: a retry chosen twice. */
  record Repeated(long slot, Location client, long id) {}

  /** The requests the run applies: each newer than anything of its client before its slot. */
  record Fresh(long slot, Location client, long id, String op, String key, String value, String expected) {}

  /** For a cas, the slot of the latest put to its key earlier in the run. */
  record CasAfterPut(long slot, long put) {}

  /** What a cas finds under its key: present and the value, or absent and "". */
  record CasSees(long slot, boolean present, String value) {}

  /** The cas that swap. */
  record Swapped(long slot) {}

  /** The run's writes, by slot: applied puts and swaps. */
  record Write(long slot, String key, String value) {}

  /** For a get, the slot of the latest write to its key earlier in the run. */
  record ReadsFrom(long slot, long write) {}

  /** The last write of the run to each key: the key's value after the run. */
  record LastWrite(String key, long slot) {}

  /** The key-value state before the run. */
  record Store(String key, String value) {}

  record HasKey(String key) {}

  record Result(long slot, Location client, long id, boolean ok, String value) {}

  /** Each client's latest request the run applies. */
  record LastApplied(Location client, long id) {}

  /**
   * Each client's latest applied request and its result: a retried request is answered from here.
   * Clients number their requests upwards and wait for each answer, so an older id is a stale
   * duplicate: it is neither applied nor answered.
   */
  record Applied(Location client, long id, boolean ok, String value) {}

  record Progress(Location replica, long next) {}

  /** The ballot {@code round} of proposer {@code proposer}. */
  @Pure
  static long ballot(long round, long proposer) {
    return round * 64 + proposer;
  }

  /** The round of {@code ballot}. */
  @Pure
  static long round(long ballot) {
    return ballot / 64;
  }

  @Role
  interface Proposer {
    // ---- leadership

    @Rule("Seen(0) :- ElectionTick(), !Started()")
    void seenNothing();

    @Rule("Started() :+ ElectionTick()")
    void start();

    @Rule("Started() :+ Started()")
    void keepStarted();

    @Rule("MaxSeen(max(b)) :- Seen(b)")
    void maxSeen();

    @Rule("Seen(b) :- Heartbeat(b)")
    void seeHeartbeat();

    @Rule("Seen(b) :- Nack(b)")
    void seeNack();

    @Rule("Heard() :+ Heartbeat(_)")
    void hear();

    @Rule("Heard() :+ Heard(), !ElectionTick()")
    void keepHeard();

    @Rule("Campaign(b) :- ElectionTick(), !Heard(), MaxSeen(m), !Leading(m), MyIndex(i), b = ballot(round(m) + 1, i)")
    void campaign();

    @Rule("Seen(b) :+ Campaign(b)")
    void seeOwn();

    /** Only the highest ballot matters: older ones are dropped, so this state stays one fact. */
    @Rule("Seen(m) :+ MaxSeen(m)")
    void keepMaxSeen();

    @Rule("Candidate(b) :+ Campaign(b)")
    void candidate();

    @Rule("Candidate(b) :+ Candidate(b), MaxSeen(b)")
    void keepCandidate();

    @Rule("P1a@a(self, b) :~ Campaign(b), Acceptors(a)")
    void phase1a();

    @Rule("P1bs(a, b, n, f) :- P1b(a, b, n, f), Candidate(b)")
    void promises();

    @Rule("P1bs(a, b, n, f) :+ P1bs(a, b, n, f), MaxSeen(b), !Won(b)")
    void keepPromises();

    @Rule("P1bLogs(a, b, s, ab, c, id, op, k, v, e) :- P1bLog(a, b, s, ab, c, id, op, k, v, e), Candidate(b)")
    void promisedLogs();

    @Rule("P1bLogs(a, b, s, ab, c, id, op, k, v, e) :+ P1bLogs(a, b, s, ab, c, id, op, k, v, e), MaxSeen(b), !Won(b)")
    void keepPromisedLogs();

    @Rule("Got(count(s), a, b) :- P1bLogs(a, b, s, _, _, _, _, _, _, _)")
    void gotEntries();

    @Rule("Complete(a, b) :- P1bs(a, b, n, _), Got(n, a, b)")
    void complete();

    @Rule("Complete(a, b) :- P1bs(a, b, 0, _)")
    void completeEmpty();

    @Rule("PromiseCount(count(a), b) :- Complete(a, b)")
    void countPromises();

    @Rule("Elected(b) :- PromiseCount(n, b), NumAcceptors(na), n >= na / 2 + 1, MaxSeen(b), Candidate(b)")
    void elected();

    @Rule("Won(b) :+ Elected(b)")
    void won();

    @Rule("Won(b) :+ Won(b), MaxSeen(b)")
    void keepWon();

    @Rule("NewlyLeading(b) :- Elected(b), !Won(b)")
    void newlyLeading();

    @Rule("Leading(b) :- Elected(b)")
    void leadElected();

    @Rule("Leading(b) :- Won(b), MaxSeen(b)")
    void lead();

    @Rule("Heartbeat@p(b) :~ HeartbeatTick(), Leading(b), Proposers(p)")
    void heartbeat();

    // ---- reconciliation: from the floor on, the highest-ballot value of every slot, no-ops in the holes

    /** Below the highest floor every slot was chosen and executed by every replica: nothing to redo there. */
    @Rule("RecoveredFloor(max(f)) :- NewlyLeading(b), Complete(a, b), P1bs(a, b, _, f)")
    void recoveredFloor();

    @Rule("RecoveredBallot(s, max(ab)) :- NewlyLeading(b), Complete(a, b), P1bLogs(a, b, s, ab, _, _, _, _, _, _), "
        + "RecoveredFloor(f), s >= f")
    void recoveredBallot();

    @Rule("Recovered(s, choose(c), choose(id), choose(op), choose(k), choose(v), choose(e)) :- "
        + "NewlyLeading(b), RecoveredBallot(s, ab), P1bLogs(_, b, s, ab, c, id, op, k, v, e)")
    void recovered();

    @Rule("RecoveredSlot(s) :- Recovered(s, _, _, _, _, _, _)")
    void recoveredSlot();

    @Rule("AnyRecovered() :- RecoveredSlot(_)")
    void anyRecovered();

    @Rule("MaxRecovered(max(s)) :- RecoveredSlot(s)")
    void maxRecovered();

    @Rule("SlotBelow(s) :- MaxRecovered(m), s = m")
    void topSlot();

    @Rule("SlotBelow(s) :- SlotBelow(t), RecoveredFloor(f), t > f, s = t - 1")
    void lowerSlots();

    @Rule("Proposal(b, s, c, id, op, k, v, e) :- NewlyLeading(b), Recovered(s, c, id, op, k, v, e)")
    void reproposeRecovered();

    /** A no-op never replies; it borrows the client of the highest recovered slot only to fill its column. */
    @Rule("Proposal(b, s, c, -1, \"noop\", \"\", \"\", \"\") :- NewlyLeading(b), SlotBelow(s), !RecoveredSlot(s), "
        + "MaxRecovered(m), Recovered(m, c, _, _, _, _, _)")
    void fillHole();

    // ---- phase 2

    @Rule("NextSlot(m + 1) :+ NewlyLeading(_), MaxRecovered(m)")
    void nextAfterRecovered();

    @Rule("NextSlot(f) :+ NewlyLeading(_), !AnyRecovered(), RecoveredFloor(f)")
    void nextFromFloor();

    @Rule("Indexed(index(), c, id, op, k, v, e) :- Request(c, id, op, k, v, e), Leading(b), !NewlyLeading(b), NextSlot(_)")
    void indexRequests();

    @Rule("Used(count(i)) :- Indexed(i, _, _, _, _, _, _)")
    void used();

    @Rule("NextSlot(s + n) :+ NextSlot(s), Used(n), !NewlyLeading(_)")
    void advanceSlot();

    @Rule("NextSlot(s) :+ NextSlot(s), !Used(_), !NewlyLeading(_)")
    void keepSlot();

    @Rule("Proposal(b, s + i, c, id, op, k, v, e) :- Indexed(i, c, id, op, k, v, e), NextSlot(s), Leading(b)")
    void propose();

    @Rule("Pending(b, s, c, id, op, k, v, e) :- Proposal(b, s, c, id, op, k, v, e)")
    void pending();

    @Rule("Pending(b, s, c, id, op, k, v, e) :+ Pending(b, s, c, id, op, k, v, e), Leading(b), "
        + "!Chosen(s, _, _, _, _, _, _)")
    void keepPending();

    @Rule("P2a@a(self, b, s, c, id, op, k, v, e) :~ Proposal(b, s, c, id, op, k, v, e), Acceptors(a)")
    void phase2a();

    @Rule("P2a@a(self, b, s, c, id, op, k, v, e) :~ ResendTick(), Pending(b, s, c, id, op, k, v, e), Acceptors(a)")
    void resendPhase2a();

    @Rule("P2bs(a, b, s) :- P2b(a, b, s), Pending(b, s, _, _, _, _, _, _)")
    void acceptances();

    @Rule("P2bs(a, b, s) :+ P2bs(a, b, s), Pending(b, s, _, _, _, _, _, _), !Chosen(s, _, _, _, _, _, _)")
    void keepAcceptances();

    @Rule("Acks(count(a), b, s) :- P2bs(a, b, s)")
    void countAcceptances();

    @Rule("Chosen(s, c, id, op, k, v, e) :- Acks(n, b, s), NumAcceptors(na), n >= na / 2 + 1, "
        + "Pending(b, s, c, id, op, k, v, e)")
    void choose();

    @Rule("Commit@r(s, c, id, op, k, v, e) :~ Chosen(s, c, id, op, k, v, e), Replicas(r)")
    void commit();

    @Rule("Decided(s, c, id, op, k, v, e) :- Chosen(s, c, id, op, k, v, e)")
    void decided();

    @Rule("Decided(s, c, id, op, k, v, e) :+ Decided(s, c, id, op, k, v, e), Leading(_), !Executed(s)")
    void keepDecided();

    @Rule("ReplicaAt(r, n) :+ Progress(r, n)")
    void replicaAt();

    @Rule("ReplicaAt(r, n) :+ ReplicaAt(r, n), !Progress(r, _)")
    void keepReplicaAt();

    @Rule("Reported(count(r)) :- ReplicaAt(r, _)")
    void reported();

    @Rule("SlowestReplica(min(n)) :- ReplicaAt(_, n)")
    void slowestReplica();

    @Rule("Executed(s) :- Decided(s, _, _, _, _, _, _), SlowestReplica(m), Reported(k), NumReplicas(k), s < m")
    void executed();

    /** Acceptors may drop what every replica executed: their logs stay as short as the slowest replica allows. */
    @Rule("Truncate@a(m) :~ HeartbeatTick(), Leading(_), SlowestReplica(m), Reported(k), NumReplicas(k), Acceptors(a)")
    void truncate();

    /** A window of the slots a replica lacks, not all of them: a lagging replica must not be flooded. */
    @Rule("Commit@r(s, c, id, op, k, v, e) :~ Progress(r, n), Decided(s, c, id, op, k, v, e), s >= n, s < n + 32")
    void catchUp();
  }

  @Role
  interface Acceptor {
    @Rule("MaxPromise(max(b)) :- Promise(b)")
    void maxPromise();

    @Rule("AnyPromise() :- Promise(_)")
    void anyPromise();

    @Rule("Promising(p, b) :- P1a(p, b), MaxPromise(m), b > m")
    void promiseHigher();

    @Rule("Promising(p, b) :- P1a(p, b), !AnyPromise()")
    void promiseFirst();

    @Rule("Promise(b) :+ Promising(_, b)")
    void promise();

    /** Only the highest promise matters: older ones are dropped (and erased from the durable log). */
    @Rule("Promise(m) :+ MaxPromise(m)")
    void keepPromise();

    @Rule("Nack@p(m) :~ P1a(p, b), MaxPromise(m), b <= m")
    void refusePhase1();

    // ---- the floor: the log is dropped below the slots every replica executed

    @Rule("Lows(l) :- Low(l)")
    void lows();

    @Rule("Lows(t) :- Truncate(t)")
    void truncateTo();

    /** A floor to report in a promise before the first truncation. */
    @Rule("Lows(0) :- Promising(_, _)")
    void noFloorYet();

    @Rule("Floor(max(l)) :- Lows(l)")
    void floor();

    @Rule("Low(l) :+ Floor(l)")
    void keepLow();

    @Rule("Forgotten(s) :- Accepted(s, _, _, _, _, _, _, _), Floor(l), s < l")
    void forget();

    @Rule("Accepted(s, b, c, id, op, k, v, e) :+ Accepted(s, b, c, id, op, k, v, e), !Forgotten(s)")
    void keepAccepted();

    // The log is summarised only in ticks that promise: the cost follows elections, not commands.

    @Rule("BestBallot(s, max(b)) :- Promising(_, _), Accepted(s, b, _, _, _, _, _, _), Floor(l), s >= l")
    void bestBallot();

    @Rule("AnyAccepted() :- BestBallot(_, _)")
    void anyAccepted();

    @Rule("LogSize(count(s)) :- BestBallot(s, _)")
    void logSize();

    @Rule("LogSize(0) :- Promising(_, _), !AnyAccepted()")
    void emptyLog();

    @Rule("P1b@p(self, b, n, l) :~ Promising(p, b), LogSize(n), Floor(l)")
    void phase1b();

    @Rule("P1bLog@p(self, b, s, ab, c, id, op, k, v, e) :~ Promising(p, b), BestBallot(s, ab), "
        + "Accepted(s, ab, c, id, op, k, v, e)")
    void phase1bLog();

    @Rule("Accepting(p, b, s, c, id, op, k, v, e) :- P2a(p, b, s, c, id, op, k, v, e), MaxPromise(m), b >= m")
    void acceptPromised();

    @Rule("Accepting(p, b, s, c, id, op, k, v, e) :- P2a(p, b, s, c, id, op, k, v, e), !AnyPromise()")
    void acceptFirst();

    @Rule("Accepted(s, b, c, id, op, k, v, e) :- Accepting(_, b, s, c, id, op, k, v, e)")
    void accept();

    @Rule("Promise(b) :+ Accepting(_, b, _, _, _, _, _, _, _)")
    void promiseAccepted();

    @Rule("P2b@p(self, b, s) :~ Accepting(p, b, s, _, _, _, _, _, _)")
    void phase2b();

    @Rule("Nack@p(m) :~ P2a(p, b, _, _, _, _, _, _, _), MaxPromise(m), b < m")
    void refusePhase2();
  }

  /**
   * Executes chosen slots in slot order, a run of consecutive slots per tick, with the results of
   * executing them one per tick: within a run, a slot sees the writes of the slots before it, and a
   * client's requests are deduplicated in slot order.
   */
  @Role
  interface Replica {
    @Rule("NextExec(0) :- ReplicaTick(), !Started()")
    void startAtZero();

    @Rule("Started() :+ ReplicaTick()")
    void start();

    @Rule("Started() :+ Started()")
    void keepStarted();

    @Rule("Commits(s, c, id, op, k, v, e) :- Commit(s, c, id, op, k, v, e), NextExec(n), s >= n")
    void learn();

    @Rule("Commits(s, c, id, op, k, v, e) :+ Commits(s, c, id, op, k, v, e), !Run(s)")
    void keepCommits();

    // ---- the run

    @Rule("Window(s, c, id, op, k, v, e) :- Commits(s, c, id, op, k, v, e), NextExec(n), s < n + 64")
    void window();

    @Rule("FirstCas(k, min(s)) :- Window(s, _, _, \"cas\", k, _, _)")
    void firstCas();

    @Rule("CasWaits(s) :- Window(s, _, _, \"cas\", k, _, _), FirstCas(k, f), f < s")
    void casWaits();

    @Rule("Run(n) :- NextExec(n), Window(n, _, _, _, _, _, _)")
    void runStart();

    /** The successor, computed before the recursion, so that runOn looks the next slot up by key. */
    @Rule("Continues(t, s) :- Window(s, _, _, _, _, _, _), !CasWaits(s), t = s - 1")
    void continues();

    @Rule("Run(s) :- Run(t), Continues(t, s)")
    void runOn();

    @Rule("RunEnd(max(s)) :- Run(s)")
    void runEnd();

    @Rule("NextExec(m + 1) :+ RunEnd(m)")
    void advance();

    @Rule("NextExec(n) :+ NextExec(n), !Run(n)")
    void stay();

    // Client operations only: a no-op neither applies nor answers, so it must not count as a
    // request of its client when later slots of the run are deduplicated.

    @Rule("Executing(s, c, id, \"put\", k, v, e) :- Run(s), Window(s, c, id, \"put\", k, v, e)")
    void executePut();

    @Rule("Executing(s, c, id, \"get\", k, v, e) :- Run(s), Window(s, c, id, \"get\", k, v, e)")
    void executeGet();

    @Rule("Executing(s, c, id, \"cas\", k, v, e) :- Run(s), Window(s, c, id, \"cas\", k, v, e)")
    void executeCas();

    // ---- at most once: a request applies if it is newer than anything of its client before it

    @Rule("Latest(c, id) :- Applied(c, id, _, _)")
    void latest();

    @Rule("AppliedRequest(c, id) :- Executing(_, c, id, _, _, _, _), Latest(c, last), id <= last")
    void appliedRequest();

    @Rule("Superseded(s, c, id) :- Executing(s, c, id, _, _, _, _), Executing(t, c, newer, _, _, _, _), t < s, newer > id")
    void superseded();

    @Rule("Repeated(s, c, id) :- Executing(s, c, id, _, _, _, _), Executing(t, c, id, _, _, _, _), t < s")
    void repeated();

    @Rule("Fresh(s, c, id, op, k, v, e) :- Executing(s, c, id, op, k, v, e), !AppliedRequest(c, id), "
        + "!Superseded(s, c, id), !Repeated(s, c, id)")
    void fresh();

    /** A retry of the client's latest request before the run: its remembered result. */
    @Rule("Result(s, c, id, ok, v) :- Executing(s, c, id, _, _, _, _), Applied(c, id, ok, v), !Superseded(s, c, id)")
    void repeat();

    /** A retry of a request applied earlier in the run: that slot's result. */
    @Rule("Result(s, c, id, ok, v) :- Repeated(s, c, id), Result(t, c, id, ok, v), t < s, !Superseded(s, c, id)")
    void repeatInRun();

    // ---- the store: each slot sees the writes of the run's earlier slots, else the store

    @Rule("HasKey(k) :- Store(k, _)")
    void hasKey();

    @Rule("Result(s, c, id, true, v) :- Fresh(s, c, id, \"put\", k, v, _)")
    void put();

    @Rule("Write(s, k, v) :- Fresh(s, _, _, \"put\", k, v, _)")
    void putWrites();

    // A cas sees only puts of the run: no earlier cas of its key is in the run (casWaits).

    @Rule("CasAfterPut(s, max(t)) :- Fresh(s, _, _, \"cas\", k, _, _), Fresh(t, _, _, \"put\", k, _, _), t < s")
    void casAfterPut();

    @Rule("CasSees(s, true, v) :- CasAfterPut(s, t), Fresh(t, _, _, \"put\", _, v, _)")
    void casSeesPut();

    @Rule("CasSees(s, true, v) :- Fresh(s, _, _, \"cas\", k, _, _), !CasAfterPut(s, _), Store(k, v)")
    void casSeesStore();

    @Rule("CasSees(s, false, \"\") :- Fresh(s, _, _, \"cas\", k, _, _), !CasAfterPut(s, _), !HasKey(k)")
    void casSeesNothing();

    @Rule("Swapped(s) :- Fresh(s, _, _, \"cas\", _, _, e), CasSees(s, true, e)")
    void casSwaps();

    @Rule("Swapped(s) :- Fresh(s, _, _, \"cas\", _, _, \"\"), CasSees(s, false, _)")
    void casCreates();

    // Writes follow from Swapped, not from Result: gets read the writes through an aggregate and
    // give results, so a write derived from a result would be a cycle through the aggregate.

    @Rule("Write(s, k, v) :- Swapped(s), Fresh(s, _, _, \"cas\", k, v, _)")
    void casWrites();

    @Rule("Result(s, c, id, true, cur) :- Swapped(s), Fresh(s, c, id, \"cas\", _, _, _), CasSees(s, _, cur)")
    void casSwapped();

    @Rule("Result(s, c, id, false, cur) :- Fresh(s, c, id, \"cas\", _, _, _), CasSees(s, _, cur), !Swapped(s)")
    void casFails();

    @Rule("ReadsFrom(s, max(t)) :- Fresh(s, _, _, \"get\", k, _, _), Write(t, k, _), t < s")
    void readsFrom();

    @Rule("Result(s, c, id, true, v) :- Fresh(s, c, id, \"get\", _, _, _), ReadsFrom(s, t), Write(t, _, v)")
    void getWritten();

    @Rule("Result(s, c, id, true, v) :- Fresh(s, c, id, \"get\", k, _, _), !ReadsFrom(s, _), Store(k, v)")
    void getPresent();

    @Rule("Result(s, c, id, false, \"\") :- Fresh(s, c, id, \"get\", k, _, _), !ReadsFrom(s, _), !HasKey(k)")
    void getAbsent();

    // ---- what the run leaves: the last write per key, the latest applied request per client

    @Rule("LastWrite(k, max(s)) :- Write(s, k, _)")
    void lastWrite();

    @Rule("Store(k, v) :+ LastWrite(k, s), Write(s, k, v)")
    void storeWrites();

    @Rule("Store(k, v) :+ Store(k, v), !LastWrite(k, _)")
    void keepStore();

    @Rule("LastApplied(c, max(id)) :- Fresh(_, c, id, _, _, _, _)")
    void lastApplied();

    @Rule("Applied(c, id, ok, v) :+ LastApplied(c, id), Result(_, c, id, ok, v)")
    void remember();

    @Rule("Applied(c, id, ok, v) :+ Applied(c, id, ok, v), !LastApplied(c, _)")
    void keepApplied();

    @Rule("Reply@c(id, ok, v) :~ Result(n, c, id, ok, v), NumReplicas(r), MyIndex(i), n % r == i")
    void reply();

    @Rule("Progress@p(self, n) :~ ReplicaTick(), NextExec(n), Proposers(p)")
    void report();
  }
}
