package dev.dedalus.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A role decoupled from another runs as many instances as its source ({@link
 * DedalusProgram#instanceSources()}), transitively, so that the rewrite's pairing of instance i
 * with instance i is one to one; explicit counts that disagree, and malformed source maps, are
 * rejected with a message naming the roles and counts.
 */
class InstanceSourcesTest {

  private static Map<String, Integer> counts(Topology t) {
    Map<String, Integer> counts = new HashMap<>();
    for (String role : t.program().roles()) {
      counts.put(role, t.addressesOf(role).size());
    }
    return counts;
  }

  @Test
  void withoutSourcesEveryRoleDefaultsToOneInstance() {
    Topology t = Topology.builder(new FollowingProgram(Map.of())).instances("Leader", 3).build();
    assertThat(counts(t)).containsExactly("Leader", 3, "Broadcaster", 1, "Collector", 1, "Tally", 1, "Participant", 1);
  }

  @Test
  void followingRolesTakeTheirSourcesCountTransitively() {
    Topology t = Topology.builder(FollowingProgram.decoupledVoting()).instances("Leader", 3).instances("Participant", 2).build();
    // Tally follows Collector, which follows Leader.
    assertThat(counts(t)).containsExactly("Leader", 3, "Broadcaster", 3, "Collector", 3, "Tally", 3, "Participant", 2);
    assertThat(t.nodes()).hasSize(3 * 4 + 2);
  }

  @Test
  void aFollowingRoleGetsItsOwnInstanceIndicesAndStageContexts() {
    Topology t = Topology.builder(FollowingProgram.decoupledVoting()).instances("Leader", 2).build();
    List<Topology.Node> collectors = t.nodes().stream().filter(n -> n.role().equals("Collector")).toList();
    assertThat(collectors.stream().map(Topology.Node::instance).toList()).containsExactly(0, 1).inOrder();
    StageContext second = t.contextFor(collectors.get(1));
    assertThat(second.instanceIndex()).isEqualTo(1);
    assertThat(second.addressesOf("Collector")).hasSize(second.addressesOf("Leader").size());
  }

  @Test
  void followingRolesKeepTheirOwnPartitionCount() {
    FollowingProgram program = new FollowingProgram(Map.of("Collector", "Leader"), List.of("Collector"));
    Topology t = Topology.builder(program).instances("Leader", 2).partitions("Collector", 3).build();
    assertThat(t.addressesOf("Collector")).hasSize(2);
    assertThat(t.allInstancesOf("Collector")).hasSize(6);
  }

  @Test
  void anExplicitEqualCountIsAccepted() {
    Topology t = Topology.builder(FollowingProgram.decoupledVoting())
        .instances("Tally", 3).instances("Collector", 3).instances("Leader", 3).build();
    assertThat(counts(t)).containsEntry("Tally", 3);
  }

  @Test
  void anExplicitDisagreeingCountIsRejectedNamingBothRolesAndCounts() {
    Topology.Builder b = Topology.builder(FollowingProgram.decoupledVoting()).instances("Leader", 3).instances("Collector", 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    assertThat(e).hasMessageThat().contains("role Collector");
    assertThat(e).hasMessageThat().contains("follows the instance count of role Leader");
    assertThat(e).hasMessageThat().contains("runs 3 instance(s) like Leader, not the 2 given");
  }

  @Test
  void theDefaultCountOfTheSourceCountsToo() {
    // Leader defaults to 1, so 3 Collectors would merge nothing but pair with nothing either.
    Topology.Builder b = Topology.builder(FollowingProgram.decoupledVoting()).instances("Collector", 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    assertThat(e).hasMessageThat().contains("runs 1 instance(s) like Leader, not the 3 given");
  }

  @Test
  void aTransitiveDisagreementNamesTheDirectSourceAndTheRootToSet() {
    Topology.Builder b = Topology.builder(FollowingProgram.decoupledVoting()).instances("Leader", 2).instances("Tally", 5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    assertThat(e).hasMessageThat().contains("role Tally");
    assertThat(e).hasMessageThat().contains("follows the instance count of role Collector");
    assertThat(e).hasMessageThat().contains("runs 2 instance(s) like Collector, not the 5 given");
    assertThat(e).hasMessageThat().contains("set the count of Leader instead");
  }

  @Test
  void aSourceMapNamingAnUnknownRoleIsRejected() {
    IllegalArgumentException source = assertThrows(IllegalArgumentException.class,
        () -> Topology.builder(new FollowingProgram(Map.of("Collector", "Leadr"))).build());
    assertThat(source).hasMessageThat().contains("maps Collector -> Leadr, but the program has no role 'Leadr'");
    IllegalArgumentException follower = assertThrows(IllegalArgumentException.class,
        () -> Topology.builder(new FollowingProgram(Map.of("Colector", "Leader"))).build());
    assertThat(follower).hasMessageThat().contains("no role 'Colector'");
  }

  @Test
  void aCycleIsRejectedNamingItsRoles() {
    FollowingProgram program = new FollowingProgram(Map.of("Leader", "Tally", "Collector", "Leader", "Tally", "Collector"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topology.builder(program).build());
    assertThat(e).hasMessageThat().contains("forms a cycle Leader -> Tally -> Collector -> Leader");
  }

  @Test
  void aRoleFollowingItselfIsACycle() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Topology.builder(new FollowingProgram(Map.of("Tally", "Tally"))).build());
    assertThat(e).hasMessageThat().contains("forms a cycle Tally -> Tally");
  }

  @Test
  void aNullSourceMapIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Topology.builder(new FollowingProgram(null)).build());
    assertThat(e).hasMessageThat().contains("instanceSources() returned null");
  }
}
