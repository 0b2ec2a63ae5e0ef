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

/**
 * Two-phase commit with presumed abort: participants log before they vote and before they ack.
 *
 * <p>The example as first written, kept to show what {@code [DedalusEndlessSend]} is about: the
 * coordinator persists every vote and ack forever, so {@code abort} (reported), {@code commit} and
 * {@code done} (not reported: a count compared for equality could grow past it) send again in every
 * later tick, and commits and acks chase each other without end. See {@code programs/example}.
 */
@Dedalus
public interface TwoPhaseCommit {
  @Input(role = "Coordinator") record ClientIn(Location client, long id, String payload) {}
  @Output record ClientOut(long id, boolean committed) {}
  @Config(addressesOf = "Participant") record Participants(Location addr) {}
  @Config(countOf = "Participant") record NumParticipants(long n) {}
  @Config(addressesOf = "Coordinator") record CoordinatorAddr(Location addr) {}
  @Config(instanceIndex = true) record MyId(int id) {}

  record VoteReq(Location client, long id, String payload) {}
  @Durable record LogVote(Location client, long id, String payload) {}
  record LogVoteComplete(Location client, long id, String payload) {}
  record Vote(int participant, Location client, long id, boolean yes) {}
  @Persist record AllVotes(int participant, Location client, long id, boolean yes) {}
  record YesCount(long n, Location client, long id) {}
  record AnyNo(Location client, long id) {}
  record Commit(Location client, long id) {}
  @Durable record LogCommit(Location client, long id) {}
  record Ack(int participant, Location client, long id) {}
  @Persist record AllAcks(int participant, Location client, long id) {}
  record AckCount(long n, Location client, long id) {}

  /** A participant votes yes on any non-empty payload. */
  static boolean acceptable(String payload) {
    return !payload.isEmpty();
  }

  @Role
  interface Coordinator {
    @Rule("VoteReq@p(client, id, payload) :~ ClientIn(client, id, payload), Participants(p)")
    void voteReq();

    @Rule("AllVotes(i, client, id, ok) :- Vote(i, client, id, ok)")
    void votes();

    @Rule("YesCount(count(i), client, id) :- AllVotes(i, client, id, true)")
    void yesCount();

    @Rule("AnyNo(client, id) :- AllVotes(_, client, id, false)")
    void anyNo();

    @Rule("Commit@p(client, id) :~ YesCount(n, client, id), NumParticipants(n), Participants(p)")
    void commit();

    @Rule("ClientOut@client(id, false) :~ AnyNo(client, id)")
    void abort();

    @Rule("AllAcks(i, client, id) :- Ack(i, client, id)")
    void acks();

    @Rule("AckCount(count(i), client, id) :- AllAcks(i, client, id)")
    void ackCount();

    @Rule("ClientOut@client(id, true) :~ AckCount(n, client, id), NumParticipants(n)")
    void done();
  }

  @Role
  interface Participant {
    /** The vote is logged before it is sent: the send waits for the next tick. */
    @Rule("LogVote(client, id, p) :- VoteReq(client, id, p)")
    void logVote();

    @Rule("LogVoteComplete(client, id, p) :+ VoteReq(client, id, p)")
    void logVoteComplete();

    @Rule("Vote@c(i, client, id, ok) :~ LogVoteComplete(client, id, p), CoordinatorAddr(c), MyId(i), ok = acceptable(p)")
    void vote();

    @Rule("LogCommit(client, id) :- Commit(client, id)")
    void logCommit();

    @Rule("Ack@c(i, client, id) :~ Commit(client, id), CoordinatorAddr(c), MyId(i)")
    void ack();
  }
}
