package dev.dedalus.protocols.twopc;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.protocols.rewrites.Differential;
import dev.dedalus.runtime.sim.SeedSweep;
import dev.dedalus.runtime.sim.SimulationOptions;
import org.junit.jupiter.api.Test;

/** 2PC in the simulator, without crashes: every transaction gets its outcome, in both plans. */
class TwoPhaseCommitSimulationTest {
  static final SimulationOptions HOSTILE = Differential.HOSTILE;

  @Test
  void baseAnswersEveryTransactionWithItsOutcome() {
    TwoPcScenario.Run run = TwoPcScenario.run(TwoPhaseCommit_Plans.plan("base"), 1, 1, HOSTILE);
    assertWithMessage("%s", run.result()).that(run.result().quiescent()).isTrue();
    assertThat(run.result().outputSet()).isEqualTo(TwoPcScenario.expected());
    assertThat(Atomicity.violations(run)).isEmpty();
  }

  @Test
  void optimizedAnswersEveryTransactionWithItsOutcome() {
    for (int partitions : new int[] {1, 3}) {
      TwoPcScenario.Run run = TwoPcScenario.run(TwoPhaseCommit_Plans.plan("optimized"), partitions, 1, HOSTILE);
      assertWithMessage("%s", run.result()).that(run.result().quiescent()).isTrue();
      assertThat(run.result().outputSet()).isEqualTo(TwoPcScenario.expected());
      assertThat(Atomicity.violations(run)).isEmpty();
    }
  }

  @Test
  void baseIsConfluentOverSeeds() {
    SeedSweep.against(TwoPcScenario.expected(), 1, 50,
        seed -> TwoPcScenario.run(TwoPhaseCommit_Plans.plan("base"), 1, seed, HOSTILE).result()).assertOk();
  }
}
