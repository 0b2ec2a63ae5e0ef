package endless;

import dev.dedalus.Config;
import dev.dedalus.Dedalus;
import dev.dedalus.Durable;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Persist;
import dev.dedalus.Role;
import dev.dedalus.Rule;
import dev.dedalus.Timer;

/**
 * A small Multi-Paxos: phase 1 on a heartbeat, slots by index(), acceptors with max ballots and a durable log.
 *
 * <p>The example as first written, kept to show what {@code [DedalusEndlessSend]} is about: the
 * proposer persists every p2b forever, so {@code commit} (reported) answers the client again in
 * every later tick. See {@code programs/example}.
 */
@Dedalus
public interface MiniPaxos {
  @Input record ClientIn(Location client, String payload) {}
  @Output record ClientOut(long slot, String payload) {}
  @Config(addressesOf = "Acceptor") record Acceptors(Location addr) {}
  @Config record Quorum(long size) {}
  @Config(instanceIndex = true) record MyBallot(long ballot) {}
  @Timer(periodMillis = 50) record Heartbeat(long nowMillis) {}

  record P1a(Location proposer, long ballot) {}
  record P1b(Location acceptor, long ballot, long maxBallot) {}
  @Persist record P1bLog(Location acceptor, long ballot) {}
  record P1bCount(long n, long ballot) {}
  record IsLeader() {}
  record Started() {}
  record NextSlot(long slot) {}
  record Indexed(long index, Location client, String payload) {}
  record Used(long n) {}
  record Assigned(long slot, Location client, String payload) {}
  record P2a(Location proposer, long ballot, long slot, Location client, String payload) {}
  record P2b(Location acceptor, long ballot, long slot, Location client, String payload) {}
  @Persist record P2bLog(Location acceptor, long ballot, long slot, Location client, String payload) {}
  record Accepted(long n, long slot, Location client, String payload) {}

  @Persist record Ballots(long ballot) {}
  record MaxBallot(long ballot) {}
  @Durable record Log(long slot, long ballot, Location client, String payload) {}

  @Role
  interface Proposer {
    /** Phase 1a on every heartbeat until elected. */
    @Rule("P1a@a(self, b) :~ Heartbeat(_), MyBallot(b), Acceptors(a), !IsLeader()")
    void prepare();

    /** The alias that persists incoming p1bs. */
    @Rule("P1bLog(a, b) :- P1b(a, b, _)")
    void p1bLog();

    @Rule("P1bCount(count(a), b) :- P1bLog(a, b)")
    void p1bCount();

    @Rule("IsLeader() :- P1bCount(n, b), MyBallot(b), Quorum(q), n >= q")
    void elected();

    @Rule("NextSlot(0) :- Heartbeat(_), !Started()")
    void firstSlot();

    @Rule("Started() :+ Heartbeat(_)")
    void start();

    @Rule("Started() :+ Started()")
    void stayStarted();

    /** Slots are numbered per tick with index(), then offset by the next free slot. */
    @Rule("Indexed(index(), client, payload) :- ClientIn(client, payload), IsLeader()")
    void number();

    @Rule("Used(count(i)) :- Indexed(i, _, _)")
    void used();

    @Rule("Assigned(s + i, client, payload) :- Indexed(i, client, payload), NextSlot(s)")
    void assign();

    @Rule("NextSlot(s + n) :+ NextSlot(s), Used(n)")
    void advance();

    @Rule("NextSlot(s) :+ NextSlot(s), !Used(_)")
    void hold();

    @Rule("P2a@a(self, b, slot, client, payload) :~ Assigned(slot, client, payload), MyBallot(b), Acceptors(a)")
    void propose();

    @Rule("P2bLog(a, b, slot, client, payload) :- P2b(a, b, slot, client, payload)")
    void p2bLog();

    @Rule("Accepted(count(a), slot, client, payload) :- P2bLog(a, _, slot, client, payload)")
    void p2bCount();

    @Rule("ClientOut@client(slot, payload) :~ Accepted(n, slot, client, payload), Quorum(q), n >= q")
    void commit();
  }

  @Role
  interface Acceptor {
    @Rule("Ballots(b) :- P1a(_, b)")
    void ballots();

    /** The highest ballot seen: max over a persisted relation. */
    @Rule("MaxBallot(max(b)) :- Ballots(b)")
    void maxBallot();

    @Rule("P1b@p(self, b, m) :~ P1a(p, b), MaxBallot(m)")
    void promise();

    @Rule("Log(slot, b, client, payload) :- P2a(_, b, slot, client, payload), MaxBallot(m), b >= m")
    void accept();

    @Rule("P2b@p(self, b, slot, client, payload) :~ P2a(p, b, slot, client, payload), MaxBallot(m), b >= m")
    void accepted();
  }
}
