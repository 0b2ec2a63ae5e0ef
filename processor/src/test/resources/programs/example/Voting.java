package example;

import dev.dedalus.Answered;
import dev.dedalus.Config;
import dev.dedalus.Decouple;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Partition;
import dev.dedalus.Persist;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/** Base voting: a leader broadcasts each request, collects every participant's vote, and replies. */
@Decouple(role = "Leader", rules = {"broadcast"}, into = "Broadcaster")
@Decouple(role = "Leader", rules = {"collect", "retain", "count", "commit", "reply"}, into = "Collector")
@Partition(role = "Broadcaster", key = "ClientIn.id")
@Partition(role = "Participant", key = "VoteReq.id")
@Partition(role = "Collector", key = "Vote.id")
@Dedalus
public interface Voting {
  @Input @Answered(by = "ClientOut", key = "id") record ClientIn(Location client, long id, String payload) {}
  @Output record ClientOut(long id, String payload) {}
  @Config(addressesOf = "Participant") record Participants(Location addr) {}
  @Config(countOf = "Participant") record NumParticipants(long n) {}
  @Config(addressesOf = "Leader") record Coordinator(Location addr) {}

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

    @Rule("AllVotes(from, client, id, v) :- Vote(from, client, id, v)")
    void collect();

    /** Votes are kept until their request commits. */
    @Rule("AllVotes(from, client, id, v) :+ AllVotes(from, client, id, v), !Committed(client, id, _)")
    void retain();

    @Rule("VoteCount(count(from), client, id) :- AllVotes(from, client, id, _)")
    void count();

    @Rule("Committed(client, id, v) :- VoteCount(n, client, id), NumParticipants(n), AllVotes(_, client, id, v)")
    void commit();

    @Rule("ClientOut@client(id, v) :~ Committed(client, id, v)")
    void reply();
  }

  @Role
  interface Participant {
    @Rule("Vote@leader(self, client, id, payload) :~ VoteReq(client, id, payload), Coordinator(leader)")
    void vote();
  }
}
