package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exact comparison with files under {@code src/test/resources/golden}. Run the tests with
 * {@code -Ddedalus.updateGoldens=true} to rewrite the goldens from the current output, then review
 * the diff before committing it.
 */
final class GoldenFiles {
  static final Path ROOT = Path.of("src", "test", "resources", "golden");

  private GoldenFiles() {}

  static void assertMatches(String relativePath, String actual) throws IOException {
    Path file = ROOT.resolve(relativePath);
    if (Boolean.getBoolean("dedalus.updateGoldens")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertWithMessage("golden file %s is missing; run with -Ddedalus.updateGoldens=true to create it", file)
        .that(Files.exists(file)).isTrue();
    assertWithMessage("output differs from golden %s (run with -Ddedalus.updateGoldens=true to accept it)", file)
        .that(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
