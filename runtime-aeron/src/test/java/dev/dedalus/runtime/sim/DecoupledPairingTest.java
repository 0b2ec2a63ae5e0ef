package dev.dedalus.runtime.sim;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.Location;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.PairedProgram.Held;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Why a decoupled role follows its source's instance count: with it, each instance of the new
 * role holds the state of exactly one source instance, its pair; without it, the new role defaults
 * to one instance and the generated forward's modulo merges every source instance's state on it.
 */
class DecoupledPairingTest {
  private static final int ORIGINS = 3;

  private static List<Held> held(boolean follows) {
    Location watcher = new Location(Topology.FIRST_CLIENT_ID);
    Topology topology = Topology.builder(new PairedProgram(follows)).instances(PairedProgram.ORIGIN, ORIGINS)
        .config(new PairedProgram.Watcher(watcher)).build();
    Simulation sim = new Simulation(topology, 7, SimulationOptions.builder().benign().build());
    sim.client();
    SimulationResult result = sim.run(10_000);
    assertThat(result.quiescent()).isTrue();
    return result.outputs().stream().map(o -> (Held) o.fact()).toList();
  }

  @Test
  void followingTheSourceCountPairsInstancesOneToOne() {
    assertThat(held(true)).containsExactly(new Held(0, 0), new Held(1, 1), new Held(2, 2));
  }

  @Test
  void withoutItEverySourceInstanceMergesOnOneNode() {
    assertThat(held(false)).containsExactly(new Held(0, 0), new Held(0, 1), new Held(0, 2));
  }
}
