package dev.dedalus.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dedalus.jmh.PaxosVersusAeron.Measured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pending-facts ratio divides the largest pending size's cost by the smallest's, whatever their order, one line per leader. */
class PendingFactsRatioTest {
  private static final String BENCHMARK = "dev.dedalus.jmh.PendingFactsTickBenchmark.commitBatch";

  private static Measured at(String pending, double micros) {
    return new Measured(BENCHMARK, Map.of("pending", pending, "leader", "generated"), micros, Map.of());
  }

  private static Measured hand(String pending, double micros) {
    return new Measured(BENCHMARK, Map.of("pending", pending, "leader", "handwritten"), micros, Map.of());
  }

  @Test
  void dividesTheLargestPendingSizesCostByTheSmallests() {
    List<String> lines = PendingFactsRatio.lines(List.of(at("10000", 3.0), at("1000000", 50.0), at("1000", 2.0),
        hand("1000", 1.0), hand("1000000", 4.0),
        new Measured("dev.dedalus.jmh.LeaderTickBenchmark.tick", Map.of("leader", "generated"), 1e6, Map.of())));
    assertEquals(2, lines.size(), lines.toString());
    String line = lines.get(0);
    assertTrue(line.startsWith("PendingFactsTickBenchmark, generated leader:"), line);
    assertTrue(line.contains("ratio 25.00 (pending ratio 1,000)"), line);
    assertTrue(line.contains("50.000 us per committed request with 1,000,000 facts pending, 2.000 with 1,000"), line);
    assertTrue(lines.get(1).startsWith("PendingFactsTickBenchmark, handwritten leader:"), lines.get(1));
    assertTrue(lines.get(1).contains("ratio 4.00"), lines.get(1));
  }

  @Test
  void saysNothingWithoutTwoPendingSizes() {
    assertTrue(PendingFactsRatio.lines(List.of(at("1000", 2.0), hand("1000", 1.0))).isEmpty());
    assertEquals(List.of(), PendingFactsRatio.lines(List.of()));
  }
}
