package dev.dedalus.jmh;

import dev.dedalus.Location;
import dev.dedalus.jmh.isolation.CoHashSplit;
import dev.dedalus.jmh.isolation.CoHashSplit_Plans;
import dev.dedalus.jmh.isolation.DependencySplit;
import dev.dedalus.jmh.isolation.DependencySplit_Plans;
import dev.dedalus.jmh.isolation.FunctionalSplit;
import dev.dedalus.jmh.isolation.FunctionalSplit_Plans;
import dev.dedalus.jmh.isolation.MiSplit;
import dev.dedalus.jmh.isolation.MiSplit_Plans;
import dev.dedalus.jmh.isolation.MonotonicSplit;
import dev.dedalus.jmh.isolation.MonotonicSplit_Plans;
import dev.dedalus.jmh.isolation.Work;
import dev.dedalus.protocols.load.Workload;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.aeron.LocalCluster;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
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
 * Each rewrite in isolation, as in the paper's microbenchmarks: a small program whose worker node
 * is the bottleneck (SHA-256 rounds per request), and a hint that splits the worker in two (a new
 * node, or 2 partitions). The ideal gain is 2x; compare the {@code projected} secondary result of
 * the optimized plan with the base plan's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 4)
@Measurement(iterations = 2, time = 4)
@Fork(value = 1, jvmArgsAppend = {Flags.OPENS_MISC, Flags.OPENS_ZIP, Flags.NO_ANALYTICS})
public class RewriteIsolationBenchmark {
  static final int BATCH = 200;

  /** One program per rewrite: how to build its plans, send its request, and count its replies. */
  public enum Case {
    MUTUALLY_INDEPENDENT(MiSplit_Plans::plan, MiSplit.In.class, (c, id) -> new MiSplit.In(c, id, "x" + id), 2),
    MONOTONIC(MonotonicSplit_Plans::plan, MonotonicSplit.In.class, (c, id) -> new MonotonicSplit.In(c, id, "x" + id), 2),
    FUNCTIONAL(FunctionalSplit_Plans::plan, FunctionalSplit.In.class, (c, id) -> new FunctionalSplit.In(c, id, "x" + id), 2),
    CO_HASHING(CoHashSplit_Plans::plan, CoHashSplit.In.class, (c, id) -> new CoHashSplit.In(c, id, "x" + id), 1),
    DEPENDENCIES(DependencySplit_Plans::plan, DependencySplit.In.class, (c, id) -> new DependencySplit.In(c, id, "x" + id), 1);

    final Function<String, DedalusProgram> plans;
    final Class<?> input;
    final BiFunction<Location, Long, Object> request;
    final int replies;

    Case(Function<String, DedalusProgram> plans, Class<?> input, BiFunction<Location, Long, Object> request, int replies) {
      this.plans = plans;
      this.input = input;
      this.request = request;
      this.replies = replies;
    }
  }

  @Param({"MUTUALLY_INDEPENDENT", "MONOTONIC", "FUNCTIONAL", "CO_HASHING", "DEPENDENCIES"})
  public Case rewrite;

  @Param({"base", "optimized"})
  public String plan;

  private LocalCluster cluster;
  private ClosedLoopClients load;

  @Setup(Level.Trial)
  public void start() {
    DedalusProgram program = rewrite.plans.apply(plan);
    Topology.Builder topology = Topology.builder(program);
    program.partitionedRoles().forEach(role -> topology.partitions(role, 2));
    cluster = LocalCluster.start(topology.build());
    load = new ClosedLoopClients(cluster, workload(rewrite), 16);
    ClusterProbe.publish(cluster, load::committed);
  }

  private static Workload workload(Case c) {
    return new Workload() {
      @Override
      public String name() {
        return c.name();
      }

      @Override
      public List<String> plans() {
        return List.of("base", "optimized");
      }

      @Override
      public Topology topology(String plan, int partitions) {
        throw new UnsupportedOperationException("the benchmark builds its own topology");
      }

      @Override
      public Object request(Location client, long id) {
        return c.request.apply(client, id);
      }

      @Override
      public Class<?> requestType() {
        return c.input;
      }

      @Override
      public long answeredRequest(Object output) {
        return output instanceof Work.Reply r ? r.id() : -1;
      }

      @Override
      public int repliesPerRequest() {
        return c.replies;
      }
    };
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
