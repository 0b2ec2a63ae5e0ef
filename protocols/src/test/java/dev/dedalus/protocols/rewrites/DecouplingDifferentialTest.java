package dev.dedalus.protocols.rewrites;

import static com.google.common.truth.Truth.assertThat;

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
import org.junit.jupiter.api.Test;

/**
 * Base and optimized plans give the same output sets over 500 hostile seeds, and the optimized
 * plan delivers no output more often than the multiplicity rule allows ({@link Multiplicity}), for
 * voting and for a program built to exercise each decoupling; and a forced unsafe decoupling is
 * caught.
 */
class DecouplingDifferentialTest {
  private static final Location FIRST_CLIENT = new Location(Topology.FIRST_CLIENT_ID);

  private static Topology single(DedalusProgram p) {
    return Topology.builder(p).build();
  }

  private static Location input(Simulation sim, DedalusProgram program, Class<?> inputType) {
    return sim.node(program.inputRole(inputType), 0);
  }

  @Test
  void votingOptimizedMatchesBase() {
    Set<OutputFact> expected = new HashSet<>();
    for (long id = 0; id < 12; id++) {
      expected.add(new OutputFact(FIRST_CLIENT, "ClientOut", new Voting.ClientOut(id, "p" + id)));
    }
    Differential.Outcome report = Differential.compare(Voting_Plans.plan("base"), Voting_Plans.plan("optimized"),
        p -> Topology.builder(p).instances("Participant", 3).build(),
        (sim, p) -> {
          SimClient c = sim.client();
          for (long id = 0; id < 12; id++) {
            c.sendAt(id * 2, input(sim, p, Voting.ClientIn.class), new Voting.ClientIn(c.location(), id, "p" + id));
          }
        }, expected);
    report.assertOk();
  }

  @Test
  void mutuallyIndependentDecoupling() {
    Set<OutputFact> expected = new HashSet<>();
    for (long x = 1; x <= 10; x++) {
      expected.add(new OutputFact(FIRST_CLIENT, "Result", new Audit.Result(x, x * x)));
      expected.add(new OutputFact(FIRST_CLIENT, "Confirmed", new Audit.Confirmed(x)));
    }
    Differential.compare(Audit_Plans.plan("base"), Audit_Plans.plan("optimized"), DecouplingDifferentialTest::single,
        (sim, p) -> {
          SimClient c = sim.client();
          for (long x = 1; x <= 10; x++) {
            c.sendAt(x, input(sim, p, Audit.Job.class), new Audit.Job(c.location(), x));
          }
        }, expected).assertOk();
  }

  @Test
  void monotonicDecoupling() {
    Set<OutputFact> expected = new HashSet<>();
    for (long k = 0; k < 6; k++) {
      expected.add(new OutputFact(FIRST_CLIENT, "Known", new Lookups.Known(k, "v" + k)));
    }
    Differential.compare(Lookups_Plans.plan("base"), Lookups_Plans.plan("optimized"), DecouplingDifferentialTest::single,
        (sim, p) -> {
          SimClient c = sim.client();
          Location store = input(sim, p, Lookups.Put.class);
          for (long k = 0; k < 8; k++) {
            // Lookups of keys 0..7, stores of keys 0..5, interleaved: only stored keys are ever known.
            c.sendAt(k * 3, store, new Lookups.Lookup(c.location(), k));
            if (k < 6) {
              c.sendAt(20 - k * 2, store, new Lookups.Put(c.location(), k, "v" + k));
            }
          }
        }, expected).assertOk();
  }

  @Test
  void functionalDecoupling() {
    Set<OutputFact> expected = new HashSet<>();
    for (long x = 1; x <= 10; x++) {
      expected.add(new OutputFact(FIRST_CLIENT, "Ack", new Doubler.Ack(x)));
      expected.add(new OutputFact(FIRST_CLIENT, "Doubled", new Doubler.Doubled(x, 2 * x)));
    }
    Differential.compare(Doubler_Plans.plan("base"), Doubler_Plans.plan("optimized"), DecouplingDifferentialTest::single,
        (sim, p) -> {
          SimClient c = sim.client();
          for (long x = -3; x <= 10; x++) {
            c.sendAt(x + 3, input(sim, p, Doubler.Req.class), new Doubler.Req(c.location(), x));
          }
        }, expected).assertOk();
  }

  @Test
  void twoHintsInSequenceWithAggregationOnTheNewNode() {
    Set<OutputFact> expected = new HashSet<>();
    for (long id = 0; id < 8; id++) {
      expected.add(new OutputFact(FIRST_CLIENT, "Done", new Tally.Done(id, 3)));
    }
    Differential.compare(Tally_Plans.plan("base"), Tally_Plans.plan("optimized"),
        p -> Topology.builder(p).instances("Worker", 3).build(),
        (sim, p) -> {
          SimClient c = sim.client();
          for (long id = 0; id < 8; id++) {
            c.sendAt(id, input(sim, p, Tally.Request.class), new Tally.Request(c.location(), id));
          }
        }, expected).assertOk();
  }

  /** The negative control: a decoupling whose precondition fails, forced by the test build, is caught. */
  @Test
  void aForcedUnsafeDecouplingIsCaught() {
    Set<OutputFact> expected = new HashSet<>();
    for (long i = 0; i < 6; i++) {
      expected.add(new OutputFact(FIRST_CLIENT, "Taken", new UnsafeReservations.Taken(i)));
    }
    Differential.Outcome report = Differential.compare(UnsafeReservations_Plans.plan("base"),
        UnsafeReservations_Plans.plan("optimized"), DecouplingDifferentialTest::single,
        (sim, p) -> {
          SimClient c = sim.client();
          for (long i = 0; i < 6; i++) {
            c.sendAt(i, input(sim, p, UnsafeReservations.Reserve.class), new UnsafeReservations.Reserve(c.location(), i));
          }
        }, expected);
    assertThat(report.sets().ok()).isFalse();
    String described = report.sets().toString();
    assertThat(described).contains("seed ");
    assertThat(described).contains("Available");
  }
}
