package dev.dedalus.runtime.security;

import java.nio.file.Path;

/** A key file that cannot be used: missing, unreadable, or not a key. The message names the file. */
public final class KeyFileException extends RuntimeException {
  KeyFileException(Path file, String problem) {
    super("key file " + file.toAbsolutePath() + ": " + problem);
  }

  KeyFileException(Path file, String problem, Throwable cause) {
    super("key file " + file.toAbsolutePath() + ": " + problem, cause);
  }
}
