package dev.dedalus.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds, per iteration of a benchmark that published its request latencies to {@link LatencyProbe},
 * the iteration's latency percentiles (p50, p90, p99, p99.9) and maximum in microseconds as JMH
 * secondary results. Percentiles are averaged over iterations, the maximum is the largest.
 */
public final class LatencyProfiler implements InternalProfiler {
  private static final double[] PERCENTILES = {50, 90, 99, 99.9};

  @Override
  public String getDescription() {
    return "request latency percentiles of a benchmark that records them";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    LatencyProbe.interval();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
      IterationResult result) {
    Histogram h = LatencyProbe.interval();
    if (h.getTotalCount() == 0) {
      return List.of();
    }
    List<ScalarResult> results = new ArrayList<>();
    for (double p : PERCENTILES) {
      results.add(new ScalarResult("latency.p" + (p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p)),
          h.getValueAtPercentile(p) / 1e3, "us", AggregationPolicy.AVG));
    }
    results.add(new ScalarResult("latency.max", h.getMaxValue() / 1e3, "us", AggregationPolicy.MAX));
    return results;
  }
}
