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
 * with random delays, reordering, batching and duplication, must give the same set of outputs.
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

  private Differential() {}

  /**
   * Runs the base plan under the first seed to get the reference output set, checks it is what
   * {@code expected} says (so that the reference itself is right), then sweeps both plans.
   *
   * @param topology builds the deployment of a plan
   * @param script sends the clients' inputs into a simulation
   * @return the optimized plan's sweep report, for tests that expect a mismatch
   */
  static SeedSweep.Report compare(DedalusProgram base, DedalusProgram optimized, Function<DedalusProgram, Topology> topology,
      BiConsumer<Simulation, DedalusProgram> script, Set<OutputFact> expected) {
    SeedSweep.Report baseReport = SeedSweep.against(expected, 1, SEEDS, seed -> run(base, topology, script, seed));
    baseReport.assertOk();
    return SeedSweep.against(expected, 1, SEEDS, seed -> run(optimized, topology, script, seed));
  }

  static SimulationResult run(DedalusProgram program, Function<DedalusProgram, Topology> topology,
      BiConsumer<Simulation, DedalusProgram> script, long seed) {
    Simulation sim = new Simulation(topology.apply(program), seed, HOSTILE);
    script.accept(sim, program);
    SimulationResult result = sim.run(2_000_000);
    assertWithMessage("seed %s did not finish", seed).that(result.stopReason()).isEqualTo(StopReason.QUIESCENT);
    return result;
  }
}
