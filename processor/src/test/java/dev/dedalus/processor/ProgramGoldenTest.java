package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.util.Locale;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Valid programs covering every construct compile without a single diagnostic, and their
 * normalized listing, DOT graph and physical plan (every plan the build makes) match the goldens
 * exactly: a change to planning shows up as a diff of a {@code .plan} file.
 */
class ProgramGoldenTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Voting", "MiniPaxos", "TwoPhaseCommit", "Constructs"})
  void compilesCleanlyAndMatchesGoldens(String name) throws IOException {
    Compilation compilation = Sources.compile(JavaFileObjects.forResource("programs/example/" + name + ".java"));
    assertWithMessage("diagnostics:\n%s", Sources.describe(compilation))
        .that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertWithMessage("a valid program compiles without any diagnostic but notes of rewrites:\n%s", Sources.describe(compilation))
        .that(compilation.diagnostics().stream().filter(Sources::isDedalus)
            .filter(d -> d.getKind() != javax.tools.Diagnostic.Kind.NOTE).map(d -> d.getMessage(Locale.ROOT)).toList())
        .isEmpty();
    GoldenFiles.assertMatches(name + ".dedalus", resource(compilation, name + ".dedalus"));
    GoldenFiles.assertMatches(name + ".dot", resource(compilation, name + ".dot"));
    GoldenFiles.assertMatches(name + ".plan", resource(compilation, name + ".plan"));
    if (compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "example", name + ".optimized.plan").isPresent()) {
      GoldenFiles.assertMatches(name + ".optimized.plan", resource(compilation, name + ".optimized.plan"));
    }
  }

  @org.junit.jupiter.api.Test
  void theOptimizedPlanOfVotingMatchesItsGoldens() throws IOException {
    Compilation compilation = Sources.compile(JavaFileObjects.forResource("programs/example/Voting.java"));
    assertWithMessage(Sources.describe(compilation)).that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    GoldenFiles.assertMatches("Voting.optimized.dedalus", resource(compilation, "Voting.optimized.dedalus"));
    GoldenFiles.assertMatches("Voting.optimized.dot", resource(compilation, "Voting.optimized.dot"));
  }

  static String resource(Compilation compilation, String name) throws IOException {
    JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "example", name)
        .orElseThrow(() -> new AssertionError("no generated resource example/" + name));
    return file.getCharContent(true).toString();
  }
}
