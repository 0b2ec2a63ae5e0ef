package dev.dedalus.runtime.sim;

import dev.dedalus.Location;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.VotingProgram.Decision;
import dev.dedalus.runtime.sim.VotingProgram.Request;
import java.util.LinkedHashSet;
import java.util.Set;

/** The voting scenario shared by tests: 3 participants, 2 clients, 7 requests each. */
final class Scenarios {
  static final int PARTICIPANTS = 3;
  static final int REQUESTS_PER_CLIENT = 7;
  static final long MAX_STEPS = 100_000;

  private Scenarios() {}

  static Topology votingTopology(VotingProgram program) {
    return Topology.builder(program).instances(VotingProgram.PARTICIPANT, PARTICIPANTS).build();
  }

  /** Builds the simulation and scripts the requests; the caller may add faults before running. */
  static Simulation voting(VotingProgram program, long seed, SimulationOptions options) {
    Simulation sim = new Simulation(votingTopology(program), seed, options);
    SimClient a = sim.client();
    SimClient b = sim.client();
    Location leader = sim.node(VotingProgram.LEADER, 0);
    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
      a.sendAt(3L * i, leader, new Request(a.location(), i));
      b.sendAt(2L * i, leader, new Request(b.location(), REQUESTS_PER_CLIENT + i));
    }
    return sim;
  }

  static SimulationResult runVoting(boolean buggy, long seed, SimulationOptions options) {
    return voting(new VotingProgram(buggy), seed, options).run(MAX_STEPS);
  }

  /** What the correct protocol must output, under any schedule. */
  static Set<OutputFact> expectedVotingOutputs() {
    Set<OutputFact> expected = new LinkedHashSet<>();
    for (int c = 0; c < 2; c++) {
      Location client = new Location(Topology.FIRST_CLIENT_ID + c);
      for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
        int id = c * REQUESTS_PER_CLIENT + i;
        expected.add(new OutputFact(client, "decision", new Decision(id, VotingProgram.expectedOutcome(id, PARTICIPANTS))));
      }
    }
    return expected;
  }
}
