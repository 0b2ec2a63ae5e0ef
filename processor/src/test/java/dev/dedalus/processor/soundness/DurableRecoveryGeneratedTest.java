package dev.dedalus.processor.soundness;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.processor.soundness.GeneratedProgram.Kind;
import dev.dedalus.processor.soundness.GeneratedProgram.Relation;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.eval.FactSet;
import dev.dedalus.runtime.sim.SimDurability;
import dev.dedalus.runtime.sim.Simulation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Durable relations on programs nobody chose: random programs with every persisted relation made
 * {@code @Durable} (derived and carried ones, persisted client inputs, persisted messages), and
 * every relation a {@code :+} rule carries (identity carries and persist-until) made
 * {@code @Durable(persist = false)}, run in the simulator with {@link SimDurability}. At the end of
 * each run, every node's journal, its appends less its erasures, holds exactly the facts its
 * durable relations hold, each once (so no fact was journaled twice, none was missed, whether a
 * rule derived it, a {@code :+} carried it or it was received between ticks, and none that a carry
 * dropped is still there); and every node restarted from its journal holds the same facts again.
 * Journaling only the facts a tick itself added (missing those received between ticks) fails it;
 * so does not erasing what a persist-until rule drops.
 */
class DurableRecoveryGeneratedTest {
  static final int PROGRAMS = 120;

  /**
   * The program with every persisted relation made durable, and every derived relation that a
   * {@code :+} rule carries made {@code @Durable(persist = false)}.
   */
  static GeneratedProgram durable(GeneratedProgram p) {
    Set<String> carried = new HashSet<>();
    for (GeneratedProgram.Rule rule : p.rules()) {
      if (rule.op() == GeneratedProgram.Op.INDUCTIVE) {
        carried.add(rule.headRelation());
      }
    }
    List<Relation> relations = new ArrayList<>();
    for (Relation r : p.relations()) {
      Kind kind = switch (r.kind()) {
        case PERSIST -> Kind.DURABLE;
        case PERSISTED_INPUT -> Kind.DURABLE_INPUT;
        case DERIVED -> carried.contains(r.name()) ? Kind.DURABLE_CARRIED : Kind.DERIVED;
        default -> r.kind();
      };
      relations.add(new Relation(r.name(), kind, r.columns(), r.target()));
    }
    // Hints dropped: only the engine is under test.
    return new GeneratedProgram(p.name(), relations, p.roles(), p.rules(), List.of());
  }

  /** The facts a stage holds in its durable relations. */
  static Set<Object> held(DedalusProgram program, Topology.Node node, Stage stage) throws ReflectiveOperationException {
    Set<Object> facts = new HashSet<>();
    for (RelationCodec<?> codec : program.durableRelations(node.role())) {
      java.lang.reflect.Field field = stage.getClass().getDeclaredField("rel_" + codec.relationName());
      field.setAccessible(true);
      FactSet<?> set = (FactSet<?>) field.get(stage);
      for (int i = 0; i < set.size(); i++) {
        if (set.get(i) != null) {
          facts.add(set.get(i)); // null: an erased position of a store
        }
      }
    }
    return facts;
  }

  @Test
  void journalsHoldExactlyTheDurableFactsAndRestartsBringThemBack() throws Exception {
    InProcessCompiler compiler = new InProcessCompiler(List.of());
    ProgramGenerator generator = new ProgramGenerator(GenerationProfile.DEFAULT);
    List<String> problems = new ArrayList<>();
    int ran = 0;
    long journaled = 0;
    long records = 0;
    for (long seed = 1; seed <= PROGRAMS; seed++) {
      GeneratedProgram program = durable(generator.generate(seed));
      InProcessCompiler.Outcome outcome = compiler.compile(program);
      if (outcome.status() != InProcessCompiler.Status.ACCEPTED) {
        continue;
      }
      PlanLoader.Plans plans = PlanLoader.load(program, outcome.classes());
      DedalusProgram base = plans.base();
      InputScript script = InputScript.generate(program, new SplittableRandom(seed));
      Topology.Builder builder = Topology.builder(base);
      script.configure(builder, plans);
      Topology topology = builder.build();
      SimDurability durability = new SimDurability();
      Simulation sim = new Simulation(topology, seed, EquivalenceCheck.HOSTILE, durability.stageFactory(topology));
      script.apply(sim, base, plans);
      sim.run(200_000);
      ran++;
      for (Topology.Node node : topology.nodes()) {
        List<Object> log = durability.facts(node.location(), Object.class);
        journaled += log.size();
        records += durability.size(node.location());
        Set<Object> logged = new HashSet<>(log);
        if (logged.size() != log.size()) {
          problems.add("seed " + seed + ", " + node + ": a fact journaled twice: " + log);
        }
        Set<Object> held = held(base, node, sim.stage(node.location()));
        if (!held.equals(logged)) {
          problems.add("seed " + seed + ", " + node + ": holds " + held + " but journaled " + logged + "\n" + program.render());
        }
        sim.restart(node.location());
        Set<Object> recovered = held(base, node, sim.stage(node.location()));
        if (!recovered.equals(held)) {
          problems.add("seed " + seed + ", " + node + ": restarted with " + recovered + ", not " + held);
        }
      }
    }
    assertWithMessage("programs run").that(ran).isAtLeast(PROGRAMS / 2);
    assertWithMessage("%s", String.join("\n", problems)).that(problems).isEmpty();
    // Generated programs persist often enough that the journals are not empty, or this proved nothing.
    assertWithMessage("facts journaled over %s programs", ran).that(journaled).isAtLeast(100L);
    // ... and carries dropped facts often enough that erasures were journaled too (a log holds an
    // append for every fact it still holds, so any record beyond those is an erasure or its append).
    assertWithMessage("log records over %s programs, against %s facts held", ran, journaled)
        .that(records - journaled).isAtLeast(100L);
  }
}
