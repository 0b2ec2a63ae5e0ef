package dev.dedalus.protocols.paxos;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.Location;
import dev.dedalus.protocols.lin.CheckResult;
import dev.dedalus.protocols.lin.KvInput;
import dev.dedalus.protocols.lin.KvModel;
import dev.dedalus.protocols.lin.KvOutput;
import dev.dedalus.protocols.lin.Linearizability;
import dev.dedalus.protocols.rewrites.Differential;
import dev.dedalus.protocols.variants.ProgramVariant;
import dev.dedalus.runtime.sim.SimulationOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paxos under faults, 500 hostile seeds: delays, reordering, duplication and loss of messages; an
 * acceptor stopped and restarted from its durable log; and the leader stopped mid-run, so the
 * other proposer must take over and reconcile the logs, then restarted. Every run must commit at
 * most one value per slot, give a linearizable history, and answer every request once the faults
 * are over (clients resend until answered).
 */
class PaxosFaultsTest {
  static final int SEEDS = 500;

  static final SimulationOptions FAULTY = Differential.HOSTILE.toBuilder()
      .lossProbability(0.02)
      .timerHorizonMillis(6_000)
      .build();

  /** The acceptor 0 down from 300 to 900 ms; the leader of 1,000 ms down from then to 2,500 ms. */
  static final PaxosScenario.Faults ACCEPTOR_AND_LEADER = (sim, topology, leader) -> {
    Location acceptor = topology.addressesOf("Acceptor").get(0);
    sim.stopAt(300, acceptor);
    sim.restartAt(900, acceptor);
    sim.at(1_000, "stop the leader", () -> {
      if (leader.current != null) {
        Location stopped = leader.current;
        sim.stop(stopped);
        sim.restartAt(2_500, stopped);
      }
    });
  };

  static String check(PaxosScenario.Run run) {
    StringBuilder problems = new StringBuilder();
    run.conflictingSlots().forEach(s -> problems.append("two values committed in ").append(s).append('\n'));
    CheckResult<KvInput, KvOutput> lin = Linearizability.check(new KvModel(), run.history());
    if (!lin.isLinearizable()) {
      problems.append(lin.explain()).append('\n');
    }
    if (run.answered() != run.requests()) {
      problems.append("answered ").append(run.answered()).append(" of ")
          .append(run.requests()).append(" operations\n");
    }
    return problems.toString();
  }

  @Test
  void safeLinearizableAndLiveUnderFaults() {
    long leaderChanges = PaxosScenario.assertEverySeedPasses(PaxosScenario.THREE_CLIENTS, SEEDS, FAULTY,
        ACCEPTOR_AND_LEADER, PaxosFaultsTest::check, run -> run.leaders().size() - 1);
    // The sweep must have moved leadership, or the takeover was never tested.
    assertThat(leaderChanges).isAtLeast(SEEDS);
  }

  @Test
  void committingOnOneAcceptanceIsCaught(@TempDir Path work) {
    assertCaught(PaxosVariants.commitsOnOneAcceptance(work));
  }

  @Test
  void skippingTheLogReconciliationIsCaught(@TempDir Path work) {
    assertCaught(PaxosVariants.skipsReconciliation(work));
  }

  @Test
  void fillingHolesBelowTheFloorIsCaught(@TempDir Path work) {
    assertCaught(PaxosVariants.fillsBelowTheFloor(work));
  }

  /** The same sweep, on a broken variant: some seed must break one of the promises. */
  private static void assertCaught(ProgramVariant variant) {
    PaxosScenario.assertCaught(variant, PaxosScenario.THREE_CLIENTS, SEEDS, FAULTY, ACCEPTOR_AND_LEADER,
        PaxosFaultsTest::check);
  }
}
