package dev.dedalus.protocols.rewrites;

import dev.dedalus.Location;
import dev.dedalus.runtime.sim.ClientOutput;
import dev.dedalus.runtime.sim.OutputFact;
import dev.dedalus.runtime.sim.SimulationResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * How many times output facts are delivered, compared between a reference (base) plan and a
 * candidate (optimized) plan. Output-set comparison cannot see a plan that answers a request twice,
 * or a million times; this can.
 *
 * <p>Both plans run under the same seeds on a schedule that does not duplicate messages, so every
 * extra delivery is the plan's own doing. The rule has two parts:
 *
 * <ol>
 *   <li><b>Once stays once.</b> A fact that no run of the reference delivers more than once (a
 *       protocol's promise, such as one reply per request) may be delivered at most once by every
 *       run of the candidate; a fact the reference never delivers, not at all.
 *   <li><b>One tick, one copy.</b> In no run of the candidate does one tick of one node deliver
 *       the same fact twice: a tick derives a set of facts, so it sends each one once.
 * </ol>
 *
 * <p>A fact the reference delivers several times in some run is re-derived in several ticks (for
 * example an answer sent on every tick while a persisted count holds). How often is then a count of
 * the sender's ticks, which depends on the schedule and which a rewrite legitimately changes by
 * moving rules onto nodes that tick on other inputs; so such facts are bounded by the second part
 * only, not by the reference's maximum (over 500 seeds the decoupled Tally sent one such answer 44
 * times where its base plan sent it at most 40).
 */
final class Multiplicity {
  private Multiplicity() {}

  /** A fact the candidate delivered more often than the rule allows, in one run. */
  record Excess(OutputFact fact, long seed, String why) {
    @Override
    public String toString() {
      return fact + " under seed " + seed + ": " + why;
    }
  }

  /** The outcome of a comparison: the first excess of each fact, in the order found. */
  record Report(long firstSeed, int seeds, List<Excess> excesses) {
    boolean ok() {
      return excesses.isEmpty();
    }

    /** Throws an AssertionError naming the first over-delivered fact, its seed and the counts. */
    void assertOk() {
      if (!ok()) {
        throw new AssertionError(this);
      }
    }

    @Override
    public String toString() {
      String seedRange = "seeds " + firstSeed + ".." + (firstSeed + seeds - 1);
      return ok()
          ? "over " + seedRange + " no fact was delivered more often than the rule allows"
          : excesses.size() + " fact(s) delivered too often over " + seedRange + "; first: " + excesses.get(0);
    }
  }

  /** How many times each output fact was delivered in one run. */
  static Map<OutputFact, Integer> counts(SimulationResult result) {
    Map<OutputFact, Integer> counts = new LinkedHashMap<>();
    for (ClientOutput o : result.outputs()) {
      counts.merge(o.asOutputFact(), 1, Integer::sum);
    }
    return counts;
  }

  /**
   * Runs {@code reference} and {@code candidate} under seeds {@code firstSeed ..
   * firstSeed + seeds - 1} and reports each fact the candidate delivered more often than the rule
   * allows.
   */
  static Report compare(LongFunction<SimulationResult> reference, LongFunction<SimulationResult> candidate, long firstSeed,
      int seeds) {
    if (seeds < 1) {
      throw new IllegalArgumentException("a multiplicity comparison needs at least one seed, not " + seeds);
    }
    Map<OutputFact, Integer> referenceMax = new HashMap<>();
    for (int i = 0; i < seeds; i++) {
      counts(reference.apply(firstSeed + i)).forEach((fact, n) -> referenceMax.merge(fact, n, Math::max));
    }
    Map<OutputFact, Excess> first = new LinkedHashMap<>();
    for (int i = 0; i < seeds; i++) {
      long seed = firstSeed + i;
      SimulationResult run = candidate.apply(seed);
      for (Excess e : excesses(run, seed, referenceMax)) {
        first.putIfAbsent(e.fact(), e);
      }
    }
    return new Report(firstSeed, seeds, new ArrayList<>(first.values()));
  }

  /** The excesses of one candidate run against the reference's most deliveries of each fact. */
  static List<Excess> excesses(SimulationResult run, long seed, Map<OutputFact, Integer> referenceMax) {
    List<Excess> found = new ArrayList<>();
    counts(run).forEach((fact, n) -> {
      int allowed = referenceMax.getOrDefault(fact, 0);
      if (allowed <= 1 && n > allowed) {
        found.add(new Excess(fact, seed, "delivered " + times(n) + ", but the reference plan delivers it "
            + (allowed == 0 ? "never" : "at most once per run")));
      }
    });
    Map<SentIn, Integer> perTick = new LinkedHashMap<>();
    for (ClientOutput o : run.outputs()) {
      perTick.merge(new SentIn(o.asOutputFact(), o.from(), o.senderTick()), 1, Integer::sum);
    }
    perTick.forEach((sent, n) -> {
      if (n > 1) {
        found.add(new Excess(sent.fact(), seed, "delivered " + times(n) + " from one tick (tick " + sent.tick()
            + " of node " + sent.node().id() + ")"));
      }
    });
    return found;
  }

  private static String times(int n) {
    return n == 1 ? "once" : n + " times";
  }

  /** A fact as sent by one tick of one node. */
  private record SentIn(OutputFact fact, Location node, long tick) {}
}
