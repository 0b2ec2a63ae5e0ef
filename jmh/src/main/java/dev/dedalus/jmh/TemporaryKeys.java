package dev.dedalus.jmh;

import dev.dedalus.runtime.security.FrameKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.agrona.IoUtil;

/** Frame keys for benchmarks: a node's keys freshly generated, their files deleted once read. */
final class TemporaryKeys {
  private TemporaryKeys() {}

  /** {@code off}: no keys (CRC32C); {@code on}: fresh cluster and client keys (SipHash MAC). */
  static FrameKeys forAuth(String auth) throws IOException {
    return switch (auth) {
      case "off" -> FrameKeys.none();
      case "on" -> nodeKeys();
      default -> throw new IllegalArgumentException("auth is on or off, not " + auth);
    };
  }

  static FrameKeys nodeKeys() throws IOException {
    Path dir = Files.createTempDirectory("dedalus-keys");
    try {
      Path cluster = dir.resolve("cluster.key");
      Path client = dir.resolve("client.key");
      FrameKeys.generate(cluster);
      FrameKeys.generate(client);
      return FrameKeys.forNode(cluster, client);
    } finally {
      IoUtil.delete(dir.toFile(), true);
    }
  }
}
