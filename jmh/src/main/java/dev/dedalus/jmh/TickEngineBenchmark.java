package dev.dedalus.jmh;

import dev.dedalus.Location;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.Topology;
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
 * The generated tick alone (no transport): each tick takes {@link #NEW_FACTS} new persisted facts
 * and as many probes, through a join, an anti-join and a count over the persisted relation. With
 * 1,000 or 1,000,000 facts already persisted, the cost per new fact should be the same: the work
 * follows the new facts, not the state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Flags.OPENS_MISC, Flags.OPENS_ZIP, Flags.NO_ANALYTICS, "-Xmx4g"})
public class TickEngineBenchmark {
  static final int NEW_FACTS = 100;
  private static final int LOAD_ID = TickBench_Codecs.LOAD.relationId();
  private static final int PROBE_ID = TickBench_Codecs.PROBE.relationId();

  /** Facts persisted before measuring. */
  @Param({"1000", "1000000"})
  public int persisted;

  private Stage stage;
  private long nextKey;
  private long now;
  private final Location client = new Location(Topology.FIRST_CLIENT_ID);
  private Blackhole sink;
  private final Outbound out = new Outbound() {
    @Override
    public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
      sink.consume(fact);
    }
  };

  @Setup(Level.Trial)
  public void load(Blackhole blackhole) {
    sink = blackhole;
    Topology topology = Topology.builder(TickBench_Program.INSTANCE).build();
    stage = topology.newStage(topology.nodes().get(0));
    for (long k = 0; k < persisted; k++) {
      stage.accept(LOAD_ID, new TickBench.Load(k, k % 1_000));
      if (k % 10_000 == 9_999) {
        stage.tick(now++, out);
      }
    }
    stage.tick(now++, out);
    nextKey = persisted;
  }

  /** One tick: NEW_FACTS new state facts and NEW_FACTS probes (half hit, half miss). */
  @Benchmark
  @OperationsPerInvocation(2 * NEW_FACTS)
  public void tick() {
    for (int i = 0; i < NEW_FACTS; i++) {
      long k = nextKey++;
      stage.accept(LOAD_ID, new TickBench.Load(k, k % 1_000));
      stage.accept(PROBE_ID, new TickBench.Probe(client, (i & 1) == 0 ? k - NEW_FACTS : -k));
    }
    stage.tick(now++, out);
  }
}
