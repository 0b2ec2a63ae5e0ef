package dev.dedalus.protocols.twopc;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.protocols.rewrites.Differential;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.sim.OutputFact;
import dev.dedalus.runtime.sim.SeedSweep;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The optimized plan gives the base plan's outputs: over the same transactions (a third of them
 * voted down by one participant or by all) and 500 hostile seeds, every run of either plan ends
 * quiescent with every transaction answered with its outcome, at 1, 3 and 5 partitions.
 */
class TwoPhaseCommitDifferentialTest {
  private static final int SEEDS = 500;

  @ParameterizedTest(name = "{0} plan, {1} partitions")
  @CsvSource({"base, 1", "optimized, 1", "optimized, 3", "optimized, 5"})
  void everyPlanGivesTheOutcomeOfEveryTransaction(String plan, int partitions) {
    Set<OutputFact> expected = TwoPcScenario.expected();
    // The scenario has both outcomes, or the comparison would prove less than it claims.
    assertThat(expected.stream().map(o -> ((TwoPhaseCommit.ClientOut) o.fact()).committed()).distinct().count()).isEqualTo(2);
    DedalusProgram program = TwoPhaseCommit_Plans.plan(plan);
    SeedSweep.against(expected, 1, SEEDS,
        seed -> TwoPcScenario.run(program, partitions, seed, Differential.HOSTILE).result()).assertOk();
  }
}
