package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated stages, codecs, program and client of every example program compile cleanly: no
 * error, and no lint warning in a generated file (the user's build may treat warnings as errors).
 */
class GeneratedCodeCompilesTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Voting", "MiniPaxos", "TwoPhaseCommit", "Constructs", "Answers"})
  void generatedSourcesCompileWithoutWarnings(String name) throws IOException {
    Compilation compilation = Sources.compileWithOptions(List.of("-Xlint:all,-processing,-classfile"),
        JavaFileObjects.forResource("programs/example/" + name + ".java"));
    assertWithMessage("diagnostics:\n%s", Sources.describe(compilation))
        .that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertWithMessage("generated sources").that(compilation.generatedSourceFiles()).isNotEmpty();
    List<String> generatedWarnings = compilation.warnings().stream()
        .filter(d -> d.getSource() != null && compilation.generatedSourceFiles().contains(d.getSource()))
        .map(GeneratedCodeCompilesTest::describe)
        .toList();
    assertWithMessage("lint warnings in generated code").that(generatedWarnings).isEmpty();
  }

  /**
   * Negating a negative literal: Java reads {@code --1} as a decrement of a value, so the negation
   * keeps the literal in parentheses (found by {@link MutationRobustnessTest}: {@code hash(p) % - -1}
   * was accepted and generated {@code (Negated.hash(v_p) % (--1))}, which javac rejects).
   */
  @org.junit.jupiter.api.Test
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

  private static String describe(Diagnostic<? extends JavaFileObject> d) {
    return d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null);
  }
}
