package dev.dedalus.jmh;

import dev.dedalus.Location;
import dev.dedalus.protocols.voting.Voting;
import dev.dedalus.protocols.voting.Voting_Codecs;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.StageContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Base voting written by hand in plain Java, on the same runtime, transport and codecs as the
 * generated plan: no DSL and no generated stage, the obvious efficient code. The leader broadcasts
 * each request, counts distinct voters per request in a hash map, and replies once all have voted.
 * Benchmarked beside the generated base plan, it prices the DSL.
 */
public final class HandWrittenVoting implements DedalusProgram {
  public static final HandWrittenVoting INSTANCE = new HandWrittenVoting();
  static final String LEADER = "Leader";
  static final String PARTICIPANT = "Participant";

  private HandWrittenVoting() {}

  @Override
  public String name() {
    return "hand-written voting";
  }

  @Override
  public List<String> roles() {
    return List.of(LEADER, PARTICIPANT);
  }

  @Override
  public Stage newStage(String role, StageContext context) {
    return role.equals(LEADER) ? new LeaderStage(context) : new ParticipantStage(context);
  }

  @Override
  public List<RelationCodec<?>> codecs() {
    return Voting_Codecs.ALL;
  }

  @Override
  public String inputRole(Class<?> inputType) {
    if (inputType == Voting.ClientIn.class) {
      return LEADER;
    }
    throw new IllegalArgumentException(inputType + " is not an input of voting");
  }

  /** A request in flight: who asked, and which participants have voted. */
  private static final class Pending {
    final String payload;
    final Location[] voters;
    int votes;

    Pending(String payload, int participants) {
      this.payload = payload;
      this.voters = new Location[participants];
    }
  }

  private record Key(Location client, long id) {}

  private static final class LeaderStage implements Stage {
    private final Location[] participants;
    private final List<Voting.ClientIn> requests = new ArrayList<>();
    private final List<Voting.Vote> votes = new ArrayList<>();
    private final Map<Key, Pending> pending = new HashMap<>();

    LeaderStage(StageContext context) {
      this.participants = context.addressesOf(PARTICIPANT).toArray(new Location[0]);
    }

    @Override
    public String role() {
      return LEADER;
    }

    @Override
    public boolean accept(int relationId, Object fact) {
      if (relationId == Voting_Codecs.CLIENT_IN.relationId()) {
        requests.add((Voting.ClientIn) fact);
        return true;
      }
      if (relationId == Voting_Codecs.VOTE.relationId()) {
        votes.add((Voting.Vote) fact);
        return true;
      }
      return false;
    }

    @Override
    public boolean tick(long nowMillis, Outbound out) {
      for (Voting.ClientIn r : requests) {
        for (Location p : participants) {
          out.send(p, Voting_Codecs.VOTE_REQ, new Voting.VoteReq(r.client(), r.id(), r.payload()));
        }
      }
      requests.clear();
      for (Voting.Vote v : votes) {
        Key key = new Key(v.client(), v.id());
        Pending p = pending.get(key);
        if (p == null) {
          p = new Pending(v.payload(), participants.length);
          pending.put(key, p);
        }
        if (!alreadyVoted(p, v.from())) {
          p.voters[p.votes++] = v.from();
          if (p.votes == participants.length) {
            out.send(v.client(), Voting_Codecs.CLIENT_OUT, new Voting.ClientOut(v.id(), p.payload));
            pending.remove(key);
          }
        }
      }
      votes.clear();
      return false;
    }

    private static boolean alreadyVoted(Pending p, Location voter) {
      for (int i = 0; i < p.votes; i++) {
        if (p.voters[i].equals(voter)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean hasInput() {
      return !requests.isEmpty() || !votes.isEmpty();
    }

    @Override
    public long nextTimerMillis() {
      return Long.MAX_VALUE;
    }
  }

  private static final class ParticipantStage implements Stage {
    private final Location self;
    private final Location leader;
    private final List<Voting.VoteReq> requests = new ArrayList<>();

    ParticipantStage(StageContext context) {
      this.self = context.self();
      this.leader = context.addressesOf(LEADER).get(0);
    }

    @Override
    public String role() {
      return PARTICIPANT;
    }

    @Override
    public boolean accept(int relationId, Object fact) {
      if (relationId == Voting_Codecs.VOTE_REQ.relationId()) {
        requests.add((Voting.VoteReq) fact);
        return true;
      }
      return false;
    }

    @Override
    public boolean tick(long nowMillis, Outbound out) {
      for (Voting.VoteReq r : requests) {
        out.send(leader, Voting_Codecs.VOTE, new Voting.Vote(self, r.client(), r.id(), r.payload()));
      }
      requests.clear();
      return false;
    }

    @Override
    public boolean hasInput() {
      return !requests.isEmpty();
    }

    @Override
    public long nextTimerMillis() {
      return Long.MAX_VALUE;
    }
  }
}
