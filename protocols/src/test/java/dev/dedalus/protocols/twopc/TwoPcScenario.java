package dev.dedalus.protocols.twopc;

import dev.dedalus.Location;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.OutputFact;
import dev.dedalus.runtime.sim.SimClient;
import dev.dedalus.runtime.sim.SimDurability;
import dev.dedalus.runtime.sim.Simulation;
import dev.dedalus.runtime.sim.SimulationOptions;
import dev.dedalus.runtime.sim.SimulationResult;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The transactions the 2PC tests send: a few clients, each with a handful of transactions, some of
 * which one participant (or all) votes no on. Builds deployments and runs them in the simulator
 * with durable relations modelled by {@link SimDurability}.
 */
final class TwoPcScenario {
  static final int PARTICIPANTS = 3;
  static final int CLIENTS = 2;
  static final int TRANSACTIONS_PER_CLIENT = 4;

  /** A finished run and the durable state its nodes left. */
  record Run(Topology topology, SimulationResult result, SimDurability durability) {}

  private TwoPcScenario() {}

  static Topology topology(DedalusProgram plan, int partitions) {
    Topology.Builder b = Topology.builder(plan).instances("Participant", PARTICIPANTS);
    plan.partitionedRoles().forEach(role -> b.partitions(role, partitions));
    return b.build();
  }

  static long id(int client, int n) {
    return client * 1_000L + n;
  }

  /** Every third transaction is voted down: by participant 1, or by everyone. */
  static String payload(long id) {
    if (id % 3 == 1) {
      return "abort@1";
    }
    if (id % 6 == 2) {
      return "abort";
    }
    return "payload-" + id;
  }

  static boolean commits(long id) {
    return TwoPhaseCommit.votesYes(payload(id), 0) && TwoPhaseCommit.votesYes(payload(id), 1)
        && TwoPhaseCommit.votesYes(payload(id), 2);
  }

  /** The outputs of a run without crashes: every transaction answered with its outcome. */
  static Set<OutputFact> expected() {
    Set<OutputFact> out = new LinkedHashSet<>();
    for (int c = 0; c < CLIENTS; c++) {
      Location client = new Location(Topology.FIRST_CLIENT_ID + c);
      for (int n = 0; n < TRANSACTIONS_PER_CLIENT; n++) {
        long id = id(c, n);
        out.add(new OutputFact(client, "ClientOut", new TwoPhaseCommit.ClientOut(id, commits(id))));
      }
    }
    return out;
  }

  /**
   * Runs the scenario on {@code topology}: clients send their transactions a few milliseconds apart
   * to the node that receives {@code ClientIn}, built by {@code request}.
   */
  static Run run(Topology topology, long seed, SimulationOptions options,
      Class<?> requestType, BiFunction<Location, Long, Object> request) {
    SimDurability durability = new SimDurability();
    Simulation sim = new Simulation(topology, seed, options, durability.stageFactory(topology));
    Location coordinator = sim.node(topology.program().inputRole(requestType), 0);
    for (int c = 0; c < CLIENTS; c++) {
      SimClient client = sim.client();
      for (int n = 0; n < TRANSACTIONS_PER_CLIENT; n++) {
        client.sendAt(n * 4L, coordinator, request.apply(client.location(), id(c, n)));
      }
    }
    return new Run(topology, sim.run(2_000_000), durability);
  }

  static Run run(DedalusProgram plan, int partitions, long seed, SimulationOptions options) {
    return run(topology(plan, partitions), seed, options, TwoPhaseCommit.ClientIn.class,
        (client, id) -> new TwoPhaseCommit.ClientIn(client, id, payload(id)));
  }
}
