package example;

import dev.dedalus.Config;
import dev.dedalus.Dedalus;
import dev.dedalus.Durable;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/**
 * Two-phase commit with presumed abort. Participants log before they vote and before they ack; the
 * coordinator logs a commit before it sends it, and logs nothing for an abort. Each transaction is
 * answered once: the coordinator keeps votes only until all are in, and acks until all are in.
 */
@Dedalus
public interface TwoPhaseCommit {
  @Input(role = "Coordinator") record ClientIn(Location client, long id, String payload) {}
  @Output record ClientOut(long id, boolean committed) {}
  @Config(addressesOf = "Participant") record Participants(Location addr) {}
  @Config(countOf = "Participant") record NumParticipants(long n) {}
  @Config(addressesOf = "Coordinator") record CoordinatorAddr(Location addr) {}
  @Config(instanceIndex = true) record MyId(int id) {}

  // the coordinator
  record Vote(int participant, Location client, long id, boolean yes) {}
  record AllVotes(int participant, Location client, long id, boolean yes) {}
  record VoteCount(long n, Location client, long id) {}
  record YesCount(long n, Location client, long id) {}
  record AllVoted(Location client, long id) {}
  record CommitDecided(Location client, long id) {}
  @Durable record CommitLog(Location client, long id) {}
  record CommitLogged(Location client, long id) {}
  record Ack(int participant, Location client, long id) {}
  record AllAcks(int participant, Location client, long id) {}
  record AckCount(long n, Location client, long id) {}
  record AllAcked(Location client, long id) {}

  // the participants
  record VoteReq(Location client, long id, String payload) {}
  @Durable record LogVote(Location client, long id, String payload) {}
  record LogVoteComplete(Location client, long id, String payload) {}
  record Commit(Location client, long id) {}
  @Durable record LogCommit(Location client, long id) {}
  record LogCommitComplete(Location client, long id) {}

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

    /** Votes are kept until every participant has voted: then the transaction is decided. */
    @Rule("AllVotes(i, client, id, ok) :+ AllVotes(i, client, id, ok), !AllVoted(client, id)")
    void retainVotes();

    @Rule("VoteCount(count(i), client, id) :- AllVotes(i, client, id, _)")
    void voteCount();

    @Rule("YesCount(count(i), client, id) :- AllVotes(i, client, id, true)")
    void yesCount();

    /** Holds in the one tick the last vote arrives. */
    @Rule("AllVoted(client, id) :- VoteCount(n, client, id), NumParticipants(n)")
    void allVoted();

    @Rule("CommitDecided(client, id) :- YesCount(n, client, id), NumParticipants(n)")
    void decideCommit();

    /** The commit is logged before it is sent: the send waits for the next tick. */
    @Rule("CommitLog(client, id) :- CommitDecided(client, id)")
    void logDecision();

    @Rule("CommitLogged(client, id) :+ CommitDecided(client, id)")
    void commitLogged();

    @Rule("Commit@p(client, id) :~ CommitLogged(client, id), Participants(p)")
    void commit();

    /** Presumed abort: nothing is logged, the client is told once. */
    @Rule("ClientOut@client(id, false) :~ AllVoted(client, id), !CommitDecided(client, id)")
    void abort();

    @Rule("AllAcks(i, client, id) :- Ack(i, client, id)")
    void acks();

    /** Acks are kept until every participant has acked. */
    @Rule("AllAcks(i, client, id) :+ AllAcks(i, client, id), !AllAcked(client, id)")
    void retainAcks();

    @Rule("AckCount(count(i), client, id) :- AllAcks(i, client, id)")
    void ackCount();

    /** Holds in the one tick the last ack arrives. */
    @Rule("AllAcked(client, id) :- AckCount(n, client, id), NumParticipants(n)")
    void allAcked();

    @Rule("ClientOut@client(id, true) :~ AllAcked(client, id)")
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

    /** The commit is logged before it is acked. */
    @Rule("LogCommit(client, id) :- Commit(client, id)")
    void logCommit();

    @Rule("LogCommitComplete(client, id) :+ Commit(client, id)")
    void logCommitComplete();

    @Rule("Ack@c(i, client, id) :~ LogCommitComplete(client, id), CoordinatorAddr(c), MyId(i)")
    void ack();
  }
}
