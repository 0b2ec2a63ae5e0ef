package dev.dedalus.jmh;

import org.agrona.IoUtil;
import dev.dedalus.jmh.acluster.KvClients;
import dev.dedalus.protocols.paxos.PaxosWorkload;
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
 * Multi-Paxos (base plan: 2 proposers, 3 acceptors, 3 replicas) on a LocalCluster over Aeron IPC,
 * the key-value store driven by 64 closed-loop clients with half puts and half gets of 16-byte
 * values, in answered requests per second; the acceptors' logs appended to Chronicle queues
 * ({@code os}) or forced to the device ({@code disk}). {@link AeronClusterKvBenchmark} runs the
 * same workload on a 3-member Aeron Cluster: its {@code none} (archive sync level 0) matches
 * {@code os} here, its {@code disk} this {@code disk}. To compare like with like, the clients idle
 * as that benchmark's do ({@link KvClients#newIdleStrategy()}) and the latency profiler reports the
 * same percentiles; {@link PaxosVersusAeron} prints the ratios at the end of a run of both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 2, time = 5)
@Fork(value = 1, jvmArgsAppend = {Flags.OPENS_MISC, Flags.OPENS_ZIP, Flags.NO_ANALYTICS, Flags.EXPORTS_REF,
    Flags.EXPORTS_NIO, Flags.EXPORTS_UNSAFE, Flags.EXPORTS_JAVAC_FILE, Flags.OPENS_JAVAC, Flags.OPENS_LANG,
    Flags.OPENS_REFLECT, Flags.OPENS_IO, Flags.OPENS_UTIL})
public class PaxosBenchmark {
  /** Requests per benchmark invocation. */
  static final int BATCH = 1_000;

  /** The acceptors' log sync level: os or disk. */
  @Param({"os", "disk"})
  public String logSync;

  @Param({"64"})
  public int clients;

  private Path data;
  private LocalCluster cluster;
  private ClosedLoopClients load;

  @Setup(Level.Trial)
  public void start() throws IOException {
    PaxosWorkload paxos = new PaxosWorkload();
    data = Files.createTempDirectory("dedalus-bench-paxos-");
    cluster = LocalCluster.start(paxos.topology("base", 1),
        LocalCluster.Options.defaults().withDurableStore(ChronicleStore.of(data, LogSync.parse(logSync))));
    load = new ClosedLoopClients(cluster, paxos, clients, KvClients.newIdleStrategy());
    ClusterProbe.publish(cluster, load::committed);
    LatencyProbe.publish(load.intervals());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void answeredRequests() {
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
