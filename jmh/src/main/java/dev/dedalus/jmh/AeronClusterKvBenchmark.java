package dev.dedalus.jmh;

import dev.dedalus.jmh.acluster.AeronClusterKv;
import dev.dedalus.jmh.acluster.KvClients;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The anchor of the Paxos comparison: a replicated key-value store on a three-member Aeron Cluster
 * in this JVM ({@link AeronClusterKv}: loopback UDP, 1 MiB terms, archives under
 * {@code java.io.tmpdir}), in answered requests per second, with closed-loop clients
 * ({@link KvClients}: {@link #sessions} cluster sessions, one outstanding request each, a fraction
 * {@link #putFraction} of puts and the rest gets, every reply checked). The latency profiler adds
 * each iteration's latency percentiles; the teardown prints the trial's.
 *
 * <p>{@link #sync} is how far each member's archive takes an entry before it counts towards a
 * commit: {@code none} is Aeron's default (page cache only, what our durable log calls {@code os}),
 * {@code disk} forces each recorded block to the device (our {@code disk}); see
 * {@link AeronClusterKv.Sync}. No snapshot is taken while measuring: Aeron takes them only when
 * asked.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 2, time = 5)
@Fork(value = 1, jvmArgsAppend = {Flags.OPENS_MISC, Flags.OPENS_ZIP})
public class AeronClusterKvBenchmark {
  /** Requests per benchmark invocation. */
  static final int BATCH = 1_000;

  /** The archives' file sync level: none (page cache, our os) or disk (forced). */
  @Param({"none", "disk"})
  public String sync;

  /** Closed-loop cluster sessions, one outstanding request each. */
  @Param({"64"})
  public int sessions;

  /** Fraction of requests that are puts; the rest are gets. */
  @Param({"0.5"})
  public double putFraction;

  /** Bytes per value. */
  @Param({"16"})
  public int valueSize;

  private AeronClusterKv cluster;
  private KvClients load;

  @Setup(Level.Trial)
  public void start() {
    cluster = AeronClusterKv.start(AeronClusterKv.Options.defaults()
        .withSync(AeronClusterKv.Sync.parse(sync))
        .withMaxSessions(sessions + 8));
    load = new KvClients(cluster, KvClients.Workload.of(sessions, putFraction, valueSize));
    LatencyProbe.publish(load.intervals());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void answeredRequests() {
    load.run(BATCH);
  }

  @TearDown(Level.Trial)
  public void stop() {
    try {
      load.close();
      Histogram h = load.latency();
      System.out.printf("%nAeron Cluster kv, sync %s, %d sessions: %d requests over the trial (warm-up included), "
              + "latency us p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f; %d retried%n",
          sync, sessions, h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
          h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3,
          load.retries());
      List<Throwable> errors = cluster.errors();
      if (!errors.isEmpty()) {
        System.out.println("cluster reported " + errors.size() + " errors, the first: " + errors.get(0));
      }
    } finally {
      cluster.close();
    }
  }
}
