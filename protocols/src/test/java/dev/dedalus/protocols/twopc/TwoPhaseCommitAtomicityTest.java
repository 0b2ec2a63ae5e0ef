package dev.dedalus.protocols.twopc;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.protocols.rewrites.Differential;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.SimulationOptions;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.dedalus.protocols.variants.ProgramVariant;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atomicity under faults: 500 hostile seeds per plan, each with up to five random crashes of any
 * node (the coordinator and the roles decoupled from it, participants and their ackers), each
 * restarted from its durable facts after 1 to 200 ms. Every run must keep {@link Atomicity}'s
 * promises. The negative control ({@link #votesBeforeLogging}) writes its prepare record one tick
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

  /**
   * The negative control: a participant that writes its prepare record in the tick after it votes,
   * through a one-tick relation ({@code :+} straight into the durable relation would still be
   * committed with the vote's tick), so a crash between the two ticks loses the record of a yes vote
   * the coordinator counts.
   */
  static ProgramVariant votesBeforeLogging(Path work) {
    return ProgramVariant.compile(work, "dev/dedalus/protocols/twopc/TwoPhaseCommit.java", "VotesBeforeLogging",
        "  /** A participant's prepare record: written before it votes. */",
        "  record PrepareLater(Location client, long id, String payload) {}\n\n"
            + "  /** A participant's prepare record: written before it votes. */",
        "    @Rule(\"Prepared(client, id, payload) :- VoteReq(client, id, payload)\")\n    void prepare();",
        "    @Rule(\"PrepareLater(client, id, payload) :+ VoteReq(client, id, payload)\")\n    void prepareLater();\n\n"
            + "    @Rule(\"Prepared(client, id, payload) :- PrepareLater(client, id, payload)\")\n    void prepare();");
  }

  @Test
  void votingBeforeTheRecordIsDurableIsCaught(@TempDir Path work) {
    ProgramVariant variant = votesBeforeLogging(work);
    Topology topology = TwoPcScenario.topology(variant.program(), 1);
    Class<?> clientIn = variant.fact("ClientIn", new dev.dedalus.Location(Topology.FIRST_CLIENT_ID), 0L, "").getClass();
    for (long seed = 1; seed <= SEEDS; seed++) {
      TwoPcScenario.Run run = TwoPcScenario.run(topology, seed, CRASHING, clientIn,
          (client, id) -> variant.fact("ClientIn", client, id, TwoPcScenario.payload(id)));
      if (!Atomicity.violations(run).isEmpty()) {
        return;
      }
    }
    throw new AssertionError("no seed of " + SEEDS + " caught a participant that votes before its prepare record is durable");
  }
}
