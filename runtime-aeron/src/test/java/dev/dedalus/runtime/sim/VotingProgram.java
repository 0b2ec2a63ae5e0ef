package dev.dedalus.runtime.sim;

import static dev.dedalus.runtime.Codecs.readBoolean;
import static dev.dedalus.runtime.Codecs.readInt;
import static dev.dedalus.runtime.Codecs.readLocation;
import static dev.dedalus.runtime.Codecs.readString;
import static dev.dedalus.runtime.Codecs.stringLength;
import static dev.dedalus.runtime.Codecs.writeBoolean;
import static dev.dedalus.runtime.Codecs.writeInt;
import static dev.dedalus.runtime.Codecs.writeLocation;
import static dev.dedalus.runtime.Codecs.writeString;

import dev.dedalus.Location;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.StageContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hand-written two-phase vote, standing in for generated code. A client's request goes to the
 * leader, which asks every participant; each votes (participant i votes no on ids with id % 7 ==
 * i); the leader answers "abort" once any no is known and "commit" once all participants said yes,
 * counting votes as a set, so duplicates do not count twice. In Dedalus:
 *
 * <pre>
 * prepare@p(c, id)          :~ request(c, id), participants(p)
 * vote@leader(self, c, id, ok) :~ prepare(c, id), ok = (id % 7 != myIndex)
 * votes(p, c, id, ok)       :- vote(p, c, id, ok)
 * votes(p, c, id, ok)       :+ votes(p, c, id, ok), !decided(c, id, _)
 * decided(c, id, "abort")   :- votes(_, c, id, false)
 * decided(c, id, "commit")  :- count(yes votes) == |participants|
 * decision@c(id, outcome)   :~ decided(c, id, outcome)
 * </pre>
 *
 * The buggy leader decides as soon as it has any vote: "commit" if no "no" is known yet, which is
 * wrong whenever a yes arrives before the no, which depends on the schedule.
 */
final class VotingProgram implements DedalusProgram {
  static final String LEADER = "leader";
  static final String PARTICIPANT = "participant";

  record Request(Location client, int id) {}

  record Prepare(Location client, int id) {}

  record Vote(Location participant, Location client, int id, boolean yes) {}

  record Decision(int id, String outcome) {}

  record Key(Location client, int id) {}

  static final int REQUEST = 0;
  static final int PREPARE = 1;
  static final int VOTE = 2;
  static final int DECISION = 3;

  final TestCodecs.Stats stats = new TestCodecs.Stats();
  private final boolean buggy;
  private final List<RelationCodec<?>> codecs;

  final RelationCodec<Request> requestCodec;
  final RelationCodec<Prepare> prepareCodec;
  final RelationCodec<Vote> voteCodec;
  final RelationCodec<Decision> decisionCodec;

  VotingProgram(boolean buggy) {
    this.buggy = buggy;
    requestCodec = TestCodecs.codec(REQUEST, "request", Request.class, stats, f -> 12,
        (f, b, o) -> writeInt(b, writeLocation(b, o, f.client()), f.id()),
        (b, c) -> new Request(readLocation(b, c), readInt(b, c)));
    prepareCodec = TestCodecs.codec(PREPARE, "prepare", Prepare.class, stats, f -> 12,
        (f, b, o) -> writeInt(b, writeLocation(b, o, f.client()), f.id()),
        (b, c) -> new Prepare(readLocation(b, c), readInt(b, c)));
    voteCodec = TestCodecs.codec(VOTE, "vote", Vote.class, stats, f -> 21,
        (f, b, o) -> writeBoolean(b, writeInt(b, writeLocation(b, writeLocation(b, o, f.participant()), f.client()), f.id()), f.yes()),
        (b, c) -> new Vote(readLocation(b, c), readLocation(b, c), readInt(b, c), readBoolean(b, c)));
    decisionCodec = TestCodecs.codec(DECISION, "decision", Decision.class, stats, f -> 4 + stringLength(f.outcome()),
        (f, b, o) -> writeString(b, writeInt(b, o, f.id()), f.outcome()),
        (b, c) -> new Decision(readInt(b, c), readString(b, c)));
    codecs = List.of(requestCodec, prepareCodec, voteCodec, decisionCodec);
  }

  /** The decision the correct protocol reaches for a request id with {@code participants} participants. */
  static String expectedOutcome(int id, int participants) {
    return id % 7 < participants ? "abort" : "commit";
  }

  @Override
  public String name() {
    return buggy ? "test.BuggyVoting" : "test.Voting";
  }

