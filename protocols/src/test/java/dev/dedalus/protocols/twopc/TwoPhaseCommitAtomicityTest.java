package dev.dedalus.protocols.twopc;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.protocols.rewrites.Differential;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.SimulationOptions;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Atomicity under faults: 500 hostile seeds per plan, each with up to five random crashes of any
 * node (the coordinator and the roles decoupled from it, participants and their ackers), each
 * restarted from its durable facts after 1 to 200 ms. Every run must keep {@link Atomicity}'s
 * promises. The negative control, {@link VotesBeforeLogging}, writes its prepare record one tick
 * after it votes; the same sweep must catch it.
 */
class TwoPhaseCommitAtomicityTest {
  private static final int SEEDS = 500;

  /**
   * Hostile schedules with crashes: up to five per run, short downtimes. (With these settings the
   * negative control breaks atomicity in about 1 seed in 11.)
   */
  static final SimulationOptions CRASHING = Differential.HOSTILE.toBuilder()
      .randomCrashes(0.1, 1, 200, 5)
      .build();

  @ParameterizedTest(name = "{0} plan, {1} partitions")
  @CsvSource({"base, 1", "optimized, 1", "optimized, 3"})
  void everyTransactionCommitsEverywhereOrNowhere(String plan, int partitions) {
    DedalusProgram program = TwoPhaseCommit_Plans.plan(plan);
    long crashes = 0;
    long committedReplies = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      TwoPcScenario.Run run = TwoPcScenario.run(program, partitions, seed, CRASHING);
      List<String> violations = Atomicity.violations(run);
      assertWithMessage("seed %s broke atomicity:\n%s\n%s", seed, String.join("\n", violations), run.result())
          .that(violations).isEmpty();
      crashes += run.result().counters().crashes();
      committedReplies += run.result().outputs().stream()
          .filter(o -> ((TwoPhaseCommit.ClientOut) o.fact()).committed()).count();
    }
    // The sweep must have crashed nodes and committed transactions, or it proved nothing.
    assertWithMessage("crashes over %s seeds", SEEDS).that(crashes).isAtLeast(SEEDS);
    assertWithMessage("committed replies over %s seeds", SEEDS).that(committedReplies).isAtLeast(SEEDS);
  }

  @Test
  void votingBeforeTheRecordIsDurableIsCaught() {
    Topology topology = TwoPcScenario.topology(VotesBeforeLogging_Program.INSTANCE, 1);
    for (long seed = 1; seed <= SEEDS; seed++) {
      TwoPcScenario.Run run = TwoPcScenario.run(topology, seed, CRASHING, VotesBeforeLogging.ClientIn.class,
          (client, id) -> new VotesBeforeLogging.ClientIn(client, id, TwoPcScenario.payload(id)));
      if (!Atomicity.violations(run).isEmpty()) {
        return;
      }
    }
    throw new AssertionError("no seed of " + SEEDS + " caught a participant that votes before its prepare record is durable");
  }
}
