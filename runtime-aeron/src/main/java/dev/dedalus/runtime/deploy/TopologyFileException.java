package dev.dedalus.runtime.deploy;

/**
 * A topology file that cannot be used: its message names the file, the line and the field, and
 * says what is wrong, e.g. {@code voting.conf:12: nodes."Leader/0".port: must be from 1 to 65535,
 * got 70000}.
 */
public final class TopologyFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with its full message, already naming where it is.
   *
   * @param message the whole message: the file and, where known, the line and field, then what is
   *     wrong
   */
  public TopologyFileException(String message) {
    super(message);
  }

  /**
   * An error with its full message and the exception that revealed it.
   *
   * @param message the whole message: the file and, where known, the line and field, then what is
   *     wrong
   * @param cause the exception that revealed it, e.g. the config library's parse error
   */
  public TopologyFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
