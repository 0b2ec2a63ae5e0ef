package dev.dedalus.processor.soundness;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.ClientOutput;
import dev.dedalus.runtime.sim.Simulation;
import dev.dedalus.runtime.sim.SimulationOptions;
import dev.dedalus.runtime.sim.SimulationResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A tick's asynchronous heads are a set, on programs nobody chose: for random programs (hints
 * dropped, so only the engine is under test), under schedules that never duplicate a message, no
 * node sends one fact to one client twice from one tick. Projections ({@code Out@c(x) :~ A(c, x, _)})
 * and several rules sending one relation are common in generated programs, so without the stage's
 * memory of what it sent this test fails.
 */
class DistinctSendsGeneratedTest {
  static final int PROGRAMS = 60;
  private static final SimulationOptions NON_DUPLICATING = EquivalenceCheck.HOSTILE.toBuilder()
      .duplicateProbability(0).build();

  @Test
  void noTickSendsAFactTwice() {
    InProcessCompiler compiler = new InProcessCompiler(List.of());
    ProgramGenerator generator = new ProgramGenerator(GenerationProfile.DEFAULT);
    List<String> repeats = new ArrayList<>();
    int ran = 0;
    for (long seed = 1; seed <= PROGRAMS; seed++) {
      GeneratedProgram generated = generator.generate(seed);
      GeneratedProgram program = new GeneratedProgram(generated.name(), generated.relations(), generated.roles(),
          generated.rules(), List.of());
      InProcessCompiler.Outcome outcome = compiler.compile(program);
      if (outcome.status() != InProcessCompiler.Status.ACCEPTED) {
        continue; // the generator test counts these; here only running programs matter
      }
      PlanLoader.Plans plans = PlanLoader.load(program, outcome.classes());
      InputScript script = InputScript.generate(program, new SplittableRandom(seed));
      Topology.Builder builder = Topology.builder(plans.base());
      script.configure(builder, plans);
      Simulation sim = new Simulation(builder.build(), seed, NON_DUPLICATING);
      script.apply(sim, plans.base(), plans);
      SimulationResult result = sim.run(200_000);
      ran++;
      Map<List<Object>, Integer> counts = new HashMap<>();
      for (ClientOutput o : result.outputs()) {
        List<Object> key = List.of(o.from(), o.senderTick(), o.client(), o.relationName(), o.fact());
        if (counts.merge(key, 1, Integer::sum) == 2) {
          repeats.add("seed " + seed + ": " + o.relationName() + " " + o.fact() + " sent twice to " + o.client()
              + " from tick " + o.senderTick() + " of " + o.from() + "\n" + program.render());
        }
      }
    }
    assertWithMessage("programs run").that(ran).isAtLeast(PROGRAMS / 2);
    assertWithMessage("facts sent twice from one tick").that(repeats).isEmpty();
  }
}
