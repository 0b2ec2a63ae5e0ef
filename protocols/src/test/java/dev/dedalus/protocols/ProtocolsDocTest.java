package dev.dedalus.protocols;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/PROTOCOLS.md shows the listings the processor prints for the protocols; each block marked
 * {@code <!-- listing: path -->} must be that generated resource, so the document follows the code.
 */
class ProtocolsDocTest {
  private static final Pattern LISTING = Pattern.compile("<!-- listing: (\\S+) -->\\n```text\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyListingInTheDocumentIsTheGeneratedOne() throws IOException {
    String doc = Files.readString(Path.of("../docs/PROTOCOLS.md"), StandardCharsets.UTF_8);
    Matcher m = LISTING.matcher(doc);
    int listings = 0;
    while (m.find()) {
      listings++;
      String resource = m.group(1);
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
        assertWithMessage("generated resource %s", resource).that(in).isNotNull();
        String generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertWithMessage("docs/PROTOCOLS.md shows an old %s: copy the generated file", resource)
            .that(m.group(2)).isEqualTo(generated);
      }
    }
    assertThat(listings).isEqualTo(5);
  }
}
