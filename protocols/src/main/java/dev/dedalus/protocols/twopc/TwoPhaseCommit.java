package dev.dedalus.protocols.twopc;

import dev.dedalus.Config;
import dev.dedalus.Decouple;
import dev.dedalus.Dedalus;
import dev.dedalus.Durable;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Partition;
import dev.dedalus.Persist;
import dev.dedalus.Pure;
import dev.dedalus.Role;
import dev.dedalus.Rule;
import dev.dedalus.Timer;

/**
 * Two-phase commit with presumed abort: one coordinator and its participants.
 *
 * <p>The coordinator asks every participant to vote on each client request. A participant decides
 * yes or no ({@link #votesYes}), makes its prepare record durable and votes: the runtime commits a
 * tick's durable facts before the tick's sends leave, so the vote never gets ahead of its record.
 * The coordinator commits once every participant voted yes: it makes the commit record durable and
 * sends the decision to every participant, which logs it durably and acknowledges; after every
 * acknowledgement the coordinator replies {@code committed}. A single no ends the transaction: the
 * coordinator replies {@code aborted} and writes nothing (presumed abort: no abort record is ever
 * written). Every piece of state lives only as long as it is needed: votes until the transaction is
 * decided, acknowledgements until the reply.
 *
 * <p>A participant that (re)starts asks the coordinator about every transaction it has prepared; a
 * coordinator answers {@code committed} from its commit record, and {@code aborted} when it has no
 * commit record and holds no vote for it. A participant logs a commit it learns this way (without
 * acknowledging it again), and an abort answer writes nothing: only a commit decision changes a
 * participant's durable state, and a participant commits whenever one reaches it. The commit
 * decision is made once, from every participant's yes, so all participants that voted commit or
 * none does.
 *
 * <p>The optimized plan is the paper's: the vote requests move into vote requesters (functional
 * decoupling), vote collection and the commit decision into committers, acknowledgement collection
 * and the reply into enders (mutually independent), and each participant's commit logging and
 * acknowledgement into ackers; then every role but the coordinator is partitioned on the
 * transaction id. At 5 partitions: 1 coordinator, 5 vote requesters, 3 x 5 voters, 3 x 5 ackers, 5
 * committers and 5 enders, 46 nodes.
 */
@Decouple(role = "Coordinator", rules = {"requestVotes"}, into = "VoteRequester")
@Decouple(role = "Coordinator",
    rules = {"collectVotes", "keepVotes", "countYes", "findNo", "decideCommit", "logCommit", "sendCommit", "replyAborted",
        "rememberCommitted", "rememberAborted", "undecided", "answerCommitted", "answerAborted"},
    into = "Committer")
@Decouple(role = "Coordinator", rules = {"collectAcks", "keepAcks", "countAcks", "finish", "rememberEnded", "replyCommitted"},
    into = "Ender")
@Decouple(role = "Participant", rules = {"logCommitted", "learnCommitted", "acknowledge"}, into = "Acker")
@Partition(role = "VoteRequester", key = "ClientIn.id")
@Partition(role = "Participant", key = "VoteReq.id")
@Partition(role = "Acker", key = "Decision.id")
@Partition(role = "Committer", key = "Vote.id")
@Partition(role = "Ender", key = "Ack.id")
@Dedalus
public interface TwoPhaseCommit {
  /** A client's transaction: where to reply, its id and its payload. */
  @Input(role = "Coordinator") record ClientIn(Location client, long id, String payload) {}

  /** The outcome of transaction {@code id}. */
  @Output record ClientOut(long id, boolean committed) {}

  @Config(addressesOf = "Participant") record Participants(Location addr) {}

  @Config(countOf = "Participant") record NumParticipants(long n) {}

  @Config(addressesOf = "Coordinator") record CoordinatorAddr(Location addr) {}

  @Config(instanceIndex = true) record MyId(int id) {}

  /** Fires at a node's first tick, and hourly after that: when a restarted participant asks. */
  @Timer(periodMillis = 3_600_000) record Startup() {}

  /** Phase one: the coordinator asks a participant to vote. */
  record VoteReq(Location client, long id, String payload) {}

  /** A participant's prepare record: written before it votes. */
  @Durable record Prepared(Location client, long id, String payload) {}

  record Vote(int participant, Location client, long id, boolean yes) {}

  /** The votes of a transaction that is not decided yet. */
  record AllVotes(int participant, Location client, long id, boolean yes) {}

  record YesCount(long n, Location client, long id) {}

  record AnyNo(Location client, long id) {}

  record CommitDecision(Location client, long id) {}

  /** The coordinator's commit record: written before the decision is sent. */
  @Durable record CommitRecord(Location client, long id) {}

  /** Transactions decided by this coordinator's memory, so late votes are ignored. */
  @Persist record Decided(Location client, long id) {}

