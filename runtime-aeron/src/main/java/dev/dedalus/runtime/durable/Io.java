package dev.dedalus.runtime.durable;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** File chores of the durable log. */
final class Io {
  private Io() {}

  /** fsync of one file or directory (Linux opens a directory read-only for it). */
  static void force(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Closes {@code resource}, ignoring a failure: used while releasing after an earlier problem, or on close. */
  static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception ignored) {
      // the first problem is the one reported; releasing goes on
    }
  }
}
