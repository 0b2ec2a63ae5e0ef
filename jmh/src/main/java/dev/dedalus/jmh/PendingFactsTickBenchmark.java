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
 * The voting leader's tick (base plan, three participants, no transport), generated and
 * hand-written, against the number of pending carried facts. Before measuring, {@link #pending} {@code AllVotes} facts are
 * left pending: votes from two of the three participants for {@code pending / 2} requests, which
 * never commit. Each invocation then commits {@link #BATCH} new requests (all three votes of each
 * delivered, ticked until every reply left) and reports the time per committed request.
 *
 * <p>If the tick's cost follows the pending state (the engine copying and recounting carried
 * relations every tick), the time grows with {@link #pending}; if it follows the tick's new facts,
 * it stays flat. {@link BenchmarkMain} prints the largest pending size's cost over the smallest's
 * ({@link PendingFactsRatio}). Uses only the public {@link Stage} API and the generated codecs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Flags.OPENS_MISC, Flags.OPENS_ZIP, Flags.NO_ANALYTICS, "-Xmx4g"})
public class PendingFactsTickBenchmark {
  /** New requests committed per invocation. */
  static final int BATCH = 8;
  /** Votes delivered per tick while setting up the pending state. */
  private static final int SETUP_VOTES_PER_TICK = 50_000;
  /** Ticks an invocation may take before its replies count as missing. */
  private static final int MAX_TICKS = 4;
  /** Ids of measured requests start here, far above the pending requests' ids. */
  private static final long MEASURED_IDS = 1L << 40;
  private static final int VOTE_ID = Voting_Codecs.VOTE.relationId();
  private static final String PAYLOAD = "p";

  /** {@code AllVotes} facts pending (carried from tick to tick) while measuring. */
  @Param({"1000", "10000", "100000", "1000000"})
  public int pending;

  /**
   * The generated base leader, or the hand-written one ({@link HandWrittenVoting}), which keeps its
   * pending votes in plain hash maps: what memory alone costs at each size.
   */
  @Param({"generated", "handwritten"})
  public String leader;

  private Stage stage;
  private List<Location> participants;
  private final Location client = new Location(Topology.FIRST_CLIENT_ID);
  private long next = MEASURED_IDS;
  private long now;
  private long replies;
  private Blackhole sink;
  private final Outbound out = new Outbound() {
    @Override
    public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
      if (codec == Voting_Codecs.CLIENT_OUT) {
        replies++;
      }
      if (sink != null) {
        sink.consume(fact);
      }
    }
  };

  @Setup(Level.Trial)
  public void setUp(Blackhole blackhole) {
    DedalusProgram program = leader.equals("generated")
        ? new VotingWorkload().topology("base", 1).program() : HandWrittenVoting.INSTANCE;
    Topology topology = Topology.builder(program).instances("Participant", 3).build();
    stage = topology.newStage(topology.nodes().get(0));
    participants = topology.addressesOf("Participant");
    if (participants.size() != 3) {
      throw new IllegalStateException("expected 3 participants, got " + participants);
    }
    stage.tick(now++, out);
    int delivered = 0;
    for (long id = 0; id < pending / 2; id++) {
      for (int p = 0; p < 2; p++) { // two of three votes: the request never commits
        stage.accept(VOTE_ID, new Voting.Vote(participants.get(p), client, id, PAYLOAD));
        if (++delivered % SETUP_VOTES_PER_TICK == 0) {
          stage.tick(now++, out);
        }
      }
    }
    int ticks = 0;
    while (stage.tick(now++, out)) {
      if (++ticks > 100) {
        throw new IllegalStateException("the leader did not become quiescent");
      }
    }
    if (replies != 0) {
      throw new IllegalStateException(replies + " pending requests committed during setup");
    }
    sink = blackhole;
  }

  /** Commits BATCH new requests: their three votes each, then ticks until every reply was sent. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void commitBatch() {
    long expected = replies + BATCH;
    for (int i = 0; i < BATCH; i++) {
      long id = next++;
      for (int p = 0; p < 3; p++) {
        stage.accept(VOTE_ID, new Voting.Vote(participants.get(p), client, id, PAYLOAD));
      }
    }
    int ticks = 0;
    do {
      stage.tick(now++, out);
      if (++ticks > MAX_TICKS) {
        throw new IllegalStateException("only " + (replies - expected + BATCH) + " of " + BATCH + " requests committed");
      }
    } while (replies < expected);
  }
}
