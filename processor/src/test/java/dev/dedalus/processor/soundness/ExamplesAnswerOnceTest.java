package dev.dedalus.processor.soundness;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.JavaFileObjects;
import dev.dedalus.Location;
import dev.dedalus.processor.DedalusProcessor;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.ClientOutput;
import dev.dedalus.runtime.sim.SimClient;
import dev.dedalus.runtime.sim.Simulation;
import dev.dedalus.runtime.sim.SimulationOptions;
import dev.dedalus.runtime.sim.SimulationResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The example programs answer each client transaction once. Two-phase commit (three participants)
 * and MiniPaxos (three acceptors, quorum two) run in the simulator under schedules that delay,
 * reorder and batch but never duplicate a message, with two transactions from one client; every
 * run must end (quiesce) with exactly one reply per transaction. The examples as first written
 * ({@code programs/endless/}), whose {@code :~} rules read state that never went away, fail the
 * same run: they answer again in every later tick of the node, which the checker reports as
 * {@code [DedalusEndlessSend]}.
 */
class ExamplesAnswerOnceTest {
  private static final int SEEDS = 30;
  private static final long MAX_STEPS = 200_000;
  /**
   * MiniPaxos drops requests until its proposer is elected, on heartbeats: nodes start at once
   * (time does not jump ahead to the first request), requests come a second later, and timers stop
   * two seconds after that.
   */
  private static final long TIMER_HORIZON_MILLIS = 3_000;
  private static final SimulationOptions NON_DUPLICATING = EquivalenceCheck.HOSTILE.toBuilder()
      .duplicateProbability(0).advanceTimeProbability(0).timerHorizonMillis(TIMER_HORIZON_MILLIS).build();

  /** A compiled example: its base plan, the loader of its record classes, and the warnings it got. */
  private record Example(String qualifiedName, ClassLoader loader, DedalusProgram plan, List<String> warnings) {
    static Example compile(String directory, String name) {
      MemoryJavac.Result compiled = MemoryJavac.compile(
          JavaFileObjects.forResource("programs/" + directory + "/" + name + ".java"), new DedalusProcessor(), List.of());
      assertWithMessage("%s", compiled.diagnostics()).that(compiled.success()).isTrue();
      ClassLoader loader = PlanLoader.loader(compiled.classes());
      String qualifiedName = directory + "." + name;
      List<String> warnings = compiled.diagnostics().stream()
          .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.WARNING).map(d -> d.getMessage(Locale.ROOT)).toList();
      return new Example(qualifiedName, loader, PlanLoader.plan(loader, qualifiedName, "base"), warnings);
    }

    Object fact(String relation, Object... values) {
      try {
        return PlanLoader.fact(Class.forName(qualifiedName + "$" + relation, true, loader), List.of(values));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** One run: a client sends its requests, half a second apart, to the node of the role that receives them. */
  private static SimulationResult run(Example example, Topology.Builder topology, long seed, long firstAtMillis,
      Function<Location, List<Object>> requests) {
    Simulation sim = new Simulation(topology.build(), seed, NON_DUPLICATING);
    SimClient client = sim.client();
    long at = firstAtMillis;
    for (Object request : requests.apply(client.location())) {
      client.sendAt(at, sim.node(example.plan().inputRole(request.getClass()), 0), request);
      at += 500;
    }
    return sim.run(MAX_STEPS);
  }

  /** How often the client received each fact, by its text. */
  private static Map<String, Integer> replies(SimulationResult result) {
    Map<String, Integer> counts = new TreeMap<>();
    for (ClientOutput o : result.outputs()) {
      counts.merge(o.fact().toString(), 1, Integer::sum);
    }
    return counts;
  }

  /** An example protocol: how it is deployed and driven, and the one reply each of its two transactions gets. */
  private enum Protocol {
    TWO_PHASE_COMMIT("TwoPhaseCommit", "abort", 1_000,
        "ClientOut[id=1, committed=true]", "ClientOut[id=2, committed=false]") {
      @Override
      SimulationResult run(Example example, long seed) {
        Topology.Builder topology = Topology.builder(example.plan()).instances("Participant", 3);
        // Transaction 1 commits; transaction 2 has an empty payload, which participants vote against.
        return ExamplesAnswerOnceTest.run(example, topology, seed, 0, client -> List.of(
            example.fact("ClientIn", client, 1L, "pay"), example.fact("ClientIn", client, 2L, "")));
      }
    },
    MINI_PAXOS("MiniPaxos", "commit", 10,
        "ClientOut[slot=0, payload=first]", "ClientOut[slot=1, payload=second]") {
      @Override
      SimulationResult run(Example example, long seed) {
        Topology.Builder topology = Topology.builder(example.plan()).instances("Acceptor", 3)
            .config(example.fact("Quorum", 2L));
        return ExamplesAnswerOnceTest.run(example, topology, seed, 1_000, client -> List.of(
            example.fact("ClientIn", client, "first"), example.fact("ClientIn", client, "second")));
      }
    };

    final String program;
    /** The rule of the first version that {@code [DedalusEndlessSend]} reports. */
    final String endlessRule;
    /** Fewer replies per transaction than the first version gives in one run (seed 1). */
    final int repeats;
    final List<String> replies;

    Protocol(String program, String endlessRule, int repeats, String... replies) {
      this.program = program;
      this.endlessRule = endlessRule;
      this.repeats = repeats;
      this.replies = List.of(replies);
    }

    abstract SimulationResult run(Example example, long seed);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Protocol.class)
  void answersEachTransactionOnce(Protocol protocol) {
    Example example = Example.compile("example", protocol.program);
    assertThat(example.warnings()).isEmpty();
    Map<String, Integer> once = new TreeMap<>();
    protocol.replies.forEach(r -> once.put(r, 1));
    for (long seed = 1; seed <= SEEDS; seed++) {
      SimulationResult result = protocol.run(example, seed);
      assertWithMessage("seed %s: %s", seed, result).that(result.quiescent()).isTrue();
      assertWithMessage("seed %s", seed).that(replies(result)).containsExactlyEntriesIn(once);
    }
  }

  /** The example as first written: reported, and the same run counts its endless replies. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Protocol.class)
  void asFirstWrittenAnswersOverAndOver(Protocol protocol) {
    Example example = Example.compile("endless", protocol.program);
    assertThat(example.warnings()).hasSize(1);
    assertThat(example.warnings().get(0)).startsWith("[DedalusEndlessSend] rule '" + protocol.endlessRule + "' ");
    Map<String, Integer> replies = replies(protocol.run(example, 1));
    assertThat(replies.keySet()).containsExactlyElementsIn(protocol.replies);
    assertThat(replies.values().stream().mapToInt(Integer::intValue).min().orElseThrow()).isGreaterThan(protocol.repeats);
  }
}
