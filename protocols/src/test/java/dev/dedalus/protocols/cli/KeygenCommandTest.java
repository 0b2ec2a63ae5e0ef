package dev.dedalus.protocols.cli;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.runtime.security.KeyFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dedalus keygen} writes distinct owner-only keys and never overwrites one. */
class KeygenCommandTest {
  @TempDir
  Path work;

  @Test
  void writesFreshOwnerOnlyKeysAndNeverOverwritesOne() throws Exception {
    Path cluster = work.resolve("cluster.key");
    Path clients = work.resolve("clients.key");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("keygen", cluster.toString(), clients.toString())).isEqualTo(0);
    assertThat(out.toString()).contains("wrote a new key to " + cluster);
    byte[] clusterKey = KeyFile.read(cluster);
    byte[] clientKey = KeyFile.read(clients);
    assertThat(clusterKey.length).isAtLeast(KeyFile.MIN_KEY_BYTES);
    assertThat(Arrays.equals(clusterKey, clientKey)).isFalse();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cluster))).isEqualTo("rw-------");

    String before = Files.readString(cluster);
    assertThat(cli.execute("keygen", cluster.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("error: ");
    assertThat(err.toString()).contains(cluster.toString());
    assertThat(err.toString()).contains("exists already");
    assertThat(Files.readString(cluster)).isEqualTo(before);
  }
}
