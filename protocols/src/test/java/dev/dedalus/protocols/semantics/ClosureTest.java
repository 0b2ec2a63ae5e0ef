package dev.dedalus.protocols.semantics;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.runtime.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Recursive strata evaluate to the same fixpoint as a reference closure, whether the recursive
 * relation persists (semi-naive across ticks) or is recomputed each tick, as edges arrive over
 * several ticks, for 200 seeded random graphs.
 */
class ClosureTest {

  @Test
  void closureMatchesTheReferenceOnRandomGraphs() {
    for (long seed = 1; seed <= 200; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      int nodes = 2 + random.nextInt(12);
      StageDriver graph = new StageDriver(Topology.builder(Closure_Program.INSTANCE).build(), "Graph");
      List<long[]> edges = new ArrayList<>();
      int ticks = 1 + random.nextInt(5);
      for (int t = 0; t < ticks; t++) {
        int count = random.nextInt(nodes * 2);
        for (int e = 0; e < count; e++) {
          long a = random.nextInt(nodes);
          long b = random.nextInt(nodes);
          edges.add(new long[] {a, b});
          graph.deliver(new Closure.Edge(a, b));
        }
        graph.deliver(new Closure.Ask(StageDriver.CLIENT));
        List<StageDriver.Sent> sent = graph.tick(t);
        Set<List<Long>> expected = reference(edges);
        Set<List<Long>> persisted = new HashSet<>();
        Set<List<Long>> perTick = new HashSet<>();
        for (StageDriver.Sent s : sent) {
          if (s.fact() instanceof Closure.Reach r) {
            persisted.add(List.of(r.from(), r.to()));
          } else if (s.fact() instanceof Closure.TickReach r) {
            perTick.add(List.of(r.from(), r.to()));
          }
        }
        assertWithMessage("seed %s tick %s: persisted closure", seed, t).that(persisted).isEqualTo(expected);
        assertWithMessage("seed %s tick %s: per-tick closure", seed, t).that(perTick).isEqualTo(expected);
      }
    }
  }

  private static Set<List<Long>> reference(List<long[]> edges) {
    Set<List<Long>> closure = new HashSet<>();
    edges.forEach(e -> closure.add(List.of(e[0], e[1])));
    boolean changed = true;
    while (changed) {
      changed = false;
      for (List<Long> p : new ArrayList<>(closure)) {
        for (long[] e : edges) {
          if (p.get(1) == e[0] && closure.add(List.of(p.get(0), e[1]))) {
            changed = true;
          }
        }
      }
    }
    return closure;
  }
}
