package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated sources of the voting example, compared exactly with goldens: any change to the
 * code generator shows up here as a readable diff of the code users get.
 */
class GeneratedSourceGoldenTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "Voting_Facts", "Voting_Codecs", "Voting_LeaderStage", "Voting_ParticipantStage", "Voting_Program", "Voting_Client"})
  void matchesGolden(String className) throws IOException {
    Compilation compilation = Sources.compile(JavaFileObjects.forResource("programs/example/Voting.java"));
    assertWithMessage(Sources.describe(compilation)).that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    List<JavaFileObject> matches = compilation.generatedSourceFiles().stream()
        .filter(f -> f.getName().endsWith("/example/" + className + ".java")).toList();
    assertWithMessage("generated %s", className).that(matches).hasSize(1);
    GoldenFiles.assertMatches("generated/" + className + ".java", matches.get(0).getCharContent(true).toString());
  }

  @org.junit.jupiter.api.Test
  void generatingTwiceGivesTheSameSources() throws IOException {
    Compilation first = Sources.compile(JavaFileObjects.forResource("programs/example/MiniPaxos.java"));
    Compilation second = Sources.compile(JavaFileObjects.forResource("programs/example/MiniPaxos.java"));
    assertWithMessage("file count").that(second.generatedSourceFiles().size()).isEqualTo(first.generatedSourceFiles().size());
    for (int i = 0; i < first.generatedSourceFiles().size(); i++) {
      assertWithMessage(first.generatedSourceFiles().get(i).getName())
          .that(second.generatedSourceFiles().get(i).getCharContent(true).toString())
          .isEqualTo(first.generatedSourceFiles().get(i).getCharContent(true).toString());
    }
  }
}
