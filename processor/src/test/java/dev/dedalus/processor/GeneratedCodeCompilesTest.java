package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Generated code compiles for rules whose Java form needs care. That the code generated for every
 * example program compiles without a warning is {@link GeneratedCodeLintTest}'s job.
 */
class GeneratedCodeCompilesTest {

  /**
   * Negating a negative literal: Java reads {@code --1} as a decrement of a value, so the negation
   * keeps the literal in parentheses (found by {@link MutationRobustnessTest}: {@code hash(p) % - -1}
   * was accepted and generated {@code (Negated.hash(v_p) % (--1))}, which javac rejects).
   */
  @Test
  void negatingANegativeLiteralCompiles() {
    Compilation compilation = Sources.compile(CheckedPrograms.withRules("Negated",
        "Seen(h) :- Req(_, _, p), h = hash(p) % - -1",
        "Seen(- -2) :- Tick(_)",
        "Blob(b, - -1.5) :- Blob(b, s), s > - -0.5"));
    CheckedPrograms.assertSucceeds(compilation);
    String stage = CheckedPrograms.generatedSource(compilation, "Negated_NodeStage");
    assertWithMessage(stage).that(stage).contains("(Negated.hash(v_p) % (-(-1)))");
    assertWithMessage(stage).that(stage).contains("new Negated.Seen((-(-2)))");
    assertWithMessage("the listing in the stage's comments").that(stage).contains("Seen(-(-2)) :- Tick(_)");
  }
}
