package dev.dedalus.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dedalus.jmh.PaxosVersusAeron.Measured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison table pairs our Paxos with Aeron Cluster at equal durability and clients, and divides ours by Aeron's. */
class PaxosVersusAeronTest {
  private static final String OURS = "dev.dedalus.jmh.PaxosBenchmark.answeredRequests";
  private static final String AERON = "dev.dedalus.jmh.AeronClusterKvBenchmark.answeredRequests";

  private static Map<String, Double> latencies(double p50) {
    return Map.of("latency.p50", p50, "latency.p90", 2 * p50, "latency.p99", 4 * p50, "latency.p99.9", 8 * p50,
        "latency.max", 16 * p50, "projected", 1.0);
  }

  private static Measured ours(String logSync, String clients, double score, double p50) {
    return new Measured(OURS, Map.of("logSync", logSync, "clients", clients), score, latencies(p50));
  }

  private static Measured aeron(String sync, String sessions, double score, double p50) {
    return new Measured(AERON, Map.of("sync", sync, "sessions", sessions, "putFraction", "0.5", "valueSize", "16"),
        score, latencies(p50));
  }

  @Test
  void pageCacheLogsPairWithAeronsDefaultSyncAndForcedWithForced() {
    String table = PaxosVersusAeron.table(List.of(ours("os", "64", 2_000, 4_000), ours("disk", "64", 1_000, 9_000),
        aeron("none", "64", 8_000, 2_000), aeron("disk", "64", 4_000, 3_000))).orElseThrow();
    assertTrue(table.contains("| os / none | throughput (req/s) | 8,000 | 2,000 | **0.25** |"), table);
    assertTrue(table.contains("| os / none | p50 (ms) | 2.00 | 4.00 | **2.00** |"), table);
    assertTrue(table.contains("| os / none | max (ms) | 32.00 | 64.00 | **2.00** |"), table);
    assertTrue(table.contains("| disk / disk | throughput (req/s) | 4,000 | 1,000 | **0.25** |"), table);
    assertTrue(table.contains("| disk / disk | p99.9 (ms) | 24.00 | 72.00 | **3.00** |"), table);
    // One throughput and five latency rows per durability level, nothing else.
    assertEquals(12, table.lines().filter(l -> l.startsWith("| os") || l.startsWith("| disk")).count(), table);
  }

  @Test
  void aRunWithoutBothSidesOrWithOtherClientCountsHasNoTable() {
    assertFalse(PaxosVersusAeron.table(List.of(ours("os", "64", 2_000, 4_000))).isPresent());
    assertFalse(PaxosVersusAeron.table(List.of(aeron("none", "64", 8_000, 2_000))).isPresent());
    assertFalse(PaxosVersusAeron.table(List.of(ours("os", "16", 2_000, 4_000), aeron("none", "64", 8_000, 2_000)))
        .isPresent());
    assertFalse(PaxosVersusAeron.table(List.of(ours("os", "64", 2_000, 4_000), aeron("disk", "64", 8_000, 2_000)))
        .isPresent());
  }
}
