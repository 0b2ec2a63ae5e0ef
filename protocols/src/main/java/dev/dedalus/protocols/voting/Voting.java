package dev.dedalus.protocols.voting;

import dev.dedalus.Config;
import dev.dedalus.Decouple;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Partition;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/**
 * Base voting, as in the paper: one leader and its participants. The leader broadcasts each client
 * request to every participant, keeps the votes until the request commits, counts them, commits
 * when every participant has voted, and replies to the client.
 *
 * <p>The optimized plan applies the paper's decouplings: broadcasting moves into a Broadcaster
 * (functional decoupling) and vote collection and commit into a Collector (mutually independent
 * decoupling), so the leader only forwards client requests. Then broadcasters, every participant
 * and collectors are partitioned on the request id: with n partitions it runs 1 leader, n
 * broadcasters, 3 x n participant partitions and n collectors, 26 nodes at n = 5.
 */
@Decouple(role = "Leader", rules = {"broadcast"}, into = "Broadcaster")
@Decouple(role = "Leader", rules = {"collect", "retain", "count", "commit", "reply"}, into = "Collector")
@Partition(role = "Broadcaster", key = "ClientIn.id")
@Partition(role = "Participant", key = "VoteReq.id")
@Partition(role = "Collector", key = "Vote.id")
@Dedalus
public interface Voting {
  /** A client's request: where to reply, the request's id and its payload. */
  @Input record ClientIn(Location client, long id, String payload) {}

  /** The reply to a committed request. */
  @Output record ClientOut(long id, String payload) {}

  @Config(addressesOf = "Participant") record Participants(Location addr) {}

  @Config(countOf = "Participant") record NumParticipants(long n) {}

  @Config(addressesOf = "Leader") record Leaders(Location addr) {}

  record VoteReq(Location client, long id, String payload) {}

  record Vote(Location from, Location client, long id, String payload) {}

  record AllVotes(Location from, Location client, long id, String payload) {}

  record VoteCount(long n, Location client, long id) {}

  record Committed(Location client, long id, String payload) {}

  @Role
  interface Leader {
    /** Sends each client request to every participant. */
    @Rule("VoteReq@p(client, id, payload) :~ ClientIn(client, id, payload), Participants(p)")
    void broadcast();

    /** Collects the votes that arrive in this tick. */
    @Rule("AllVotes(from, client, id, v) :- Vote(from, client, id, v)")
    void collect();

    /** Keeps the votes of a request until it commits. */
    @Rule("AllVotes(from, client, id, v) :+ AllVotes(from, client, id, v), !Committed(client, id, _)")
    void retain();

    /** Counts the distinct participants that voted for each request. */
    @Rule("VoteCount(count(from), client, id) :- AllVotes(from, client, id, _)")
    void count();

    /** A request commits once every participant has voted for it. */
    @Rule("Committed(client, id, v) :- VoteCount(n, client, id), NumParticipants(n), AllVotes(_, client, id, v)")
    void commit();

    /** Replies to the client that sent the request. */
    @Rule("ClientOut@client(id, v) :~ Committed(client, id, v)")
    void reply();
  }

  @Role
  interface Participant {
    /** Votes for every request it receives. */
    @Rule("Vote@leader(self, client, id, payload) :~ VoteReq(client, id, payload), Leaders(leader)")
    void vote();
  }
}
