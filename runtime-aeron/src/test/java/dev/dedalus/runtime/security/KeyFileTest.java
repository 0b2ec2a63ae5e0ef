package dev.dedalus.runtime.security;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files: generated fresh and owner-only, read back, and every way one can be unusable named. */
class KeyFileTest {
  @TempDir Path dir;

  @Test
  void aGeneratedKeyIsReadBackAndTwoKeysDiffer() throws Exception {
    Path a = generated("a.key");
    Path b = generated("b.key");
    byte[] keyA = KeyFile.read(a);
    assertThat(keyA.length).isAtLeast(KeyFile.MIN_KEY_BYTES);
    assertThat(keyA).isNotEqualTo(KeyFile.read(b));
    assertThat(Files.readString(a)).startsWith("#"); // says what it is
  }

  @Test
  void aGeneratedKeyFileIsOwnerOnly() throws Exception {
    Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path file = generated("owner.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void anExistingFileIsNeverOverwritten() throws Exception {
    Path file = generated("exists.key");
    String before = Files.readString(file);
    KeyFileException e = assertThrows(KeyFileException.class, () -> KeyFile.generate(file));
    assertThat(e).hasMessageThat().contains("exists.key");
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void unusableFilesAreNamedWithTheirProblem() throws Exception {
    assertProblem("missing.key", null, "does not exist");
    assertProblem("short.key", Base64.getEncoder().encodeToString(new byte[16]), "16 bytes, shorter than 32");
    assertProblem("garbage.key", "not*base64!", "not base64");
    assertProblem("empty.key", "# only a comment\n\n", "exactly one key line");
    String line = Base64.getEncoder().encodeToString(new byte[32]);
    assertProblem("two.key", line + "\n" + line, "exactly one key line");
  }

  @Test
  void commentsAndBlankLinesAroundTheKeyAreAllowed() throws Exception {
    byte[] key = new byte[40];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 7);
    }
    Path file = dir.resolve("commented.key");
    Files.writeString(file, "# a comment\n\n  " + Base64.getEncoder().encodeToString(key) + "  \n# another\n");
    assertThat(KeyFile.read(file)).isEqualTo(key);
  }

  @Test
  void keysNeverShowTheirBytes() throws Exception {
    Path cluster = generated("cluster.key");
    Path client = generated("client.key");
    FrameKeys keys = FrameKeys.forNode(cluster, client);
    String clusterLine = Files.readAllLines(cluster).get(1);
    assertThat(keys.toString()).doesNotContain(clusterLine);
    assertThat(keys.toString()).isEqualTo("FrameKeys[cluster key, client key]");
    assertThat(keys.forClients().toString()).isEqualTo("FrameKeys[client key]");
    assertThat(keys.betweenNodes().toString()).isEqualTo("SipHashTrailer");
    assertThat(FrameKeys.forClient(client).isNodeCapable()).isFalse();
    // A bad key line's message names the file, not the bytes in it.
    Path secretish = dir.resolve("typo.key");
    Files.writeString(secretish, clusterLine + "!");
    KeyFileException e = assertThrows(KeyFileException.class, () -> KeyFile.read(secretish));
    assertThat(e).hasMessageThat().doesNotContain(clusterLine);
  }

  private Path generated(String name) {
    Path file = dir.resolve(name);
    FrameKeys.generate(file);
    return file;
  }

  private void assertProblem(String name, String content, String problem) throws Exception {
    Path file = dir.resolve(name);
    if (content != null) {
      Files.writeString(file, content, StandardCharsets.US_ASCII);
    }
    KeyFileException e = assertThrows(KeyFileException.class, () -> KeyFile.read(file));
    assertThat(e).hasMessageThat().contains(name);
    assertThat(e).hasMessageThat().contains(problem);
  }
}
