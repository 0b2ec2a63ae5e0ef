package dev.dedalus.runtime.sim;

/** A stage or codec failed inside a simulation; the message names the seed to replay it. */
public final class SimulationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The seed of the failed run: part of the serialized form. */
  private final long seed;

  SimulationException(long seed, long step, long nowMillis, String what, Throwable cause) {
    super("seed " + seed + ", step " + step + ", at " + nowMillis + "ms: " + what, cause);
    this.seed = seed;
  }

  /** {@return the seed of the failed run} */
  public long seed() {
    return seed;
  }
}
