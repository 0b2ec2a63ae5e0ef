package example;

import dev.dedalus.Config;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/** Voting with typical mistakes; each rule below draws one diagnostic. */
@Dedalus
public interface Voting {
  @Input record ClientIn(Location client, long id, String payload) {}
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
    /** A typo in a relation name. */
    @Rule("VoteReq@p(client, id, payload) :~ ClientIn(client, id, payload), Participant(p)")
    void broadcast();

    /** A missing comma. */
    @Rule("AllVotes(from, client, id v) :- Vote(from, client, id, v)")
    void collect();

    /** Negation through recursion. */
    @Rule("AllVotes(from, client, id, v) :- Vote(from, client, id, v), !Committed(client, id, _)")
    void retain();

    @Rule("VoteCount(count(from), client, id) :- AllVotes(from, client, id, _)")
    void count();

    /** A string compared with a number. */
    @Rule("Committed(client, id, v) :- VoteCount(n, client, id), NumParticipants(n), AllVotes(_, client, id, v), n > \"0\"")
    void commit();

    /** The reply goes to a participant instead of the client. */
    @Rule("ClientOut@p(id, v) :~ Committed(client, id, v), Participants(p)")
    void reply();
  }

  @Role
  interface Participant {
    @Rule("Vote@leader(self, client, id, payload) :~ VoteReq(client, id, payload), Coordinator(leader)")
    void vote();
  }
}
