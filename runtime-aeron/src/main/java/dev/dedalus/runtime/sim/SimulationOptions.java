package dev.dedalus.runtime.sim;

import java.util.Set;

/**
 * How adversarial a simulation's scheduler is. Immutable; build with {@link #builder()} or start
 * from {@link #defaults()} with {@link #toBuilder()}. Probabilities are per scheduler decision.
 *
 * <p>Defaults: reliable channels (no loss), modest delay and duplication, reordering and batching
 * on, messages encoded through their codecs, messages to a stopped node held until it restarts,
 * no random crashes.
 */
public final class SimulationOptions {
  private final long minLatencyMillis;
  private final long maxLatencyMillis;
  private final double deliverProbability;
  private final double reorderProbability;
  private final double batchProbability;
  private final int maxBatch;
  private final double delayProbability;
  private final long maxExtraDelayMillis;
  private final int maxDelaysPerMessage;
  private final double duplicateProbability;
  private final double lossProbability;
  private final double advanceTimeProbability;
  private final boolean encodeMessages;
  private final boolean holdWhileStopped;
  private final long timerHorizonMillis;
  private final int fairnessSteps;
  private final double randomCrashProbability;
  private final long minDowntimeMillis;
  private final long maxDowntimeMillis;
  private final int maxRandomCrashes;
  private final Set<String> crashableRoles;
  private final boolean recordTrace;

  private SimulationOptions(Builder b) {
    this.minLatencyMillis = b.minLatencyMillis;
    this.maxLatencyMillis = b.maxLatencyMillis;
    this.deliverProbability = b.deliverProbability;
    this.reorderProbability = b.reorderProbability;
    this.batchProbability = b.batchProbability;
    this.maxBatch = b.maxBatch;
    this.delayProbability = b.delayProbability;
    this.maxExtraDelayMillis = b.maxExtraDelayMillis;
    this.maxDelaysPerMessage = b.maxDelaysPerMessage;
    this.duplicateProbability = b.duplicateProbability;
    this.lossProbability = b.lossProbability;
    this.advanceTimeProbability = b.advanceTimeProbability;
    this.encodeMessages = b.encodeMessages;
    this.holdWhileStopped = b.holdWhileStopped;
    this.timerHorizonMillis = b.timerHorizonMillis;
    this.fairnessSteps = b.fairnessSteps;
    this.randomCrashProbability = b.randomCrashProbability;
    this.minDowntimeMillis = b.minDowntimeMillis;
    this.maxDowntimeMillis = b.maxDowntimeMillis;
    this.maxRandomCrashes = b.maxRandomCrashes;
    this.crashableRoles = Set.copyOf(b.crashableRoles);
    this.recordTrace = b.recordTrace;
  }

  /** {@return the default options (see the class comment)} */
  public static SimulationOptions defaults() {
    return builder().build();
  }

  /** {@return a builder holding the default options} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding these options, to change some of them} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.minLatencyMillis = minLatencyMillis;
    b.maxLatencyMillis = maxLatencyMillis;
    b.deliverProbability = deliverProbability;
    b.reorderProbability = reorderProbability;
    b.batchProbability = batchProbability;
    b.maxBatch = maxBatch;
    b.delayProbability = delayProbability;
    b.maxExtraDelayMillis = maxExtraDelayMillis;
    b.maxDelaysPerMessage = maxDelaysPerMessage;
    b.duplicateProbability = duplicateProbability;
    b.lossProbability = lossProbability;
    b.advanceTimeProbability = advanceTimeProbability;
    b.encodeMessages = encodeMessages;
    b.holdWhileStopped = holdWhileStopped;
    b.timerHorizonMillis = timerHorizonMillis;
    b.fairnessSteps = fairnessSteps;
    b.randomCrashProbability = randomCrashProbability;
    b.minDowntimeMillis = minDowntimeMillis;
    b.maxDowntimeMillis = maxDowntimeMillis;
    b.maxRandomCrashes = maxRandomCrashes;
    b.crashableRoles = crashableRoles;
    b.recordTrace = recordTrace;
    return b;
  }

  /**
   * {@return the least network latency of a message, in milliseconds} The latency of every message
   * is uniform in [min, max]; min is at least 1 (default 1).
   */
  public long minLatencyMillis() {
    return minLatencyMillis;
  }

  /** {@return the greatest network latency of a message, in milliseconds} Default 5. */
  public long maxLatencyMillis() {
    return maxLatencyMillis;
  }

  /** {@return the chance a step delivers when a node could both receive a message and tick} Default 0.5. */
  public double deliverProbability() {
    return deliverProbability;
  }

