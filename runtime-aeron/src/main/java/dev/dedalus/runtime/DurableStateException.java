package dev.dedalus.runtime;

import java.nio.file.Path;

/**
 * A node's durable state cannot be used: a queue file is truncated or corrupted, was written by
 * another program or with another schema, or the data directory is in use by a running node. The
 * node must not start: starting would silently drop or misread facts.
 */
public final class DurableStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * Reports a problem with one file or directory; the message is {@code file + ": " + problem}.
   *
   * @param file the file or directory at fault
   * @param problem what is wrong with it
   */
  public DurableStateException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  /**
   * Reports a problem with one file or directory found through another exception.
   *
   * @param file the file or directory at fault
   * @param problem what is wrong with it
   * @param cause what revealed the problem
   */
  public DurableStateException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /**
   * The file or directory at fault. Not serialized: null in a deserialized exception.
   *
   * @return the path given at construction
   */
  public Path file() {
    return file;
  }
}
