package dev.dedalus.jmh;

import org.agrona.IoUtil;
import dev.dedalus.protocols.twopc.TwoPhaseCommitWorkload;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.aeron.LocalCluster;
import dev.dedalus.runtime.durable.ChronicleStore;
import dev.dedalus.runtime.durable.LogSync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two-phase commit throughput on a LocalCluster over Aeron IPC, in answered transactions per
 * second (one in {@value TwoPhaseCommitWorkload#ABORT_EVERY} is voted down), with closed-loop
 * clients: the base plan and the optimized plan (decoupled and partitioned) at 1, 3 and 5
 * partitions, with durable relations in memory only ({@code none}) or appended to Chronicle queues
 * ({@code os}) in a fresh temporary directory. The CPU profiler adds each run's projected throughput
 * and bottleneck node.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 2, time = 5)
@Fork(value = 1, jvmArgsAppend = {Flags.OPENS_MISC, Flags.OPENS_ZIP, Flags.NO_ANALYTICS, Flags.EXPORTS_REF,
    Flags.EXPORTS_NIO, Flags.EXPORTS_UNSAFE, Flags.EXPORTS_JAVAC_FILE, Flags.OPENS_JAVAC, Flags.OPENS_LANG,
    Flags.OPENS_REFLECT, Flags.OPENS_IO, Flags.OPENS_UTIL})
public class TwoPhaseCommitBenchmark {
  /** Transactions per benchmark invocation. */
  static final int BATCH = 2_000;

  /** base, or optimized-N with N partitions. */
  @Param({"base", "optimized-1", "optimized-3", "optimized-5"})
  public String config;

  /** The durable log's sync level: none or os. */
  @Param({"none", "os"})
  public String logSync;

  /** Enough closed-loop clients to saturate the base plan on two cores. */
  @Param({"64"})
  public int clients;

  private Path data;
  private LocalCluster cluster;
  private ClosedLoopClients load;

  @Setup(Level.Trial)
  public void start() throws IOException {
    TwoPhaseCommitWorkload twoPc = new TwoPhaseCommitWorkload();
    Topology topology = config.equals("base")
        ? twoPc.topology("base", 1)
        : twoPc.topology("optimized", Integer.parseInt(config.substring("optimized-".length())));
    data = Files.createTempDirectory("dedalus-bench-2pc-");
    cluster = LocalCluster.start(topology,
        LocalCluster.Options.defaults().withDurableStore(ChronicleStore.of(data, LogSync.parse(logSync))));
    load = new ClosedLoopClients(cluster, twoPc, clients);
    ClusterProbe.publish(cluster, load::committed);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void answeredTransactions() {
    load.run(BATCH);
  }

  @TearDown(Level.Trial)
  public void stop() {
    ClusterProbe.freeze();
    load.close();
    cluster.close();
    IoUtil.delete(data.toFile(), false);
  }
}