  /**
   * The chance a delivery picks any due message (and a random batch) rather than the oldest due
   * message (and the next oldest for its node). At 0, with a fixed latency and no delay, every
   * channel is FIFO. Default 1.
   *
   * @return the probability
   */
  public double reorderProbability() {
    return reorderProbability;
  }

  /** {@return the chance a delivery also hands over other due messages for the same node} Default 0.5. */
  public double batchProbability() {
    return batchProbability;
  }

  /** {@return the most messages one delivery step hands a node} Default 8. */
  public int maxBatch() {
    return maxBatch;
  }

  /**
   * {@return the chance a message picked for delivery is pushed back by a random extra delay instead}
   * Default 0.1.
   */
  public double delayProbability() {
    return delayProbability;
  }

  /**
   * {@return the longest extra delay, in milliseconds} An extra delay is uniform in [1, max], counted
   * from the step that delays the message. Default 50.
   */
  public long maxExtraDelayMillis() {
    return maxExtraDelayMillis;
  }

  /**
   * {@return the most times one message may be delayed} A bound, so delays cannot postpone a
   * delivery forever. Default 2.
   */
  public int maxDelaysPerMessage() {
    return maxDelaysPerMessage;
  }

  /**
   * {@return the chance a delivered message is delivered once more, later} Copies are not copied
   * again. Default 0.05.
   */
  public double duplicateProbability() {
    return duplicateProbability;
  }

  /**
   * {@return the chance a message picked for delivery is lost} 0 by default: channels are reliable.
   */
  public double lossProbability() {
    return lossProbability;
  }

  /**
   * The chance a step advances virtual time to the next event although work is ready now: a slow
   * node, whose input waits and whose due timers fire late (never early). Default 0.05.
   *
   * @return the probability
   */
  public double advanceTimeProbability() {
    return advanceTimeProbability;
  }

  /** {@return whether messages travel encoded by their {@code RelationCodec} (default) or as objects} */
  public boolean encodeMessages() {
    return encodeMessages;
  }

  /** {@return whether messages for a stopped node wait for its restart (default) or are dropped when due} */
  public boolean holdWhileStopped() {
    return holdWhileStopped;
  }

  /**
   * Timers due after this virtual time do not fire on their own: the scheduler neither advances
   * time to them nor ticks a node just for them, so timers alone cannot keep a run going. Default
   * 60,000.
   *
   * @return the horizon, in virtual milliseconds
   */
  public long timerHorizonMillis() {
    return timerHorizonMillis;
  }

  /**
   * {@return how many steps a node or message may wait while ready} One ready for this many steps is
   * served next, so every run makes progress. Default 64.
   */
  public int fairnessSteps() {
    return fairnessSteps;
  }

  /**
   * {@return the chance, per step, that a random up node crashes and is restarted after a downtime}
   * 0 by default.
   */
  public double randomCrashProbability() {
    return randomCrashProbability;
  }

  /**
   * {@return the shortest downtime of a random crash, in milliseconds} A downtime is uniform in
   * [min, max]. Default 50.
   */
  public long minDowntimeMillis() {
    return minDowntimeMillis;
  }

  /** {@return the longest downtime of a random crash, in milliseconds} Default 500. */
  public long maxDowntimeMillis() {
    return maxDowntimeMillis;
  }

  /** {@return the most random crashes one {@link Simulation} makes, over all its calls of {@code run}} Default 1. */
  public int maxRandomCrashes() {
    return maxRandomCrashes;
  }

  /** {@return the roles random crashes may hit} Empty (the default) means every role. */
  public Set<String> crashableRoles() {
    return crashableRoles;
  }

  /** {@return whether to keep the scheduler's decision trace} On by default; off saves memory in sweeps. */
  public boolean recordTrace() {
    return recordTrace;
  }

  @Override
  public String toString() {
    return "SimulationOptions{latency=" + minLatencyMillis + ".." + maxLatencyMillis + "ms, deliver=" + deliverProbability
        + ", reorder=" + reorderProbability + ", batch=" + batchProbability + "x" + maxBatch + ", delay=" + delayProbability + "(+" + maxExtraDelayMillis
        + "ms, max " + maxDelaysPerMessage + "), duplicate=" + duplicateProbability + ", loss=" + lossProbability
        + ", advanceTime=" + advanceTimeProbability + ", encode=" + encodeMessages + ", holdWhileStopped="
        + holdWhileStopped + ", horizon=" + timerHorizonMillis + "ms, fairness=" + fairnessSteps + ", crash="
        + randomCrashProbability + "(" + minDowntimeMillis + ".." + maxDowntimeMillis + "ms, max " + maxRandomCrashes
        + ", roles " + crashableRoles + ")}";
  }

