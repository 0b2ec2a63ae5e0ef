package dev.dedalus.jmh;

import dev.dedalus.Location;
import dev.dedalus.protocols.voting.Voting;
import dev.dedalus.protocols.voting.VotingWorkload;
import dev.dedalus.protocols.voting.Voting_Codecs;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.Topology;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The voting leader's tick alone, generated versus hand-written, with no transport: each request
 * arrives, is broadcast, gets its three votes over the next ticks (so votes of about 64 requests
 * are pending at any time, as under 64 closed-loop clients) and commits. Requests per second of
 * one thread: the leader's CPU cost per request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Flags.OPENS_MISC, Flags.OPENS_ZIP, Flags.NO_ANALYTICS})
public class LeaderTickBenchmark {
  static final int PER_TICK = 8;
  static final int IN_FLIGHT = 64;

  @Param({"generated", "handwritten"})
  public String leader;

  private Stage stage;
  private List<Location> participants;
  private final Location client = new Location(Topology.FIRST_CLIENT_ID);
  private long next;
  private long now;
  private Blackhole sink;
  private final Outbound out = new Outbound() {
    @Override
    public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
      sink.consume(fact);
    }
  };

  @Setup(Level.Trial)
  public void setUp(Blackhole blackhole) {
    sink = blackhole;
    DedalusProgram program = leader.equals("generated")
        ? new VotingWorkload().topology("base", 1).program() : HandWrittenVoting.INSTANCE;
    Topology topology = Topology.builder(program).instances("Participant", 3).build();
    stage = topology.newStage(topology.nodes().get(0));
    participants = topology.addressesOf("Participant");
    stage.tick(now++, out);
  }

  /**
   * One tick: PER_TICK new requests, and for older requests one vote each from a participant, so
   * that each request sees its votes spread over three ticks and about IN_FLIGHT are pending.
   */
  @Benchmark
  @OperationsPerInvocation(PER_TICK)
  public void tick() {
    for (int i = 0; i < PER_TICK; i++) {
      long id = next + i;
      stage.accept(Voting_Codecs.CLIENT_IN.relationId(), new Voting.ClientIn(client, id, "p" + id));
      for (int p = 0; p < 3; p++) {
        long voted = id - IN_FLIGHT + p * (IN_FLIGHT / 3);
        if (voted >= 0) {
          stage.accept(Voting_Codecs.VOTE.relationId(),
              new Voting.Vote(participants.get(p), client, voted, "p" + voted));
        }
      }
    }
    next += PER_TICK;
    stage.tick(now++, out);
  }
}
