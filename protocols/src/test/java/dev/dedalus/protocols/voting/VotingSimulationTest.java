package dev.dedalus.protocols.voting;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.Location;
import dev.dedalus.protocols.rewrites.Differential;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.OutputFact;
import dev.dedalus.runtime.sim.SeedSweep;
import dev.dedalus.runtime.sim.SimClient;
import dev.dedalus.runtime.sim.Simulation;
import dev.dedalus.runtime.sim.SimulationResult;
import dev.dedalus.runtime.sim.StopReason;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Base voting in the deterministic simulator: under 500 seeds with random delays, reordering,
 * batching and duplication, every run ends with exactly the same set of outputs, namely one reply
 * per request carrying its own payload.
 */
class VotingSimulationTest {
  private static final int CLIENTS = 3;
  private static final int REQUESTS_PER_CLIENT = 8;

  static Topology topology() {
    return Topology.builder(Voting_Program.INSTANCE).instances("Participant", 3).build();
  }

  /** Clients send their requests at seeded times; the simulator interleaves everything else. */
  static SimulationResult run(long seed) {
    Simulation sim = new Simulation(topology(), seed, Differential.HOSTILE);
    Location leader = sim.node("Leader", 0);
    for (int c = 0; c < CLIENTS; c++) {
      SimClient client = sim.client();
      for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
        long id = c * 1_000L + r;
        client.sendAt(r * 3L, leader, new Voting.ClientIn(client.location(), id, "payload-" + id));
      }
    }
    return sim.run(1_000_000);
  }

  static Set<OutputFact> expected() {
    Set<OutputFact> expected = new HashSet<>();
    for (int c = 0; c < CLIENTS; c++) {
      Location client = new Location(Topology.FIRST_CLIENT_ID + c);
      for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
        long id = c * 1_000L + r;
        expected.add(new OutputFact(client, "ClientOut", new Voting.ClientOut(id, "payload-" + id)));
      }
    }
    return expected;
  }

  @Test
  void fiveHundredSeedsGiveExactlyTheSameOutputs() {
    SeedSweep.against(expected(), 1, 500, VotingSimulationTest::run).assertOk();
  }

  @Test
  void theScheduleReallyIsHostile() {
    SimulationResult result = run(42);
    assertThat(result.stopReason()).isEqualTo(StopReason.QUIESCENT);
    assertThat(result.counters().duplicated()).isGreaterThan(0L);
    assertThat(result.counters().delayed()).isGreaterThan(0L);
    assertThat(result.counters().batchedTicks()).isGreaterThan(0L);
  }

  @Test
  void aRunIsReproducibleFromItsSeed() {
    assertThat(run(7).trace()).isEqualTo(run(7).trace());
    assertThat(run(7).outputs()).isEqualTo(run(7).outputs());
  }
}
