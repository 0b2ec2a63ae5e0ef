package dev.dedalus.protocols.rewrites;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.Location;
import dev.dedalus.protocols.voting.Voting;
import dev.dedalus.protocols.voting.Voting_Plans;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.OutputFact;
import dev.dedalus.runtime.sim.SimClient;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Base and partitioned plans give the same output sets over 500 hostile seeds, with no output
 * delivered more often than the multiplicity rule allows ({@link Multiplicity}): voting at 1, 3 and
 * 5 partitions, and programs partitioned by co-hashing, by a functional dependency and by a
 * co-partition dependency; a forced partitioning whose join keys disagree is caught.
 */
class PartitioningDifferentialTest {
  private static final Location CLIENT = new Location(Topology.FIRST_CLIENT_ID);

  /** A plan's deployment with {@code partitions} partitions for every role it partitions. */
  private static Function<DedalusProgram, Topology> deployment(int partitions, String role, int instances) {
    return p -> {
      Topology.Builder b = Topology.builder(p);
      if (role != null) {
        b.instances(role, instances);
      }
      p.partitionedRoles().forEach(r -> b.partitions(r, partitions));
      return b.build();
    };
  }

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {1, 3, 5})
  void votingPartitionedMatchesBase(int partitions) {
    Set<OutputFact> expected = new HashSet<>();
    for (long id = 0; id < 12; id++) {
      expected.add(new OutputFact(CLIENT, "ClientOut", new Voting.ClientOut(id, "p" + id)));
    }
    Differential.compare(Voting_Plans.plan("base"), Voting_Plans.plan("optimized"), deployment(partitions, "Participant", 3),
        (sim, p) -> {
          SimClient c = sim.client();
          for (long id = 0; id < 12; id++) {
            c.sendAt(id * 2, sim.node("Leader", 0), new Voting.ClientIn(c.location(), id, "p" + id));
          }
        }, expected).assertOk();
  }

  @Test
  void coHashing() {
    Set<OutputFact> expected = new HashSet<>();
    List<String> items = List.of("apple", "bread", "cheese", "dates", "eggs", "figs");
    for (int i = 0; i < items.size(); i++) {
      expected.add(new OutputFact(CLIENT, "InStock", new Inventory.InStock(items.get(i), i + 1)));
    }
    Differential.compare(Inventory_Plans.plan("base"), Inventory_Plans.plan("optimized"), deployment(3, null, 0),
        (sim, p) -> {
          SimClient c = sim.client();
          Location front = sim.node("Front", 0);
          for (int i = 0; i < items.size(); i++) {
            c.sendAt(i, front, new Inventory.AddIn(c.location(), items.get(i), i + 1));
            c.sendAt(10 - i, front, new Inventory.QueryIn(c.location(), items.get(i)));
            c.sendAt(3 + i, front, new Inventory.QueryIn(c.location(), "unknown" + i));
          }
        }, expected).assertOk();
  }

  @Test
  void functionalDependency() {
    Set<OutputFact> expected = new HashSet<>();
    List<String> words = List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta");
    for (String w : words) {
      expected.add(new OutputFact(CLIENT, "Found", new WordIndex.Found(w, WordIndex.bucket(w))));
    }
    Differential.compare(WordIndex_Plans.plan("base"), WordIndex_Plans.plan("optimized"), deployment(3, null, 0),
        (sim, p) -> {
          SimClient c = sim.client();
          Location front = sim.node("Front", 0);
          for (int i = 0; i < words.size(); i++) {
            c.sendAt(i, front, new WordIndex.WordIn(c.location(), words.get(i)));
            c.sendAt(8 - i, front, new WordIndex.LookupIn(c.location(), words.get(i)));
            c.sendAt(i, front, new WordIndex.LookupIn(c.location(), "missing" + i));
          }
        }, expected).assertOk();
  }

  @Test
  void coPartitionDependency() {
    Set<OutputFact> expected = new HashSet<>();
    List<String> words = List.of("hey", "you", "there", "quiet", "please");
    for (String w : words) {
      expected.add(new OutputFact(CLIENT, "Heard", new Shouting.Heard(w, Shouting.shout(w))));
    }
    Differential.compare(Shouting_Plans.plan("base"), Shouting_Plans.plan("optimized"), deployment(3, null, 0),
        (sim, p) -> {
          SimClient c = sim.client();
          Location front = sim.node("Front", 0);
          for (int i = 0; i < words.size(); i++) {
            c.sendAt(i, front, new Shouting.WordIn(c.location(), words.get(i)));
            c.sendAt(6 - i, front, new Shouting.AskIn(c.location(), words.get(i)));
          }
          c.sendAt(2, front, new Shouting.AskIn(c.location(), "never said"));
        }, expected).assertOk();
  }

  /** The negative control: partitioning whose join keys disagree, forced by the test build, is caught. */
  @Test
  void aForcedPartitioningWithDisagreeingKeysIsCaught() {
    Set<OutputFact> expected = new HashSet<>();
    for (long x = 0; x < 8; x++) {
      expected.add(new OutputFact(CLIENT, "Matched", new UnsafeJoin.Matched(x, 100 + x % 4)));
    }
    Differential.Outcome report = Differential.compare(UnsafeJoin_Plans.plan("base"), UnsafeJoin_Plans.plan("optimized"),
        deployment(3, null, 0),
        (sim, p) -> {
          SimClient c = sim.client();
          Location front = sim.node("Front", 0);
          for (long x = 0; x < 8; x++) {
            c.sendAt(x, front, new UnsafeJoin.LeftIn(c.location(), x, x % 4));
          }
          for (long k = 0; k < 4; k++) {
            c.sendAt(k, front, new UnsafeJoin.RightIn(c.location(), k, 100 + k));
          }
        }, expected);
    assertThat(report.sets().ok()).isFalse();
    assertThat(report.sets().toString()).contains("Matched");
  }
}
