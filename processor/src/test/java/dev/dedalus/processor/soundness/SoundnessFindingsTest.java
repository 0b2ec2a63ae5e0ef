package dev.dedalus.processor.soundness;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.processor.soundness.EquivalenceCheck.Deployment;
import dev.dedalus.processor.soundness.EquivalenceCheck.Outcome;
import dev.dedalus.processor.soundness.GeneratedProgram.ColType;
import dev.dedalus.processor.soundness.GeneratedProgram.Column;
import dev.dedalus.processor.soundness.GeneratedProgram.Decouple;
import dev.dedalus.processor.soundness.GeneratedProgram.Kind;
import dev.dedalus.processor.soundness.GeneratedProgram.Op;
import dev.dedalus.processor.soundness.GeneratedProgram.Relation;
import dev.dedalus.processor.soundness.GeneratedProgram.Rule;
import dev.dedalus.processor.soundness.InProcessCompiler.Status;
import dev.dedalus.processor.soundness.InputScript.Send;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shrunk counterexamples the generator found beyond the eight bugs of issue 9, kept as fixed cases
 * through the same pipeline: each program must now be refused, or accepted with plans the
 * {@link EquivalenceCheck} cannot tell apart, on the inputs and deployment that exposed it.
 */
class SoundnessFindingsTest {
  private final InProcessCompiler compiler = new InProcessCompiler(List.of());
  private final EquivalenceCheck check = new EquivalenceCheck(SoundnessRun.BASE_SEEDS, 8, SoundnessRun.EXTRA_BASE_SEEDS);

  /**
   * Functional decoupling treated a {@code @Timer} like configuration: a moved rule joining a
   * forwarded one-tick relation with a timer sees both only when the forwarded fact happens to
   * arrive in a tick where the timer fires. The base plan always answers (seed 170 of the default
   * profile, before the fixes of issue 9).
   */
  @Test
  void movedRuleJoiningATimerWithAForwardedFact() {
    GeneratedProgram p = new GeneratedProgram("FindingTimer", List.of(
        new Relation("In0", Kind.PERSISTED_INPUT, List.of(col("client", ColType.CLIENT), col("v0", ColType.LONG)), null),
        new Relation("Given", Kind.GIVEN, List.of(col("v", ColType.LONG)), null),
        new Relation("L1", Kind.DERIVED, List.of(col("client_0", ColType.CLIENT), col("v_1", ColType.LONG)), null),
        new Relation("Tick", Kind.TIMER, List.of(col("now", ColType.LONG)), null),
        new Relation("Out2", Kind.OUTPUT, List.of(col("v_0", ColType.LONG)), null)),
        List.of("B"),
        List.of(
            new Rule("B", "r0", "L1", "L1(c0, x1)", Op.DEDUCTIVE, List.of("In0(c0, _)", "Given(x1)")),
            new Rule("B", "r2", "Out2", "Out2@c2(x3)", Op.ASYNC, List.of("L1(c2, _)", "Given(x3)", "Tick(_)"))),
        List.of(new Decouple("B", List.of("r2"), "X1")));
    InputScript script = new InputScript(1, List.of(new Send(0, 38, "In0", 0, List.of(2L))), List.of(0L));
    assertRefusedOrEquivalent(p, script, 170);
  }

  /**
   * Decoupling a rule that reads a client input, which a staying rule reads too, lost the staying
   * rule's outputs: the original node no longer saw the input (profile PERSISTED_FORWARDED_INPUTS,
   * seed 5000001, before the fixes of issue 9).
   */
  @Test
  void decouplingARuleThatReadsAnInputTheStayingRulesReadToo() {
    GeneratedProgram p = new GeneratedProgram("FindingInput", List.of(
        new Relation("In0", Kind.INPUT, List.of(col("client", ColType.CLIENT), col("v0", ColType.LONG),
            col("v1", ColType.LONG), col("v2", ColType.LONG)), null),
        new Relation("In1", Kind.PERSISTED_INPUT, List.of(col("client", ColType.CLIENT), col("v0", ColType.LONG)), null),
        new Relation("L4", Kind.DERIVED, List.of(col("v_0", ColType.LONG)), null),
        new Relation("Out7", Kind.OUTPUT, List.of(col("v_0", ColType.LONG)), null)),
        List.of("A"),
        List.of(
            new Rule("A", "r2", "L4", "L4(x11)", Op.DEDUCTIVE, List.of("In0(_, x10, x11, x11)")),
            new Rule("A", "r5", "Out7", "Out7@c15(1)", Op.ASYNC, List.of("In1(c15, _)", "In0(c16, _, x17, x18)"))),
        List.of(new Decouple("A", List.of("r2"), "X1")));
    InputScript script = new InputScript(1, List.of(
        new Send(0, 37, "In0", 0, List.of(2L, 2L, 1L)),
        new Send(0, 30, "In0", 1, List.of(0L, 0L, 2L)),
        new Send(0, 31, "In1", 0, List.of(2L)),
        new Send(0, 22, "In1", 0, List.of(0L)),
        new Send(0, 24, "In1", 1, List.of(1L)),
        new Send(0, 14, "In1", 0, List.of(2L)),
        new Send(0, 26, "In1", 1, List.of(1L))), List.of());
    assertRefusedOrEquivalent(p, script, 5000001);
  }

  private void assertRefusedOrEquivalent(GeneratedProgram p, InputScript script, long seed) {
    InProcessCompiler.Outcome outcome = compiler.compile(p);
    assertWithMessage("%s\n%s", outcome.errors(), p.render()).that(outcome.status()).isAnyOf(Status.ACCEPTED, Status.REFUSED);
    if (outcome.status() == Status.REFUSED) {
      System.out.println(p.name() + " refused: " + outcome.refusals());
      return;
    }
    PlanLoader.Plans plans = PlanLoader.load(p, outcome.classes());
    EquivalenceCheck.Verdict v = check.check(plans, script, List.of(new Deployment(Map.of(), 1)), seed);
    System.out.println(p.name() + " accepted (" + outcome.rewrites() + "): " + v.outcome());
    assertWithMessage("%s\n%s", v.failure(), p.render()).that(v.outcome()).isEqualTo(Outcome.EQUIVALENT);
  }

  private static Column col(String name, ColType type) {
    return new Column(name, type);
  }
}
