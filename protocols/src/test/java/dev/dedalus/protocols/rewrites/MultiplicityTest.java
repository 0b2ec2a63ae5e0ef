package dev.dedalus.protocols.rewrites;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dedalus.Location;
import dev.dedalus.protocols.voting.Voting;
import dev.dedalus.protocols.voting.Voting_Plans;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.OutputFact;
import dev.dedalus.runtime.sim.SimClient;
import dev.dedalus.runtime.sim.Simulation;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The multiplicity check has teeth: plans that send a client fact twice ({@link RepliesTwice}) have
 * the base plan's output sets, so set comparison passes them, but each part of the rule catches
 * them; and it names the fact, the seed and the counts.
 */
class MultiplicityTest {
  private static final int SEEDS = 50;
  private static final Location CLIENT = new Location(Topology.FIRST_CLIENT_ID);

  private static final Function<DedalusProgram, Topology> VOTING = p -> Topology.builder(p).instances("Participant", 3).build();
  private static final Function<DedalusProgram, Topology> TALLY = p -> Topology.builder(p).instances("Worker", 3).build();

  private static final BiConsumer<Simulation, DedalusProgram> VOTES = (sim, p) -> {
    SimClient c = sim.client();
    for (long id = 0; id < 12; id++) {
      c.sendAt(id * 2, sim.node(p.inputRole(Voting.ClientIn.class), 0), new Voting.ClientIn(c.location(), id, "p" + id));
    }
  };

  private static final BiConsumer<Simulation, DedalusProgram> TALLIES = (sim, p) -> {
    SimClient c = sim.client();
    for (long id = 0; id < 8; id++) {
      c.sendAt(id, sim.node(p.inputRole(Tally.Request.class), 0), new Tally.Request(c.location(), id));
    }
  };

  private static Multiplicity.Report compare(DedalusProgram base, DedalusProgram candidate,
      Function<DedalusProgram, Topology> topology, BiConsumer<Simulation, DedalusProgram> script) {
    return Multiplicity.compare(seed -> Differential.run(base, topology, script, seed, Differential.NON_DUPLICATING),
        seed -> Differential.run(candidate, topology, script, seed, Differential.NON_DUPLICATING), 1, SEEDS);
  }

  @Test
  void setComparisonPassesAPlanThatRepliesTwiceButMultiplicityFailsIt() {
    Set<OutputFact> expected = new HashSet<>();
    for (long id = 0; id < 12; id++) {
      expected.add(new OutputFact(CLIENT, "ClientOut", new Voting.ClientOut(id, "p" + id)));
    }
    Differential.Outcome outcome = Differential.compare(Voting_Plans.plan("base"),
        new RepliesTwice(Voting_Plans.plan("optimized"), RepliesTwice.When.SAME_TICK), VOTING, VOTES, expected);

    assertThat(outcome.sets().ok()).isTrue();
    assertThat(outcome.multiplicity().ok()).isFalse();
    AssertionError e = assertThrows(AssertionError.class, outcome::assertOk);
    assertThat(e).hasMessageThat().contains("ClientOut ClientOut[id=");
    assertThat(e).hasMessageThat().contains("under seed 1: delivered 2 times, but the reference plan delivers it at most once per run");
  }

  @Test
  void aSecondReplyInALaterTickBreaksOnceStaysOnce() {
    Multiplicity.Report report = compare(Voting_Plans.plan("base"),
        new RepliesTwice(Voting_Plans.plan("optimized"), RepliesTwice.When.NEXT_TICK), VOTING, VOTES);

    // Every reply of every run is over-delivered, and only the first part of the rule can see it.
    assertThat(report.excesses()).hasSize(12);
    for (Multiplicity.Excess e : report.excesses()) {
      assertThat(e.fact().relation()).isEqualTo("ClientOut");
      assertThat(e.why()).isEqualTo("delivered 2 times, but the reference plan delivers it at most once per run");
    }
  }

  @Test
  void aRepeatedFactSentTwiceInOneTickBreaksOneTickOneCopy() {
    // Tally re-sends Done on every tick once all workers acked, so its base plan delivers each Done
    // many times and only the second part of the rule applies.
    Multiplicity.Report report = compare(Tally_Plans.plan("base"),
        new RepliesTwice(Tally_Plans.plan("optimized"), RepliesTwice.When.SAME_TICK), TALLY, TALLIES);

    assertThat(report.excesses()).hasSize(8);
    for (Multiplicity.Excess e : report.excesses()) {
      assertThat(e.fact().relation()).isEqualTo("Done");
      assertThat(e.why()).containsMatch("^delivered 2 times from one tick \\(tick \\d+ of node \\d+\\)$");
    }
  }

  @Test
  void theUnchangedPlansPass() {
    assertThat(compare(Voting_Plans.plan("base"), Voting_Plans.plan("optimized"), VOTING, VOTES).ok()).isTrue();
    assertThat(compare(Tally_Plans.plan("base"), Tally_Plans.plan("optimized"), TALLY, TALLIES).ok()).isTrue();
  }

  @Test
  void aFactTheReferenceNeverDeliversIsAnExcessAtAnyCount() {
    // The reference (base) plan gets no client inputs, so it never replies; the candidate does.
    Multiplicity.Report report = compare(Voting_Plans.plan("base"), Voting_Plans.plan("optimized"), VOTING,
        (sim, p) -> {
          if (p == Voting_Plans.plan("optimized")) {
            VOTES.accept(sim, p);
          }
        });
    assertThat(report.excesses()).hasSize(12);
    assertThat(report.excesses().get(0).why()).isEqualTo("delivered once, but the reference plan delivers it never");
  }

  @Test
  void noSeedsIsAMistake() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Multiplicity.compare(seed -> null, seed -> null, 1, 0));
    assertThat(e).hasMessageThat().contains("at least one seed, not 0");
  }
}
