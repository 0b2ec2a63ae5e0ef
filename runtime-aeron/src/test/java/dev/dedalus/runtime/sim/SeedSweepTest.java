package dev.dedalus.runtime.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dedalus.runtime.sim.VotingProgram.Decision;
import org.junit.jupiter.api.Test;

class SeedSweepTest {
  private static final SimulationOptions OPTIONS = SimulationOptions.builder().recordTrace(false).build();

  @Test
  void aCorrectProtocolGivesTheSameSetUnderEverySeed() {
    SeedSweep.Report report = SeedSweep.compare(
        seed -> Scenarios.runVoting(false, seed, OPTIONS), seed -> Scenarios.runVoting(false, seed, OPTIONS), 1000, 200);
    assertTrue(report.ok(), report.toString());
    assertEquals(Scenarios.expectedVotingOutputs(), report.reference());
  }

  @Test
  void aBuggyLeaderIsCaughtWithTheSeedAndTheFirstDifferingFact() {
    SeedSweep.Report report = SeedSweep.compare(
        seed -> Scenarios.runVoting(false, seed, OPTIONS), seed -> Scenarios.runVoting(true, seed, OPTIONS), 1, 200);
    assertFalse(report.ok());
    SeedSweep.Mismatch m = report.mismatch().orElseThrow();

    // The buggy leader commits a request that a later "no" should have aborted.
    ClientOutput wrong = m.firstUnexpected().orElseThrow();
    Decision decision = (Decision) wrong.fact();
    assertEquals("commit", decision.outcome());
    assertEquals("abort", VotingProgram.expectedOutcome(decision.id(), Scenarios.PARTICIPANTS));
    assertEquals("abort", ((Decision) m.firstMissing().orElseThrow().fact()).outcome());
    assertFalse(m.result().outputSet().contains(new OutputFact(wrong.client(), "decision", new Decision(decision.id(), "abort"))));

    String described = m.describe();
    assertTrue(described.startsWith("seed " + m.seed() + ": output set differs"), described);
    assertTrue(described.contains("first unexpected fact"), described);
    assertTrue(described.contains("decision " + decision), described);
    AssertionError error = assertThrows(AssertionError.class, report::assertOk);
    assertTrue(error.getMessage().contains("seed " + m.seed()), error.getMessage());

    // The reported seed replays the failure.
    SimulationResult replay = Scenarios.runVoting(true, m.seed(), OPTIONS);
    assertEquals(m.result().outputs(), replay.outputs());
    assertTrue(SeedSweep.compare(Scenarios.expectedVotingOutputs(), m.seed(), replay).isPresent());
  }

  @Test
  void theBugDependsOnTheSchedule() {
    // One request that participant 0 votes against: the buggy leader is right only when the "no"
    // arrives first, or in the same tick as the first "yes".
    int clean = 0;
    int caught = 0;
    for (long seed = 0; seed < 100; seed++) {
      Simulation sim = new Simulation(Scenarios.votingTopology(new VotingProgram(true)), seed, OPTIONS);
      SimClient client = sim.client();
      client.sendAt(0, sim.node(VotingProgram.LEADER, 0), new VotingProgram.Request(client.location(), 0));
      SimulationResult r = sim.run(Scenarios.MAX_STEPS);
      boolean right = r.outputSet().equals(java.util.Set.of(new OutputFact(client.location(), "decision", new Decision(0, "abort"))));
      if (right) {
        clean++;
      } else {
        caught++;
      }
    }
    assertTrue(caught > 10 && clean > 10, "caught " + caught + ", clean " + clean);
  }

  @Test
  void aRunThatDoesNotQuiesceIsAMismatch() {
    SimulationResult cut = Scenarios.voting(new VotingProgram(false), 9, OPTIONS).run(10);
    assertEquals(StopReason.MAX_STEPS, cut.stopReason());
    SeedSweep.Mismatch m = SeedSweep.compare(Scenarios.expectedVotingOutputs(), 9, cut).orElseThrow();
    assertTrue(m.reason().contains("did not quiesce"), m.reason());
  }
}
