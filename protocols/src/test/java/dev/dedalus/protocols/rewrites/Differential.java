package dev.dedalus.protocols.rewrites;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.OutputFact;
import dev.dedalus.runtime.sim.SeedSweep;
import dev.dedalus.runtime.sim.Simulation;
import dev.dedalus.runtime.sim.SimulationOptions;
import dev.dedalus.runtime.sim.SimulationResult;
import dev.dedalus.runtime.sim.StopReason;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Differential simulation of two plans of a program: the same client inputs, under the same seeds
 * with random delays, reordering, batching and duplication, must give the same set of outputs;
 * and under the same schedules without duplication, the optimized plan must deliver no output fact
 * more times than the base plan does at most ({@link Multiplicity}).
 */
public final class Differential {
  static final int SEEDS = 500;

  /** Random delays, reordering, batching and duplication: the schedules every protocol test runs under. */
  public static final SimulationOptions HOSTILE = SimulationOptions.builder()
      .latencyMillis(1, 20)
      .reorderProbability(0.7)
      .batching(0.5, 6)
      .delay(0.2, 50, 3)
      .duplicateProbability(0.15)
      .build();

  /**
   * {@link #HOSTILE} without duplication: the network delivers every message once, so how often an
   * output arrives is up to the plan. Multiplicity checks run under it.
   */
  public static final SimulationOptions NON_DUPLICATING = HOSTILE.toBuilder().duplicateProbability(0).build();

  /** Both checks of a differential comparison. */
  record Outcome(SeedSweep.Report sets, Multiplicity.Report multiplicity) {
    boolean ok() {
      return sets.ok() && multiplicity.ok();
    }

    void assertOk() {
      sets.assertOk();
      multiplicity.assertOk();
    }

    @Override
    public String toString() {
      return "output sets: " + sets + "\nmultiplicity: " + multiplicity;
    }
  }

  private Differential() {}

  /**
   * Sweeps the base plan against {@code expected} (so that the reference itself is right), then the
   * optimized plan, under {@link #HOSTILE} schedules; then compares how often each plan delivers
   * each output under {@link #NON_DUPLICATING} schedules of the same seeds.
   *
   * @param topology builds the deployment of a plan
   * @param script sends the clients' inputs into a simulation
   * @return both reports of the optimized plan, for tests that expect a mismatch
   */
  static Outcome compare(DedalusProgram base, DedalusProgram optimized, Function<DedalusProgram, Topology> topology,
      BiConsumer<Simulation, DedalusProgram> script, Set<OutputFact> expected) {
    SeedSweep.Report baseReport = SeedSweep.against(expected, 1, SEEDS, seed -> run(base, topology, script, seed));
    baseReport.assertOk();
    SeedSweep.Report sets = SeedSweep.against(expected, 1, SEEDS, seed -> run(optimized, topology, script, seed));
    Multiplicity.Report multiplicity = Multiplicity.compare(
        seed -> run(base, topology, script, seed, NON_DUPLICATING),
        seed -> run(optimized, topology, script, seed, NON_DUPLICATING), 1, SEEDS);
    return new Outcome(sets, multiplicity);
  }

  static SimulationResult run(DedalusProgram program, Function<DedalusProgram, Topology> topology,
      BiConsumer<Simulation, DedalusProgram> script, long seed) {
    return run(program, topology, script, seed, HOSTILE);
  }

  static SimulationResult run(DedalusProgram program, Function<DedalusProgram, Topology> topology,
      BiConsumer<Simulation, DedalusProgram> script, long seed, SimulationOptions options) {
    Simulation sim = new Simulation(topology.apply(program), seed, options);
    script.accept(sim, program);
    SimulationResult result = sim.run(2_000_000);
    assertWithMessage("seed %s did not finish", seed).that(result.stopReason()).isEqualTo(StopReason.QUIESCENT);
    return result;
  }
}
