package dev.dedalus.jmh;

import dev.dedalus.runtime.aeron.CpuReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds, per iteration of a cluster benchmark, the projected throughput (committed requests / the
 * largest busy CPU time of any node in the iteration: the rate if every node had its own core and
 * the network were free) and the bottleneck node's name, as JMH secondary results.
 */
public final class CpuProfiler implements InternalProfiler {
  private CpuReport before;

  @Override
  public String getDescription() {
    return "projected throughput and bottleneck node of a Dedalus cluster, from per-node busy CPU time";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = ClusterProbe.report();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
      IterationResult result) {
    CpuReport after = ClusterProbe.report();
    if (after == null) {
      return List.of();
    }
    if (before == null) {
      // The trial's setup runs inside its first iteration: that iteration counts from the start.
      before = new CpuReport(List.of(), 0);
    }
    Map<String, CpuReport.NodeCost> earlier = new HashMap<>();
    before.nodes().forEach(n -> earlier.put(n.node(), n));
    List<CpuReport.NodeCost> delta = new ArrayList<>();
    for (CpuReport.NodeCost n : after.nodes()) {
      CpuReport.NodeCost b = earlier.get(n.node());
      delta.add(b == null ? n : new CpuReport.NodeCost(n.node(), n.busyCpuSeconds() - b.busyCpuSeconds(),
          n.factsReceived() - b.factsReceived(), n.factsSent() - b.factsSent()));
    }
    CpuReport iteration = new CpuReport(delta, after.committed() - before.committed());
    CpuReport.NodeCost bottleneck = iteration.bottleneck();
    double cpuPerRequestMicros = iteration.committed() > 0 ? bottleneck.busyCpuSeconds() * 1e6 / iteration.committed() : 0;
    return List.of(
        new ScalarResult("projected", iteration.projectedThroughput(), "req/s", AggregationPolicy.AVG),
        new ScalarResult(bottleneckLabel(bottleneck.node()), cpuPerRequestMicros, "us CPU/req", AggregationPolicy.AVG));
  }

  /**
   * The secondary result's label for the bottleneck node, e.g. {@code bottleneck=Replica(0)@6} for
   * node {@code Replica[0]@6}: JMH's JSON writer breaks lines at every bracket, brace and comma,
   * inside strings too, so a label holding one makes the {@code -rf json} file invalid JSON.
   */
  static String bottleneckLabel(String node) {
    return "bottleneck=" + node.replace('[', '(').replace(']', ')').replace('{', '(').replace('}', ')')
        .replace(',', ';');
  }
}
