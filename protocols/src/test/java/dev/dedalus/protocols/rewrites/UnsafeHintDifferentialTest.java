package dev.dedalus.protocols.rewrites;

import dev.dedalus.Location;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.OutputFact;
import dev.dedalus.runtime.sim.SimClient;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression tests of issue 9 for the hints that are safe once the processor and runtime treat them
 * right: {@code self} on a partition, a role decoupled from several instances, and routing through
 * two partitioned roles. Base and optimized plans must give the same outputs over hostile seeds, at
 * one and at three partitions.
 */
class UnsafeHintDifferentialTest {
  private static final Location CLIENT = new Location(Topology.FIRST_CLIENT_ID);

  private static Function<DedalusProgram, Topology> deployment(String role, int instances, int partitions) {
    return p -> {
      Topology.Builder b = Topology.builder(p);
      if (role != null) {
        b.instances(role, instances);
      }
      for (String r : p.partitionedRoles()) {
        b.partitions(r, partitions);
      }
      return b.build();
    };
  }

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {1, 3})
  void selfOnAPartitionIsItsInstance(int partitions) {
    Set<OutputFact> expected = new HashSet<>();
    for (long id = 0; id < 10; id++) {
      expected.add(new OutputFact(CLIENT, "Mine", new PartitionSelf.Mine(id)));
      expected.add(new OutputFact(CLIENT, "Known", new PartitionSelf.Known(id)));
    }
    Differential.compare(PartitionSelf_Plans.plan("base"), PartitionSelf_Plans.plan("optimized"),
        deployment("Worker", 2, partitions),
        (sim, p) -> {
          SimClient c = sim.client();
          for (long id = 0; id < 10; id++) {
            c.sendAt(id, sim.node(p.inputRole(PartitionSelf.Req.class), 0), new PartitionSelf.Req(c.location(), id));
          }
        }, expected).assertOk();
  }

  @ParameterizedTest(name = "{0} worker instances")
  @ValueSource(ints = {1, 3})
  void aDecoupledRoleRunsOneInstancePerSourceInstance(int workers) {
    Set<OutputFact> expected = new HashSet<>();
    for (long id = 0; id < 6; id++) {
      expected.add(new OutputFact(CLIENT, "Noted", new FollowedInstances.Noted(id)));
      for (int w = 0; w < workers; w++) {
        expected.add(new OutputFact(CLIENT, "Done", new FollowedInstances.Done(id, w)));
      }
    }
    Differential.compare(FollowedInstances_Plans.plan("base"), FollowedInstances_Plans.plan("optimized"),
        deployment("Worker", workers, 1),
        (sim, p) -> {
          SimClient c = sim.client();
          for (long id = 0; id < 6; id++) {
            c.sendAt(id, sim.node(p.inputRole(FollowedInstances.Req.class), 0), new FollowedInstances.Req(c.location(), id));
          }
        }, expected).assertOk();
  }

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {1, 3})
  void routingThroughTwoPartitionedRoles(int partitions) {
    Set<OutputFact> expected = new HashSet<>();
    for (long id = 0; id < 10; id++) {
      expected.add(new OutputFact(CLIENT, "Echo", new NestedRouting.Echo(id)));
      expected.add(new OutputFact(CLIENT, "Square", new NestedRouting.Square(id, id * id)));
    }
    Differential.compare(NestedRouting_Plans.plan("base"), NestedRouting_Plans.plan("optimized"),
        deployment(null, 1, partitions),
        (sim, p) -> {
          SimClient c = sim.client();
          for (long id = 0; id < 10; id++) {
            c.sendAt(id, sim.node(p.inputRole(NestedRouting.Req.class), 0), new NestedRouting.Req(c.location(), id));
          }
        }, expected).assertOk();
  }
}
