package dev.dedalus.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The comparison the Paxos issue asks for, printed at the end of a JMH run that measured both
 * {@link PaxosBenchmark} and {@link AeronClusterKvBenchmark}: per durability level, both
 * throughputs and latency percentiles side by side and ours / Aeron, as a Markdown table, so that
 * {@code docs/BENCHMARKS.md} takes the run's figures instead of sums done by hand. Configurations
 * pair up on durability (our {@code os} with Aeron's {@code none}: both stop at the page cache;
 * {@code disk} with {@code disk}) and on the number of clients; anything unpaired is left out.
 */
final class PaxosVersusAeron {
  /** The latency secondary results of {@link LatencyProfiler}, in the order printed. */
  static final List<String> LATENCIES = List.of("latency.p50", "latency.p90", "latency.p99", "latency.p99.9",
      "latency.max");

  private static final String OURS = PaxosBenchmark.class.getName() + ".";
  private static final String AERON = AeronClusterKvBenchmark.class.getName() + ".";

  private PaxosVersusAeron() {}

  /**
   * One benchmark configuration's result.
   *
   * @param benchmark the benchmark method's full name
   * @param params its JMH parameters
   * @param score the primary result (requests per second)
   * @param secondary the secondary results by label (latencies in microseconds)
   */
  record Measured(String benchmark, Map<String, String> params, double score, Map<String, Double> secondary) {}

  /** The results of a run, as {@link Measured}. */
  static List<Measured> of(Collection<RunResult> results) {
    List<Measured> measured = new ArrayList<>();
    for (RunResult r : results) {
      Map<String, String> params = new LinkedHashMap<>();
      for (String key : r.getParams().getParamsKeys()) {
        params.put(key, r.getParams().getParam(key));
      }
      Map<String, Double> secondary = new LinkedHashMap<>();
      for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
        secondary.put(e.getKey(), e.getValue().getScore());
      }
      measured.add(new Measured(r.getParams().getBenchmark(), params, r.getPrimaryResult().getScore(), secondary));
    }
    return measured;
  }

  /** The comparison table, or empty if the run did not measure both sides of any durability level. */
  static Optional<String> table(List<Measured> results) {
    StringBuilder rows = new StringBuilder();
    for (Measured ours : results) {
      if (!ours.benchmark().startsWith(OURS)) {
        continue;
      }
      String aeronSync = aeronSyncFor(ours.params().get("logSync"));
      for (Measured aeron : results) {
        if (aeron.benchmark().startsWith(AERON) && Objects.equals(aeron.params().get("sync"), aeronSync)
            && Objects.equals(aeron.params().get("sessions"), ours.params().get("clients"))) {
          String durability = ours.params().get("logSync") + " / " + aeronSync;
          row(rows, durability, "throughput (req/s)", aeron.score(), ours.score(), "%,.0f");
          for (String latency : LATENCIES) {
            Double a = aeron.secondary().get(latency);
            Double o = ours.secondary().get(latency);
            if (a != null && o != null) {
              row(rows, durability, latency.substring("latency.".length()) + " (ms)", a / 1e3, o / 1e3, "%,.2f");
            }
          }
        }
      }
    }
    if (rows.length() == 0) {
      return Optional.empty();
    }
    return Optional.of("Multi-Paxos against Aeron Cluster (durability ours / Aeron; for latency, above 1 is slower):\n"
        + "| durability | metric | Aeron Cluster | our Paxos | ours / Aeron |\n|---|---|---|---|---|\n" + rows);
  }

  /** Aeron's archive sync level that keeps as much as our log's {@code logSync}. */
  static String aeronSyncFor(String logSync) {
    return logSync.equals("os") ? "none" : logSync;
  }

  private static void row(StringBuilder rows, String durability, String metric, double aeron, double ours,
      String format) {
    rows.append(String.format(Locale.ROOT, "| %s | %s | " + format + " | " + format + " | **%.2f** |%n", durability, metric, aeron,
        ours, ours / aeron));
  }
}
