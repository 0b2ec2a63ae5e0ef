package dev.dedalus.jmh;

import dev.dedalus.runtime.aeron.CpuReport;
import dev.dedalus.runtime.aeron.LocalCluster;
import java.util.function.LongSupplier;

/**
 * The running cluster of the current benchmark and its committed-request count, published by the
 * benchmark's setup so that {@link CpuProfiler}, which runs in the same JVM, can read them.
 */
final class ClusterProbe {
  private static volatile LocalCluster cluster;
  private static volatile LongSupplier committed;
  private static volatile CpuReport frozen;

  private ClusterProbe() {}

  static void publish(LocalCluster c, LongSupplier committedRequests) {
    frozen = null;
    cluster = c;
    committed = committedRequests;
  }

  /**
   * Keeps the final report before the cluster closes: JMH tears a trial down inside its last
   * iteration, before profilers see that iteration end.
   */
  static void freeze() {
    frozen = report();
    cluster = null;
    committed = null;
  }

  /** The cumulative CPU report so far (the frozen one once the cluster closed), or null. */
  static CpuReport report() {
    LocalCluster c = cluster;
    LongSupplier n = committed;
    return c == null || n == null ? frozen : c.cpuReport(n.getAsLong());
  }
}