  /** Builds options; every setter checks its argument. */
  public static final class Builder {
    private long minLatencyMillis = 1;
    private long maxLatencyMillis = 5;
    private double deliverProbability = 0.5;
    private double reorderProbability = 1.0;
    private double batchProbability = 0.5;
    private int maxBatch = 8;
    private double delayProbability = 0.1;
    private long maxExtraDelayMillis = 50;
    private int maxDelaysPerMessage = 2;
    private double duplicateProbability = 0.05;
    private double lossProbability = 0.0;
    private double advanceTimeProbability = 0.05;
    private boolean encodeMessages = true;
    private boolean holdWhileStopped = true;
    private long timerHorizonMillis = 60_000;
    private int fairnessSteps = 64;
    private double randomCrashProbability = 0.0;
    private long minDowntimeMillis = 50;
    private long maxDowntimeMillis = 500;
    private int maxRandomCrashes = 1;
    private Set<String> crashableRoles = Set.of();
    private boolean recordTrace = true;

    private Builder() {}

    /**
     * Sets the network latency range; every message's latency is uniform in it.
     *
     * @param min the least latency, in milliseconds; at least 1
     * @param max the greatest latency, in milliseconds; at least {@code min}
     * @return this builder
     * @throws IllegalArgumentException if {@code min < 1} or {@code max < min}
     */
    public Builder latencyMillis(long min, long max) {
      if (min < 1 || max < min) {
        throw new IllegalArgumentException("latency needs 1 <= min <= max, not " + min + ".." + max);
      }
      this.minLatencyMillis = min;
      this.maxLatencyMillis = max;
      return this;
    }

    /**
     * Sets {@link SimulationOptions#deliverProbability()}.
     *
     * @param p a probability, in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code p} is outside [0, 1] or NaN
     */
    public Builder deliverProbability(double p) {
      this.deliverProbability = probability("deliverProbability", p);
      return this;
    }

    /**
     * Sets {@link SimulationOptions#reorderProbability()}.
     *
     * @param p a probability, in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code p} is outside [0, 1] or NaN
     */
    public Builder reorderProbability(double p) {
      this.reorderProbability = probability("reorderProbability", p);
      return this;
    }

    /**
     * Sets {@link SimulationOptions#batchProbability()} and {@link SimulationOptions#maxBatch()}.
     *
     * @param probability a probability, in [0, 1]
     * @param maxBatch the most messages one delivery hands a node; at least 1 (1 turns batching off)
     * @return this builder
     * @throws IllegalArgumentException if {@code probability} is outside [0, 1] or {@code maxBatch < 1}
     */
    public Builder batching(double probability, int maxBatch) {
      if (maxBatch < 1) {
        throw new IllegalArgumentException("maxBatch must be >= 1, not " + maxBatch);
      }
      this.batchProbability = probability("batchProbability", probability);
      this.maxBatch = maxBatch;
      return this;
    }

    /**
     * Sets {@link SimulationOptions#delayProbability()}, {@link SimulationOptions#maxExtraDelayMillis()}
     * and {@link SimulationOptions#maxDelaysPerMessage()}.
     *
     * @param probability a probability, in [0, 1]
     * @param maxExtraMillis the longest extra delay; at least 1
     * @param maxDelaysPerMessage the most delays of one message; at least 0
     * @return this builder
     * @throws IllegalArgumentException if an argument is out of its range
     */
    public Builder delay(double probability, long maxExtraMillis, int maxDelaysPerMessage) {
      if (maxExtraMillis < 1 || maxDelaysPerMessage < 0) {
        throw new IllegalArgumentException("delay needs maxExtraMillis >= 1 and maxDelaysPerMessage >= 0");
      }
      this.delayProbability = probability("delayProbability", probability);
      this.maxExtraDelayMillis = maxExtraMillis;
      this.maxDelaysPerMessage = maxDelaysPerMessage;
      return this;
    }

    /**
     * Sets {@link SimulationOptions#duplicateProbability()}.
     *
     * @param p a probability, in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code p} is outside [0, 1] or NaN
     */
    public Builder duplicateProbability(double p) {
      this.duplicateProbability = probability("duplicateProbability", p);
      return this;
    }

