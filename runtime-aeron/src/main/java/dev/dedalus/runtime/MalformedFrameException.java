package dev.dedalus.runtime;

/**
 * Thrown by decoders on bytes that are not a valid frame or fact. It is caught by the runtime,
 * which drops and counts the frame; it never leaves a duty cycle. A shared instance without a
 * stack trace keeps a flood of bad frames from costing allocations.
 */
public final class MalformedFrameException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The shared instance thrown on the hot path. */
  public static final MalformedFrameException INSTANCE = new MalformedFrameException("malformed frame");

  /**
   * Makes an exception without a stack trace and without suppression, cheap to throw; the runtime
   * throws {@link #INSTANCE}.
   *
   * @param message what is wrong with the bytes
   */
  public MalformedFrameException(String message) {
    super(message, null, false, false);
  }
}
