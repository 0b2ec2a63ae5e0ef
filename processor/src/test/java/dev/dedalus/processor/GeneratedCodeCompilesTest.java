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

  private static String describe(Diagnostic<? extends JavaFileObject> d) {
    return d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null);
  }
}
