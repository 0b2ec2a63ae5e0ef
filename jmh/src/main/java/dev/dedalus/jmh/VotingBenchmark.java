package dev.dedalus.jmh;

import dev.dedalus.protocols.voting.VotingWorkload;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.aeron.LocalCluster;
import java.io.IOException;
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
 * Voting throughput on a LocalCluster over Aeron IPC, in committed requests per second, with
 * closed-loop clients: the generated base plan, the hand-written baseline, and the optimized plan
 * (decoupled and partitioned) at 1, 3 and 5 partitions, each with frame authentication off and on.
 * The CPU profiler adds each run's projected
 * throughput and bottleneck node.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 2, time = 5)
@Fork(value = 1, jvmArgsAppend = {Flags.OPENS_MISC, Flags.OPENS_ZIP, Flags.NO_ANALYTICS})
public class VotingBenchmark {
  /** Requests per benchmark invocation. */
  static final int BATCH = 2_000;

  /** base, handwritten, or optimized-N with N partitions. */
  @Param({"base", "handwritten", "optimized-1", "optimized-3", "optimized-5"})
  public String config;

  /** Enough closed-loop clients to saturate the base plan on two cores. */
  @Param({"64"})
  public int clients;

  /**
   * Frame authentication: {@code off} seals frames with a CRC32C (no keys), {@code on} with a
   * SipHash-2-4-128 MAC under fresh cluster and client keys. Compare the two within one run.
   */
  @Param({"off", "on"})
  public String auth;

  private LocalCluster cluster;
  private ClosedLoopClients load;

  @Setup(Level.Trial)
  public void start() throws IOException {
    VotingWorkload voting = new VotingWorkload();
    Topology topology;
    if (config.equals("handwritten")) {
      topology = Topology.builder(HandWrittenVoting.INSTANCE).instances("Participant", VotingWorkload.PARTICIPANTS).build();
    } else if (config.equals("base")) {
      topology = voting.topology("base", 1);
    } else {
      topology = voting.topology("optimized", Integer.parseInt(config.substring("optimized-".length())));
    }
    cluster = LocalCluster.start(topology, LocalCluster.Options.defaults().withKeys(TemporaryKeys.forAuth(auth)));
    load = new ClosedLoopClients(cluster, voting, clients);
    ClusterProbe.publish(cluster, load::committed);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void committedRequests() {
    load.run(BATCH);
  }

  @TearDown(Level.Trial)
  public void stop() {
    ClusterProbe.freeze();
    load.close();
    cluster.close();
  }
}
