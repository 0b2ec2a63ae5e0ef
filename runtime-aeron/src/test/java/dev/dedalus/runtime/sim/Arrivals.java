package dev.dedalus.runtime.sim;

import dev.dedalus.runtime.sim.RecordingProgram.Arrival;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a recorder observed in one run, as the questions hostility tests ask: was a fact delivered
 * more than once, in two different ticks, out of send order, several in one tick, at spread-out
 * times. Read from its {@link Arrival}s only, never from the simulator's counters.
 */
record Arrivals(List<Arrival> all) {

  /** The most times any one fact was delivered. */
  int mostDeliveriesOfOneFact() {
    Map<Integer, Integer> copies = new HashMap<>();
    all.forEach(a -> copies.merge(a.n(), 1, Integer::sum));
    return copies.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** Whether some fact was consumed by two different ticks. */
  boolean someFactInTwoTicks() {
    Map<Integer, Set<Long>> ticks = new HashMap<>();
    all.forEach(a -> ticks.computeIfAbsent(a.n(), n -> new HashSet<>()).add(a.tick()));
    return ticks.values().stream().anyMatch(t -> t.size() > 1);
  }

  /** Whether some fact arrived before a fact sent earlier (a smaller number); copies are ignored. */
  boolean outOfSendOrder() {
    int highest = -1;
    Set<Integer> seen = new HashSet<>();
    for (Arrival a : all) {
      if (!seen.add(a.n())) {
        continue;
      }
      if (a.n() < highest) {
        return true;
      }
      highest = a.n();
    }
    return false;
  }

  /** The most facts one tick consumed. */
  int largestTick() {
    Map<Long, Integer> perTick = new HashMap<>();
    all.forEach(a -> perTick.merge(a.tick(), 1, Integer::sum));
    return perTick.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** The latest arrival time minus the earliest. */
  long arrivalTimeSpread() {
    long min = all.stream().mapToLong(Arrival::atMillis).min().orElse(0);
    long max = all.stream().mapToLong(Arrival::atMillis).max().orElse(0);
    return max - min;
  }

  /** The distinct facts delivered. */
  int distinctFacts() {
    return (int) all.stream().mapToInt(Arrival::n).distinct().count();
  }
}
