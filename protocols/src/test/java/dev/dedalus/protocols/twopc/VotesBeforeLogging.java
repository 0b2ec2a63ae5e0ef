package dev.dedalus.protocols.twopc;

import dev.dedalus.Config;
import dev.dedalus.Dedalus;
import dev.dedalus.Durable;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Persist;
import dev.dedalus.Pure;
import dev.dedalus.Role;
import dev.dedalus.Rule;
import dev.dedalus.Timer;

/**
 * A broken {@link TwoPhaseCommit}, the negative control of the atomicity test: a participant writes
 * its prepare record in the tick after it votes (through a one-tick relation derived by {@code :+};
 * a {@code :+} straight into the durable relation would still be committed with the vote's tick),
 * so a crash between the two ticks loses the record of a yes vote that the coordinator counts. Otherwise the same program, base plan
 * only.
 */
@Dedalus
public interface VotesBeforeLogging {
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

  /** The broken part: the request a participant voted on, held for the next tick. */
  record PrepareLater(Location client, long id, String payload) {}

  /** A participant's prepare record: written in the tick after it votes. */
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

    @Rule("PrepareLater(client, id, payload) :+ VoteReq(client, id, payload)")
    void prepareLater();

    @Rule("Prepared(client, id, payload) :- PrepareLater(client, id, payload)")
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
