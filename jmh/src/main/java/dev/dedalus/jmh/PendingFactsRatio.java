package dev.dedalus.jmh;

import dev.dedalus.jmh.PaxosVersusAeron.Measured;
import java.util.List;
import java.util.Locale;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@link PendingFactsTickBenchmark} is for, printed at the end of a run that measured it: the
 * time per committed request at the largest pending size over the time at the smallest. About 1
 * means the leader's tick does not grow with its pending state; the pending sizes' ratio (1,000 for
 * the default parameters) means it grows in proportion.
 */
final class PendingFactsRatio {
  private static final String BENCHMARK = PendingFactsTickBenchmark.class.getName() + ".";

  private PendingFactsRatio() {}

  /**
   * One ratio line per leader measured ({@code generated}, {@code handwritten}), or none for a
   * leader measured at fewer than two pending sizes.
   */
  static List<String> lines(List<Measured> results) {
    Map<String, List<Measured>> byLeader = new TreeMap<>();
    for (Measured m : results) {
      if (m.benchmark().startsWith(BENCHMARK) && m.params().get("pending") != null) {
        byLeader.computeIfAbsent(m.params().getOrDefault("leader", "generated"), k -> new ArrayList<>()).add(m);
      }
    }
    List<String> lines = new ArrayList<>();
    byLeader.forEach((leader, measured) -> line(leader, measured).ifPresent(lines::add));
    return lines;
  }

  private static Optional<String> line(String leader, List<Measured> results) {
    Measured smallest = null;
    Measured largest = null;
    for (Measured m : results) {
      if (smallest == null || pending(m) < pending(smallest)) {
        smallest = m;
      }
      if (largest == null || pending(m) > pending(largest)) {
        largest = m;
      }
    }
    if (smallest == null || pending(smallest) == pending(largest)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT,
        "PendingFactsTickBenchmark, %s leader: %,.3f us per committed request with %,d facts pending, %,.3f with %,d: "
            + "ratio %.2f (pending ratio %,d)",
        leader, largest.score(), pending(largest), smallest.score(), pending(smallest), largest.score() / smallest.score(),
        pending(largest) / pending(smallest)));
  }

  private static long pending(Measured m) {
    return Long.parseLong(m.params().get("pending"));
  }
}