  @Override
  public List<String> roles() {
    return List.of(LEADER, PARTICIPANT);
  }

  @Override
  public Stage newStage(String role, StageContext context) {
    return switch (role) {
      case LEADER -> new LeaderStage(context, buggy);
      case PARTICIPANT -> new ParticipantStage(context);
      default -> throw new IllegalArgumentException(role);
    };
  }

  @Override
  public List<RelationCodec<?>> codecs() {
    return codecs;
  }

  @Override
  public String inputRole(Class<?> inputType) {
    return inputType == Request.class ? LEADER : null;
  }

  /** The leader: facts delivered wait in the inbox sets until the next tick uses them. */
  final class LeaderStage implements Stage {
    private final List<Location> participants;
    private final boolean buggy;
    private final Set<Request> requestsIn = new LinkedHashSet<>();
    private final Set<Vote> votesIn = new LinkedHashSet<>();
    /** Carried state: votes of undecided requests, and decisions (kept to answer repeated requests). */
    private final Map<Key, Set<Vote>> votes = new LinkedHashMap<>();
    private final Map<Key, String> decided = new LinkedHashMap<>();

    LeaderStage(StageContext context, boolean buggy) {
      this.participants = context.addressesOf(PARTICIPANT);
      this.buggy = buggy;
    }

    @Override
    public String role() {
      return LEADER;
    }

    @Override
    public boolean accept(int relationId, Object fact) {
      switch (relationId) {
        case REQUEST -> requestsIn.add((Request) fact);
        case VOTE -> votesIn.add((Vote) fact);
        default -> {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean tick(long nowMillis, Outbound out) {
      boolean changed = false;
      for (Request r : requestsIn) {
        Key key = new Key(r.client(), r.id());
        String outcome = decided.get(key);
        if (outcome != null) {
          out.send(r.client(), decisionCodec, new Decision(r.id(), outcome));
        } else {
          for (Location p : participants) {
            out.send(p, prepareCodec, new Prepare(r.client(), r.id()));
          }
        }
      }
      List<Key> touched = new ArrayList<>();
      for (Vote v : votesIn) {
        Key key = new Key(v.client(), v.id());
        if (!decided.containsKey(key) && votes.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(v)) {
          changed = true;
          if (!touched.contains(key)) {
            touched.add(key);
          }
        }
      }
      for (Key key : touched) {
        Set<Vote> vs = votes.get(key);
        boolean anyNo = vs.stream().anyMatch(v -> !v.yes());
        long yes = vs.stream().filter(Vote::yes).map(Vote::participant).distinct().count();
        String outcome = anyNo ? "abort" : (yes == participants.size() || buggy) ? "commit" : null;
        if (outcome != null) {
          decided.put(key, outcome);
          votes.remove(key);
          out.send(key.client(), decisionCodec, new Decision(key.id(), outcome));
        }
      }
      requestsIn.clear();
      votesIn.clear();
      return changed;
    }

    @Override
    public boolean hasInput() {
      return !requestsIn.isEmpty() || !votesIn.isEmpty();
    }

    @Override
    public long nextTimerMillis() {
      return Long.MAX_VALUE;
    }
  }

  /** A participant votes on each prepare it receives and logs what it prepared (lost on a crash). */
  final class ParticipantStage implements Stage {
    private final Location self;
    private final Location leader;
    private final int index;
    private final Set<Prepare> prepareIn = new LinkedHashSet<>();
    private final Set<Prepare> prepared = new LinkedHashSet<>();

    ParticipantStage(StageContext context) {
      this.self = context.self();
      this.leader = context.addressesOf(LEADER).get(0);
      this.index = context.instanceIndex();
    }

    Set<Prepare> prepared() {
      return prepared;
    }

    @Override
    public String role() {
      return PARTICIPANT;
    }

    @Override
    public boolean accept(int relationId, Object fact) {
      if (relationId != PREPARE) {
        return false;
      }
      prepareIn.add((Prepare) fact);
      return true;
    }

    @Override
    public boolean tick(long nowMillis, Outbound out) {
      boolean changed = false;
      for (Prepare p : prepareIn) {
        changed |= prepared.add(p);
        out.send(leader, voteCodec, new Vote(self, p.client(), p.id(), p.id() % 7 != index));
      }
      prepareIn.clear();
      return changed;
    }

    @Override
    public boolean hasInput() {
      return !prepareIn.isEmpty();
    }

    @Override
    public long nextTimerMillis() {
      return Long.MAX_VALUE;
    }
  }
}