    /**
     * Sets {@link SimulationOptions#lossProbability()}.
     *
     * @param p a probability, in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code p} is outside [0, 1] or NaN
     */
    public Builder lossProbability(double p) {
      this.lossProbability = probability("lossProbability", p);
      return this;
    }

    /**
     * Sets {@link SimulationOptions#advanceTimeProbability()}.
     *
     * @param p a probability, in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code p} is outside [0, 1] or NaN
     */
    public Builder advanceTimeProbability(double p) {
      this.advanceTimeProbability = probability("advanceTimeProbability", p);
      return this;
    }

    /**
     * Sets {@link SimulationOptions#encodeMessages()}.
     *
     * @param encode true to send messages through their codecs, false to pass the objects
     * @return this builder
     */
    public Builder encodeMessages(boolean encode) {
      this.encodeMessages = encode;
      return this;
    }

    /**
     * Sets {@link SimulationOptions#holdWhileStopped()}.
     *
     * @param hold true to hold messages for a stopped node until it restarts, false to drop them
     * @return this builder
     */
    public Builder holdWhileStopped(boolean hold) {
      this.holdWhileStopped = hold;
      return this;
    }

    /**
     * Sets {@link SimulationOptions#timerHorizonMillis()}.
     *
     * @param horizon the virtual time after which timers do not fire on their own; at least 0
     * @return this builder
     * @throws IllegalArgumentException if {@code horizon} is negative
     */
    public Builder timerHorizonMillis(long horizon) {
      if (horizon < 0) {
        throw new IllegalArgumentException("timerHorizonMillis must be >= 0, not " + horizon);
      }
      this.timerHorizonMillis = horizon;
      return this;
    }

    /**
     * Sets {@link SimulationOptions#fairnessSteps()}.
     *
     * @param steps how many steps a ready node or message may wait; at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code steps < 1}
     */
    public Builder fairnessSteps(int steps) {
      if (steps < 1) {
        throw new IllegalArgumentException("fairnessSteps must be >= 1, not " + steps);
      }
      this.fairnessSteps = steps;
      return this;
    }

    /**
     * Sets the random crashes: {@link SimulationOptions#randomCrashProbability()}, the downtime range
     * and {@link SimulationOptions#maxRandomCrashes()}.
     *
     * @param probability the chance per step, in [0, 1]
     * @param minDowntimeMillis the shortest downtime; at least 0
     * @param maxDowntimeMillis the longest downtime; at least {@code minDowntimeMillis}
     * @param maxCrashes the most random crashes; at least 0
     * @return this builder
     * @throws IllegalArgumentException if an argument is out of its range
     */
    public Builder randomCrashes(double probability, long minDowntimeMillis, long maxDowntimeMillis, int maxCrashes) {
      if (minDowntimeMillis < 0 || maxDowntimeMillis < minDowntimeMillis || maxCrashes < 0) {
        throw new IllegalArgumentException("random crashes need 0 <= minDowntime <= maxDowntime and maxCrashes >= 0");
      }
      this.randomCrashProbability = probability("randomCrashProbability", probability);
      this.minDowntimeMillis = minDowntimeMillis;
      this.maxDowntimeMillis = maxDowntimeMillis;
      this.maxRandomCrashes = maxCrashes;
      return this;
    }

    /**
     * Sets {@link SimulationOptions#crashableRoles()}; names are not checked against the program.
     *
     * @param roles the roles random crashes may hit, copied; empty for every role
     * @return this builder
     * @throws NullPointerException if {@code roles} or one of its elements is null
     */
    public Builder crashableRoles(Set<String> roles) {
      this.crashableRoles = Set.copyOf(roles);
      return this;
    }

    /**
     * Sets {@link SimulationOptions#recordTrace()}.
     *
     * @param record true to keep the scheduler's decision trace
     * @return this builder
     */
    public Builder recordTrace(boolean record) {
      this.recordTrace = record;
      return this;
    }

    /**
     * No delay, duplication, loss or crashes: only reordering and batching remain. Sets those four
     * probabilities to 0 and leaves every other option as it is.
     *
     * @return this builder
     */
    public Builder benign() {
      this.delayProbability = 0;
      this.duplicateProbability = 0;
      this.lossProbability = 0;
      this.randomCrashProbability = 0;
      return this;
    }

    /** {@return the options set so far} The builder may be used again. */
    public SimulationOptions build() {
      return new SimulationOptions(this);
    }

    private static double probability(String name, double p) {
      if (!(p >= 0.0 && p <= 1.0)) {
        throw new IllegalArgumentException(name + " must be in [0, 1], not " + p);
      }
      return p;
    }
  }
}
