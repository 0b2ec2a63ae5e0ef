package dev.dedalus.runtime.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Runs one scenario under many seeds and checks that every run ends quiescent with the same output
 * SET as a reference. A confluent protocol must give the same set under every schedule, and an
 * optimized plan the same set as its base plan; a mismatch names the seed that replays it and the
 * first differing fact. Seeds are consecutive from {@code firstSeed}, so a report is reproducible.
 */
public final class SeedSweep {
  private SeedSweep() {}

  /**
   * A seed whose run differs from the reference.
   *
   * @param seed the seed that replays the run
   * @param reason why the run differs: it did not quiesce, or its output set differs
   * @param firstUnexpected the earliest delivered output that the reference lacks, if any
   * @param firstMissing a reference fact the run did not output, if any (in the reference set's order)
   * @param unexpectedCount how many distinct output facts the reference lacks
   * @param missingCount how many reference facts the run did not output
   * @param result the run
   */
  public record Mismatch(
      long seed, String reason, Optional<ClientOutput> firstUnexpected, Optional<OutputFact> firstMissing,
      int unexpectedCount, int missingCount, SimulationResult result) {

    /**
     * The report a failing test prints: the seed, and the first fact that differs each way.
     *
     * @return a multi-line report, ending with how to replay the seed
     */
    public String describe() {
      StringBuilder s = new StringBuilder("seed ").append(seed).append(": ").append(reason);
      firstUnexpected.ifPresent(o -> s.append("\n  first unexpected fact (").append(unexpectedCount)
          .append(" in all): ").append(o));
      firstMissing.ifPresent(f -> s.append("\n  first missing fact (").append(missingCount).append(" in all): ")
          .append(f));
      s.append("\n  replay: new Simulation(topology, ").append(seed).append("L, options) -- ").append(result);
      return s.toString();
    }
  }

  /**
   * The outcome of a sweep: how many seeds ran and the first mismatch, if any.
   *
   * @param firstSeed the first seed of the sweep
   * @param seedsRun how many seeds ran: all of them, or up to and including the first mismatch (0 if
   *     the reference run itself did not quiesce)
   * @param reference the reference output set
   * @param mismatch the first mismatch, if any
   */
  public record Report(long firstSeed, int seedsRun, Set<OutputFact> reference, Optional<Mismatch> mismatch) {
    /** {@return whether every seed matched the reference} */
    public boolean ok() {
      return mismatch.isEmpty();
    }

    /**
     * Throws an AssertionError naming the seed and the first differing fact, if a seed mismatched.
     *
     * @throws AssertionError if there is a mismatch
     */
    public void assertOk() {
      mismatch.ifPresent(m -> {
        throw new AssertionError("output sets differ over seeds " + firstSeed + ".." + (firstSeed + seedsRun - 1)
            + ": " + m.describe());
      });
    }

    @Override
    public String toString() {
      return ok()
          ? "all " + seedsRun + " seeds from " + firstSeed + " gave the reference set of " + reference.size() + " facts"
          : mismatch.get().describe();
    }
  }

  /**
   * Runs {@code run} for seeds {@code firstSeed .. firstSeed + seeds - 1} and compares each output
   * set with {@code reference}; stops at the first mismatch.
   *
   * @param reference the output set every run must give
   * @param firstSeed the first seed
   * @param seeds how many seeds to run
   * @param run runs the scenario under a seed
   * @return the report
   * @throws NullPointerException if {@code reference} is null
   */
  public static Report against(Set<OutputFact> reference, long firstSeed, int seeds,
      LongFunction<SimulationResult> run) {
    Objects.requireNonNull(reference, "reference");
    for (int i = 0; i < seeds; i++) {
      long seed = firstSeed + i;
      SimulationResult result = run.apply(seed);
      Optional<Mismatch> mismatch = compare(reference, seed, result);
      if (mismatch.isPresent()) {
        return new Report(firstSeed, i + 1, reference, mismatch);
      }
    }
    return new Report(firstSeed, seeds, reference, Optional.empty());
  }

  /**
   * Uses {@code reference}'s output set under {@code firstSeed} as the reference (it must be
   * quiescent), then sweeps {@code candidate}. With the same function twice this checks that a
   * protocol's outputs do not depend on the schedule; with a base and an optimized plan, that the
   * rewrite preserved them.
   *
   * @param reference runs the reference scenario; run once, under {@code firstSeed}
   * @param candidate runs the scenario to check, under each seed
   * @param firstSeed the first seed
   * @param seeds how many seeds to run the candidate under
   * @return the report; a mismatch at {@code firstSeed} with no seed run if the reference did not
   *     quiesce
   */
  public static Report compare(LongFunction<SimulationResult> reference, LongFunction<SimulationResult> candidate,
      long firstSeed, int seeds) {
    SimulationResult ref = reference.apply(firstSeed);
    if (!ref.quiescent()) {
      Mismatch m = new Mismatch(firstSeed, "the reference run did not quiesce (" + ref.stopReason() + ")",
          Optional.empty(), Optional.empty(), 0, 0, ref);
      return new Report(firstSeed, 0, ref.outputSet(), Optional.of(m));
    }
    return against(ref.outputSet(), firstSeed, seeds, candidate);
  }

  /**
   * The mismatch of one run against a reference set, or empty if it quiesced with exactly that set.
   *
   * @param reference the output set the run must give
   * @param seed the run's seed, for the report
   * @param result the run
   * @return the mismatch, or empty
   */
  public static Optional<Mismatch> compare(Set<OutputFact> reference, long seed, SimulationResult result) {
    List<ClientOutput> unexpected = new ArrayList<>();
    Set<OutputFact> seen = new HashSet<>();
    for (ClientOutput o : result.outputs()) { // in delivery order, so "first" is the earliest delivered
      OutputFact f = o.asOutputFact();
      if (!reference.contains(f) && seen.add(f)) {
        unexpected.add(o);
      }
    }
    List<OutputFact> missing = new ArrayList<>();
    for (OutputFact f : reference) {
      if (!result.outputSet().contains(f)) {
        missing.add(f);
      }
    }
    boolean sameSet = unexpected.isEmpty() && missing.isEmpty();
    if (sameSet && result.quiescent()) {
      return Optional.empty();
    }
    String reason = !result.quiescent()
        ? "the run did not quiesce (" + result.stopReason() + " after " + result.counters().steps() + " steps)"
            + (sameSet ? "" : " and its output set differs")
        : "output set differs from the reference (" + result.outputSet().size() + " facts vs " + reference.size() + ")";
    return Optional.of(new Mismatch(seed, reason, unexpected.stream().findFirst(), missing.stream().findFirst(),
        unexpected.size(), missing.size(), result));
  }
}
