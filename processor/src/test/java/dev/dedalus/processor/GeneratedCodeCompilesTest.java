package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated stages, codecs, program and client of every example program compile cleanly. */
class GeneratedCodeCompilesTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Voting", "MiniPaxos", "TwoPhaseCommit", "Constructs"})
  void generatedSourcesCompile(String name) throws IOException {
    Compilation compilation = Sources.compile(JavaFileObjects.forResource("programs/example/" + name + ".java"));
    assertWithMessage("diagnostics:\n%s", Sources.describe(compilation))
        .that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertWithMessage("generated sources").that(compilation.generatedSourceFiles()).isNotEmpty();
  }
}
