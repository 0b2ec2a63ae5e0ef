package dev.dedalus.protocols.paxos;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.Location;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.ClientOutput;
import dev.dedalus.runtime.sim.SimClient;
import dev.dedalus.runtime.sim.SimDurability;
import dev.dedalus.runtime.sim.Simulation;
import dev.dedalus.runtime.sim.SimulationOptions;
import dev.dedalus.runtime.sim.SimulationResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Paxos answers puts and gets once a leader is elected, in a benign schedule. */
class PaxosSmokeTest {
  static Topology topology() {
    return Topology.builder(Paxos_Program.INSTANCE).instances("Proposer", 2).instances("Acceptor", 3).instances("Replica", 3).build();
  }

  @Test
  void putsAndGetsAreAnswered() {
    Topology topology = topology();
    SimDurability durability = new SimDurability();
    Simulation sim = new Simulation(topology, 1, SimulationOptions.builder().benign().timerHorizonMillis(3_000).build(),
        durability.stageFactory(topology));
    // Ten clients with one request each (a client waits for its answer before the next request).
    List<Location> proposers = topology.addressesOf("Proposer");
    for (int i = 0; i < 5; i++) {
      SimClient writer = sim.client();
      SimClient reader = sim.client();
      for (long resend = 0; resend < 3; resend++) {
        for (Location p : proposers) {
          writer.sendAt(500 + i * 50 + resend * 400, p, new Paxos.Request(writer.location(), i, "put", "k" + (i % 2), "v" + i, ""));
          reader.sendAt(520 + i * 50 + resend * 400, p, new Paxos.Request(reader.location(), 100 + i, "get", "k" + (i % 2), "", ""));
        }
      }
    }
    SimulationResult result = sim.run(5_000_000);
    Map<Long, String> replies = new TreeMap<>();
    for (ClientOutput o : result.outputs()) {
      Paxos.Reply r = (Paxos.Reply) o.fact();
      replies.merge(r.id(), r.ok() + ":" + r.value(), (a, b) -> a.equals(b) ? a : a + " AND " + b);
    }
    assertWithMessage("%s\n%s", replies, result).that(replies.keySet()).hasSize(10);
  }
}
