package dev.dedalus.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dedalus.jmh.PaxosVersusAeron.Measured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pending-facts ratio divides the largest pending size's cost by the smallest's, whatever their order. */
class PendingFactsRatioTest {
  private static final String BENCHMARK = "dev.dedalus.jmh.PendingFactsTickBenchmark.commitBatch";

  private static Measured at(String pending, double micros) {
    return new Measured(BENCHMARK, Map.of("pending", pending), micros, Map.of());
  }

  @Test
  void dividesTheLargestPendingSizesCostByTheSmallests() {
    String line = PendingFactsRatio.line(List.of(at("10000", 3.0), at("1000000", 50.0), at("1000", 2.0),
        new Measured("dev.dedalus.jmh.LeaderTickBenchmark.tick", Map.of("leader", "generated"), 1e6, Map.of())))
        .orElseThrow();
    assertTrue(line.contains("ratio 25.00 (pending ratio 1,000)"), line);
    assertTrue(line.contains("50.000 us per committed request with 1,000,000 facts pending, 2.000 with 1,000"), line);
  }

  @Test
  void saysNothingWithoutTwoPendingSizes() {
    assertTrue(PendingFactsRatio.line(List.of(at("1000", 2.0))).isEmpty());
    assertEquals(java.util.Optional.empty(), PendingFactsRatio.line(List.of()));
  }
}