  /** Transactions the coordinator holds votes for. */
  record Undecided(Location client, long id) {}

  /** A restarted participant's question about a transaction it prepared. */
  record Inquiry(Location participant, Location client, long id) {}

  /** Phase two: the transaction committed. */
  record Decision(Location client, long id, boolean committed) {}

  /**
   * The answer to an inquiry: whether the transaction committed. A participant logs a commit it
   * learns this way but does not acknowledge it: the coordinator replied, or gave up, long ago.
   */
  record Outcome(Location client, long id, boolean committed) {}

  /** A participant's commit record: written before it acknowledges. */
  @Durable record Committed(Location client, long id) {}

  record Ack(int participant, Location client, long id) {}

  record AllAcks(int participant, Location client, long id) {}

  record AckCount(long n, Location client, long id) {}

  record Finished(Location client, long id) {}

  /** Transactions already replied to, so late acknowledgements are ignored. */
  @Persist record Ended(Location client, long id) {}

  /**
   * Participant {@code participant}'s vote on {@code payload}: yes, unless the payload is
   * {@code "abort"} (every participant votes no) or {@code "abort@i"} (participant i votes no).
   */
  @Pure
  static boolean votesYes(String payload, int participant) {
    return !payload.equals("abort") && !payload.equals("abort@" + participant);
  }

  @Role
  interface Coordinator {
    @Rule("VoteReq@p(client, id, payload) :~ ClientIn(client, id, payload), Participants(p)")
    void requestVotes();

    // ---- committer: votes, the decision and the commit record

    @Rule("AllVotes(i, client, id, yes) :- Vote(i, client, id, yes), !Decided(client, id)")
    void collectVotes();

    @Rule("AllVotes(i, client, id, yes) :+ AllVotes(i, client, id, yes), !CommitDecision(client, id), !AnyNo(client, id)")
    void keepVotes();

    @Rule("YesCount(count(i), client, id) :- AllVotes(i, client, id, true)")
    void countYes();

    @Rule("AnyNo(client, id) :- AllVotes(_, client, id, false)")
    void findNo();

    @Rule("CommitDecision(client, id) :- YesCount(n, client, id), NumParticipants(n)")
    void decideCommit();

    @Rule("CommitRecord(client, id) :- CommitDecision(client, id)")
    void logCommit();

    @Rule("Decision@p(client, id, true) :~ CommitDecision(client, id), Participants(p)")
    void sendCommit();

    @Rule("ClientOut@client(id, false) :~ AnyNo(client, id)")
    void replyAborted();

    @Rule("Decided(client, id) :+ CommitDecision(client, id)")
    void rememberCommitted();

    @Rule("Decided(client, id) :+ AnyNo(client, id)")
    void rememberAborted();

    @Rule("Undecided(client, id) :- AllVotes(_, client, id, _)")
    void undecided();

    @Rule("Outcome@p(client, id, true) :~ Inquiry(p, client, id), CommitRecord(client, id)")
    void answerCommitted();

    @Rule("Outcome@p(client, id, false) :~ Inquiry(p, client, id), !CommitRecord(client, id), !Undecided(client, id)")
    void answerAborted();

    // ---- ender: acknowledgements and the reply

    @Rule("AllAcks(i, client, id) :- Ack(i, client, id), !Ended(client, id)")
    void collectAcks();

    @Rule("AllAcks(i, client, id) :+ AllAcks(i, client, id), !Finished(client, id)")
    void keepAcks();

    @Rule("AckCount(count(i), client, id) :- AllAcks(i, client, id)")
    void countAcks();

    @Rule("Finished(client, id) :- AckCount(n, client, id), NumParticipants(n)")
    void finish();

    @Rule("Ended(client, id) :+ Finished(client, id)")
    void rememberEnded();

    @Rule("ClientOut@client(id, true) :~ Finished(client, id)")
    void replyCommitted();
  }

  @Role
  interface Participant {
    // ---- voter

    @Rule("Prepared(client, id, payload) :- VoteReq(client, id, payload)")
    void prepare();

    @Rule("Vote@c(i, client, id, yes) :~ VoteReq(client, id, payload), CoordinatorAddr(c), MyId(i), yes = votesYes(payload, i)")
    void vote();

    @Rule("Inquiry@c(self, client, id) :~ Startup(), Prepared(client, id, _), CoordinatorAddr(c)")
    void inquire();

    // ---- acker

    @Rule("Committed(client, id) :- Decision(client, id, true)")
    void logCommitted();

    @Rule("Committed(client, id) :- Outcome(client, id, true)")
    void learnCommitted();

    @Rule("Ack@c(i, client, id) :~ Decision(client, id, true), CoordinatorAddr(c), MyId(i)")
    void acknowledge();
  }
}
