package dev.dedalus.protocols.paxos;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.Location;
import dev.dedalus.protocols.variants.ProgramVariant;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.eval.FactSet;
import dev.dedalus.runtime.sim.Simulation;
import dev.dedalus.runtime.sim.SimulationOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paxos's state stays bounded under a long run: while 3 clients run 200 operations each (1,800
 * slots, as each is sent three times), sampled every 50 ms of virtual time, every acceptor's accepted log holds only the
 * slots some replica has not executed yet, its promises and the proposers' ballots are one or two
 * facts each, and the leader keeps only what is not chosen or not executed everywhere; at the end
 * what the acceptors' durable logs would recover is as small. With truncation switched off
 * ({@link PaxosVariants#neverTruncates}) the same run leaves every slot in the acceptors' logs:
 * the bound is the protocol's doing, not the workload's.
 */
class PaxosBoundedStateTest {
  static final int OPERATIONS = 200;
  /** Far below the slots of the run; well above what is in flight between two truncations. */
  static final int BOUND = 100;
  static final long SAMPLE_EVERY_MILLIS = 50;
  static final long HORIZON_MILLIS = 8_000;
  /**
   * Each operation is sent 3 times, 300 ms apart, answered or not: enough to outlast the first
   * election, few enough that the load stays that of the clients (every send is proposed again).
   */
  static final int RESENDS = 3;

  /** Three clients of 200 operations on two keys, each sent 3 times, 300 ms apart. */
  static final PaxosScenario.Workload WORKLOAD =
      new PaxosScenario.Workload(3, OPERATIONS, PaxosScenario::plan, PaxosScenario.every(300, RESENDS));

  static final SimulationOptions LONG_RUN = SimulationOptions.builder().benign().timerHorizonMillis(HORIZON_MILLIS).build();

  /** The bound of each sampled relation, by role. */
  static final Map<String, Map<String, Integer>> BOUNDS = Map.of(
      "Acceptor", Map.of("Accepted", BOUND, "Promise", 2, "Low", 1),
      "Proposer", Map.of("Decided", BOUND, "Pending", BOUND, "Seen", 2, "Candidate", 1, "Won", 1));

  /** The largest size each relation of each node reached, as {@code "@3 Accepted"}, sorted. */
  record Peaks(long slots, Map<String, Long> peaks, long durableAccepted) {
    String overBounds() {
      StringBuilder s = new StringBuilder();
      peaks.forEach((what, size) -> {
        String[] parts = what.split(" ");
        int bound = BOUNDS.get(parts[0]).get(parts[2]);
        if (size > bound) {
          s.append(what).append(" reached ").append(size).append(" facts, more than ").append(bound).append('\n');
        }
      });
      if (durableAccepted > BOUND) {
        s.append("an acceptor's durable log would recover ").append(durableAccepted).append(" accepted entries\n");
      }
      return s.toString();
    }

    long largestAcceptedLog() {
      return peaks.entrySet().stream().filter(e -> e.getKey().endsWith(" Accepted")).mapToLong(Map.Entry::getValue).max()
          .orElse(0);
    }
  }

  static Peaks measure(DedalusProgram program, Function<Paxos.Request, Object> request) {
    Map<String, Long> peaks = new TreeMap<>();
    PaxosScenario.Run run = PaxosScenario.run(program, WORKLOAD, 7, LONG_RUN, (sim, topology, leader) -> {
      for (long at = SAMPLE_EVERY_MILLIS; at < HORIZON_MILLIS; at += SAMPLE_EVERY_MILLIS) {
        sim.at(at, "sample the state's size", () -> sample(sim, topology, peaks));
      }
    }, request);
    assertWithMessage("answered, of %s\n%s", WORKLOAD.requests(), run.result()).that(run.answered())
        .isEqualTo((long) WORKLOAD.requests());
    assertWithMessage("conflicting slots").that(run.conflictingSlots()).isEmpty();
    long durable = 0;
    for (Location acceptor : run.topology().addressesOf("Acceptor")) {
      durable = Math.max(durable, run.durability().facts(acceptor, Object.class).stream()
          .filter(f -> f.getClass().getSimpleName().equals("Accepted")).count());
    }
    return new Peaks(run.committedPerSlot().size(), peaks, durable);
  }

  private static void sample(Simulation sim, Topology topology, Map<String, Long> peaks) {
    BOUNDS.forEach((role, relations) -> {
      for (Location node : topology.addressesOf(role)) {
        if (!sim.isUp(node)) {
          continue;
        }
        relations.keySet().forEach(name -> peaks.merge(role + " " + node + " " + name, size(sim, node, name), Math::max));
      }
    });
  }

  /** How many facts relation {@code name} holds in the node's stage now. */
  private static long size(Simulation sim, Location node, String name) {
    Object stage = sim.stage(node);
    try {
      java.lang.reflect.Field field = stage.getClass().getDeclaredField("rel_" + name);
      field.setAccessible(true);
      return ((FactSet<?>) field.get(stage)).size();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(stage.getClass().getSimpleName() + " has no relation " + name, e);
    }
  }

  @Test
  void acceptorsAndProposersHoldOnlyWhatIsInFlight() {
    Peaks peaks = measure(Paxos_Program.INSTANCE, r -> r);
    assertWithMessage("slots committed").that(peaks.slots()).isAtLeast((long) WORKLOAD.requests());
    assertWithMessage("peaks %s", peaks.peaks()).that(peaks.overBounds()).isEmpty();
  }

  @Test
  void withoutTruncationTheLogsKeepEverySlot(@TempDir Path work) {
    ProgramVariant variant = PaxosVariants.neverTruncates(work);
    Peaks peaks = measure(variant.program(),
        r -> variant.fact("Request", r.client(), r.id(), r.op(), r.key(), r.value(), r.expected()));
    assertWithMessage("the largest acceptor log, of %s slots; peaks %s", peaks.slots(), peaks.peaks())
        .that(peaks.largestAcceptedLog()).isAtLeast(peaks.slots());
    assertWithMessage("what the bounded run reports").that(peaks.overBounds()).isNotEmpty();
  }
}
