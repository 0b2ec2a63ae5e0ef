package dev.dedalus.runtime.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dedalus.Location;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.VotingProgram.Decision;
import dev.dedalus.runtime.sim.VotingProgram.ParticipantStage;
import dev.dedalus.runtime.sim.VotingProgram.Request;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulationTest {
  private static final SimulationOptions DEFAULTS = SimulationOptions.defaults();
  private static final SimulationOptions BENIGN = SimulationOptions.builder().benign().build();

  @Test
  void theSameSeedReplaysTheSameTraceAndOutputs() {
    for (long seed : new long[] {1, 42, -7, Long.MAX_VALUE}) {
      SimulationResult first = Scenarios.runVoting(false, seed, DEFAULTS);
      SimulationResult second = Scenarios.runVoting(false, seed, DEFAULTS);
      assertTrue(first.quiescent(), "seed " + seed + ": " + first);
      assertFalse(first.trace().isEmpty());
      assertEquals(first.trace(), second.trace(), "seed " + seed);
      assertEquals(first.outputs(), second.outputs(), "seed " + seed);
      assertEquals(first.counters(), second.counters(), "seed " + seed);
      assertEquals(first.ticksPerNode(), second.ticksPerNode(), "seed " + seed);
      assertEquals(seed, first.seed());
    }
  }

  @Test
  void differentSeedsScheduleDifferentlyButAgreeOnTheOutputSet() {
    Set<List<String>> traces = new HashSet<>();
    for (long seed = 0; seed < 50; seed++) {
      traces.add(Scenarios.runVoting(false, seed, DEFAULTS).trace());
    }
    assertTrue(traces.size() >= 45, "only " + traces.size() + " distinct schedules in 50 seeds");

    SeedSweep.Report report = SeedSweep.against(Scenarios.expectedVotingOutputs(), 0, 300,
        seed -> Scenarios.runVoting(false, seed, DEFAULTS.toBuilder().recordTrace(false).build()));
    report.assertOk();
    assertEquals(300, report.seedsRun());
  }

  @Test
  void duplicationDelayAndReorderingHappenWhenEnabledAndNotOtherwise() {
    SimulationOptions rough = SimulationOptions.builder().duplicateProbability(0.3).delay(0.3, 40, 2).build();
    long duplicated = 0;
    long delayed = 0;
    long reordered = 0;
    for (long seed = 0; seed < 20; seed++) {
      SimulationResult r = Scenarios.runVoting(false, seed, rough);
      assertEquals(Scenarios.expectedVotingOutputs(), r.outputSet(), "seed " + seed);
      duplicated += r.duplicated();
      delayed += r.delayed();
      reordered += r.reordered();
      assertTrue(r.trace().stream().anyMatch(l -> l.contains("dup->")) == (r.duplicated() > 0), "seed " + seed);
    }
    assertTrue(duplicated > 20, "duplicated " + duplicated);
    assertTrue(delayed > 20, "delayed " + delayed);
    assertTrue(reordered > 20, "reordered " + reordered);

    for (long seed = 0; seed < 20; seed++) {
      SimulationResult r = Scenarios.runVoting(false, seed, BENIGN);
      assertEquals(0, r.duplicated(), "seed " + seed);
      assertEquals(0, r.delayed(), "seed " + seed);
      assertEquals(r.delivered(), r.outputs().size() + 14 + 3 * 14 + 3 * 14, "seed " + seed + ": every message once");
    }
  }

  @Test
  void withoutReorderingEveryChannelIsFifo() {
    SimulationOptions fifo = BENIGN.toBuilder().reorderProbability(0).latencyMillis(2, 2).build();
    SimulationOptions shuffled = BENIGN.toBuilder().latencyMillis(2, 2).build();
    long reorderedWhenOn = 0;
    for (long seed = 0; seed < 20; seed++) {
      SimulationResult r = Scenarios.runVoting(false, seed, fifo);
      assertEquals(0, r.reordered(), "seed " + seed);
      assertEquals(Scenarios.expectedVotingOutputs(), r.outputSet(), "seed " + seed);
      reorderedWhenOn += Scenarios.runVoting(false, seed, shuffled).reordered();
    }
    assertTrue(reorderedWhenOn > 0);
  }

  @Test
  void someTicksReceiveSeveralMessages() {
    long batched = 0;
    int largest = 0;
    for (long seed = 0; seed < 10; seed++) {
      SimulationResult r = Scenarios.runVoting(false, seed, DEFAULTS);
      batched += r.counters().batchedTicks();
      largest = Math.max(largest, r.counters().largestBatch());
    }
    assertTrue(batched > 0);
    assertTrue(largest >= 3, "largest batch " + largest);
  }

  @Test
  void messagesTravelEncodedUnlessSwitchedOff() {
    VotingProgram encoded = new VotingProgram(false);
    SimulationResult r = Scenarios.voting(encoded, 5, BENIGN).run(Scenarios.MAX_STEPS);
    assertEquals(r.delivered(), encoded.stats.decodes);
    assertEquals(r.delivered(), encoded.stats.encodes);
    assertTrue(r.outputs().get(0).fact() instanceof Decision);

    VotingProgram plain = new VotingProgram(false);
    SimulationResult p = Scenarios.voting(plain, 5, BENIGN.toBuilder().encodeMessages(false).build())
        .run(Scenarios.MAX_STEPS);
    assertEquals(0, plain.stats.decodes);
    assertEquals(0, plain.stats.encodes);
    assertEquals(r.outputSet(), p.outputSet());
  }

  @Test
  void timersFireOnVirtualTimeAndStopKeepingTheRunAliveAtTheHorizon() {
    TimerProgram program = new TimerProgram();
    Location watcher = new Location(Topology.FIRST_CLIENT_ID);
    Topology topology = Topology.builder(program).config(new TimerProgram.Watcher(watcher)).build();
    // Without random time advances a due timer fires at its exact time; with them, it may fire late.
    SimulationOptions punctual = SimulationOptions.builder().advanceTimeProbability(0).timerHorizonMillis(1_000).build();
    Set<OutputFact> expected = new java.util.LinkedHashSet<>();
    for (int n = 1; n <= 10; n++) {
      expected.add(new OutputFact(watcher, "beat", new TimerProgram.Beat(n, n * TimerProgram.PERIOD_MILLIS)));
    }
    for (long seed = 0; seed < 20; seed++) {
      Simulation sim = new Simulation(topology, seed, punctual);
      assertEquals(watcher, sim.client().location());
      SimulationResult r = sim.run(10_000);

      assertEquals(StopReason.QUIESCENT, r.stopReason(), "seed " + seed);
      assertEquals(expected, r.outputSet(), "seed " + seed);
      for (ClientOutput o : r.outputs()) {
        TimerProgram.Beat beat = (TimerProgram.Beat) o.fact();
        assertEquals(beat.firedAtMillis(), o.sentAtMillis());
        assertTrue(o.atMillis() > o.sentAtMillis(), "an async message arrives later: " + o);
      }
      // the initial tick at 0, then one per period up to the horizon
      assertEquals(11, r.ticks(sim.node("heart", 0)), "seed " + seed);
    }
  }

  @Test
  void randomTimeAdvancesMakeTimersFireLateButNeverEarly() {
    TimerProgram program = new TimerProgram();
    Topology topology = Topology.builder(program)
        .config(new TimerProgram.Watcher(new Location(Topology.FIRST_CLIENT_ID))).build();
    SimulationOptions jumpy = SimulationOptions.builder().advanceTimeProbability(0.5).timerHorizonMillis(1_000).build();
    boolean someLate = false;
    for (long seed = 0; seed < 20; seed++) {
      Simulation sim = new Simulation(topology, seed, jumpy);
      sim.client();
      for (ClientOutput o : sim.run(10_000).outputs()) {
        TimerProgram.Beat beat = (TimerProgram.Beat) o.fact();
        assertTrue(beat.firedAtMillis() >= beat.n() * TimerProgram.PERIOD_MILLIS, o.toString());
        someLate |= beat.firedAtMillis() > beat.n() * TimerProgram.PERIOD_MILLIS;
      }
    }
    assertTrue(someLate);
  }

  @Test
  void timersPastTheHorizonDoNotFireEvenWhileMessagesAreInFlight() {
    TimerProgram program = new TimerProgram();
    Location watcher = new Location(Topology.FIRST_CLIENT_ID);
    Topology topology = Topology.builder(program).config(new TimerProgram.Watcher(watcher)).build();
    // Each beat takes longer to arrive than the timer period, so a message is always in flight.
    SimulationOptions slow = BENIGN.toBuilder().latencyMillis(250, 250).advanceTimeProbability(0).timerHorizonMillis(1_000)
        .build();
    Simulation sim = new Simulation(topology, 4, slow);
    sim.client();
    SimulationResult r = sim.run(10_000);
    assertTrue(r.quiescent());
    assertEquals(10, r.outputSet().size());
    assertEquals(1_250, r.endMillis(), String.join("\n", r.trace()));
  }

  @Test
  void aStageThatAlwaysWantsAnotherTickRunsOutOfSteps() {
    TimerProgram program = new TimerProgram();
    Topology topology = Topology.builder(program)
        .config(new TimerProgram.Watcher(new Location(Topology.FIRST_CLIENT_ID)))
        .config(new TimerProgram.Spin())
        .build();
    Simulation sim = new Simulation(topology, 3, DEFAULTS);
    sim.client();
    SimulationResult r = sim.run(500);
    assertEquals(StopReason.MAX_STEPS, r.stopReason());
    assertEquals(500, r.counters().steps());
  }

  @Test
  void aStoppedNodeLosesItsStateAndRestartsFresh() {
    VotingProgram program = new VotingProgram(false);
    Simulation sim = Scenarios.voting(program, 11, BENIGN);
    Location p2 = sim.node(VotingProgram.PARTICIPANT, 2);
    SimulationResult before = sim.run(Scenarios.MAX_STEPS);
    assertEquals(Scenarios.expectedVotingOutputs(), before.outputSet());
    Stage old = sim.stage(p2);
    assertFalse(((ParticipantStage) old).prepared().isEmpty());

    sim.stop(p2);
    assertFalse(sim.isUp(p2));
    assertNull(sim.stage(p2));
    long ticksWhileStopped = sim.run(Scenarios.MAX_STEPS).ticks(p2);
    sim.restart(p2);
    assertNotSame(old, sim.stage(p2));
    assertEquals(1, sim.incarnation(p2));
    assertTrue(((ParticipantStage) sim.stage(p2)).prepared().isEmpty(), "a restarted stage is fresh");
    SimulationResult after = sim.run(Scenarios.MAX_STEPS);
    assertEquals(ticksWhileStopped + 1, after.ticks(p2), "the fresh stage ticks once on start");
    assertEquals(1, after.counters().crashes());
    assertEquals(1, after.counters().restarts());
  }

  @Test
  void messagesForAStoppedNodeAreHeldUntilItRestarts() {
    Simulation sim = Scenarios.voting(new VotingProgram(false), 12, BENIGN);
    Location p1 = sim.node(VotingProgram.PARTICIPANT, 1);
    sim.stopAt(1, p1);
    sim.restartAt(500, p1);
    SimulationResult r = sim.run(Scenarios.MAX_STEPS);

    assertTrue(r.quiescent());
    assertEquals(Scenarios.expectedVotingOutputs(), r.outputSet());
    assertEquals(0, r.heldMessages());
    // Every request but those aborted by another participant's "no" needs p1's vote, so waits for it.
    long late = r.outputs().stream().filter(o -> o.atMillis() > 500).count();
    assertTrue(late >= 8, "decisions after the restart: " + late);
    assertTrue(r.trace().contains("@1 stop n3"), r.trace().toString());
  }

  @Test
  void messagesForAStoppedNodeCanBeDroppedOrHeldForever() {
    SimulationOptions drop = BENIGN.toBuilder().holdWhileStopped(false).build();
    Simulation dropping = Scenarios.voting(new VotingProgram(false), 13, drop);
    Location p0 = dropping.node(VotingProgram.PARTICIPANT, 0);
    dropping.stopAt(0, p0);
    dropping.restartAt(500, p0);
    SimulationResult d = dropping.run(Scenarios.MAX_STEPS);
    assertTrue(d.quiescent());
    assertEquals(14, d.counters().droppedWhileStopped(), "one prepare per request");
    // only the requests that p1 or p2 abort get a decision: ids with id % 7 in {1, 2}
    assertEquals(4, d.outputSet().size(), d.outputSet().toString());

    Simulation holding = Scenarios.voting(new VotingProgram(false), 13, BENIGN);
    holding.stopAt(0, p0);
    SimulationResult h = holding.run(Scenarios.MAX_STEPS);
    assertTrue(h.quiescent(), "held messages for a node that never restarts do not keep a run alive");
    assertEquals(14, h.heldMessages());
    assertEquals(4, h.outputSet().size());
  }

  @Test
  void randomCrashesAreReproducibleAndRestartTheNode() {
    SimulationOptions crashy = DEFAULTS.toBuilder()
        .randomCrashes(0.02, 20, 80, 2)
        .crashableRoles(Set.of(VotingProgram.PARTICIPANT))
        .build();
    long crashes = 0;
    for (long seed = 0; seed < 10; seed++) {
      SimulationResult r = Scenarios.runVoting(false, seed, crashy);
      SimulationResult again = Scenarios.runVoting(false, seed, crashy);
      assertEquals(r.trace(), again.trace());
      assertTrue(r.quiescent());
      assertEquals(r.counters().crashes(), r.counters().restarts());
      assertTrue(r.counters().crashes() <= 2);
      crashes += r.counters().crashes();
    }
    assertTrue(crashes > 0);
  }

  @Test
  void aStageFactoryBuildsEveryIncarnation() {
    VotingProgram program = new VotingProgram(false);
    Topology topology = Scenarios.votingTopology(program);
    List<String> built = new ArrayList<>();
    StageFactory recording = (node, incarnation) -> {
      built.add(node.location().id() + "#" + incarnation);
      return topology.newStage(node);
    };
    Simulation sim = new Simulation(topology, 1, BENIGN, recording);
    sim.restartAt(10, sim.node(VotingProgram.LEADER, 0));
    sim.run(1_000);
    assertEquals(List.of("1#0", "2#0", "3#0", "4#0", "1#1"), built);
  }

  @Test
  void closedLoopClientsSendTheNextRequestOnEachReply() {
    Simulation sim = new Simulation(Scenarios.votingTopology(new VotingProgram(false)), 21, DEFAULTS);
    Location leader = sim.node(VotingProgram.LEADER, 0);
    int[] next = {1};
    SimClient client = sim.client((self, output) -> {
      int id = ((Decision) output.fact()).id();
      if (id == next[0] - 1 && next[0] < 10) { // a duplicated reply must not send twice
        self.send(leader, new Request(self.location(), next[0]++));
      }
    });
    client.sendAt(0, leader, new Request(client.location(), 0));
    SimulationResult r = sim.run(Scenarios.MAX_STEPS);

    assertTrue(r.quiescent());
    assertEquals(10, r.outputSet().size());
    List<ClientOutput> firsts = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    for (ClientOutput o : r.outputs()) {
      if (seen.add(o.fact())) {
        firsts.add(o);
      }
    }
    for (int i = 0; i < 10; i++) {
      assertEquals(i, ((Decision) firsts.get(i).fact()).id());
      assertEquals(leader, firsts.get(i).from());
      assertTrue(firsts.get(i).senderTick() > 0);
      if (i > 0) {
        assertTrue(firsts.get(i).sentAtMillis() > firsts.get(i - 1).atMillis(), "request " + i + " waited for reply " + (i - 1));
      }
    }
  }

  @Test
  void lossIsOffByDefaultAndLosesMessagesWhenOn() {
    assertEquals(0.0, DEFAULTS.lossProbability());
    SimulationOptions lossy = DEFAULTS.toBuilder().lossProbability(0.3).build();
    long lost = 0;
    for (long seed = 0; seed < 10; seed++) {
      SimulationResult r = Scenarios.runVoting(false, seed, lossy);
      assertTrue(r.quiescent());
      assertTrue(Scenarios.expectedVotingOutputs().containsAll(r.outputSet()), "loss drops outputs, never invents them");
      lost += r.counters().lost();
    }
    assertTrue(lost > 0);
  }

  @Test
  void aFailingStageReportsTheSeedToReplay() {
    VotingProgram program = new VotingProgram(false);
    Topology topology = Scenarios.votingTopology(program);
    StageFactory failingLeader = (node, incarnation) -> {
      Stage real = topology.newStage(node);
      if (!node.role().equals(VotingProgram.LEADER)) {
        return real;
      }
      return new Stage() {
        @Override
        public String role() {
          return real.role();
        }

        @Override
        public boolean accept(int relationId, Object fact) {
          return real.accept(relationId, fact);
        }

        @Override
        public boolean tick(long nowMillis, dev.dedalus.runtime.Outbound out) {
          if (real.hasInput()) {
            throw new IllegalStateException("boom");
          }
          return real.tick(nowMillis, out);
        }

        @Override
        public boolean hasInput() {
          return real.hasInput();
        }

        @Override
        public long nextTimerMillis() {
          return real.nextTimerMillis();
        }
      };
    };
    Simulation sim = new Simulation(topology, 77, DEFAULTS, failingLeader);
    SimClient c = sim.client();
    c.sendAt(0, sim.node(VotingProgram.LEADER, 0), new Request(c.location(), 1));
    SimulationException e = assertThrows(SimulationException.class, () -> sim.run(1_000));
    assertEquals(77, e.seed());
    assertTrue(e.getMessage().startsWith("seed 77, step "), e.getMessage());
    assertEquals("boom", e.getCause().getMessage());
  }

  @Test
  void misuseIsRejectedWithClearErrors() {
    Simulation sim = Scenarios.voting(new VotingProgram(false), 1, DEFAULTS);
    Location leader = sim.node(VotingProgram.LEADER, 0);
    Location stranger = new Location(Topology.FIRST_CLIENT_ID + 99);
    assertThrows(IllegalArgumentException.class, () -> sim.clientSend(0, stranger, leader, new Request(stranger, 1)));
    SimClient c = sim.client();
    assertThrows(IllegalArgumentException.class, () -> c.send(leader, "not a relation"));
    assertThrows(IllegalArgumentException.class, () -> c.send(new Location(77), new Request(c.location(), 1)));
  }
}
