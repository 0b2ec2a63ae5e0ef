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

  public static SimulationOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

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

  /** Network latency of every message is uniform in [min, max] milliseconds; min is at least 1. */
  public long minLatencyMillis() {
    return minLatencyMillis;
  }

  public long maxLatencyMillis() {
    return maxLatencyMillis;
  }

  /** When a node could both receive a message and tick, the chance the step delivers. */
  public double deliverProbability() {
    return deliverProbability;
  }

  /**
   * The chance a delivery picks any due message (and a random batch) rather than the oldest due
   * message (and the next oldest for its node). At 0, with a fixed latency and no delay, every
   * channel is FIFO.
   */
  public double reorderProbability() {
    return reorderProbability;
  }

  /** The chance a delivery also hands over other due messages for the same node. */
  public double batchProbability() {
    return batchProbability;
  }

  /** The most messages one delivery step hands a node. */
  public int maxBatch() {
    return maxBatch;
  }

  /** The chance a message picked for delivery is pushed back by a random extra delay instead. */
  public double delayProbability() {
    return delayProbability;
  }

  public long maxExtraDelayMillis() {
    return maxExtraDelayMillis;
  }

  /** A bound on delays per message, so delays cannot postpone a delivery forever. */
  public int maxDelaysPerMessage() {
    return maxDelaysPerMessage;
  }

  /** The chance a delivered message is delivered once more, later. Copies are not copied again. */
  public double duplicateProbability() {
    return duplicateProbability;
  }

  /** The chance a message picked for delivery is lost. Off by default: channels are reliable. */
  public double lossProbability() {
    return lossProbability;
  }

  /**
   * The chance a step advances virtual time to the next event although work is ready now: a slow
   * node, whose input waits and whose due timers fire late (never early).
   */
  public double advanceTimeProbability() {
    return advanceTimeProbability;
  }

  /** Whether messages travel encoded by their {@code RelationCodec} (default) or as objects. */
  public boolean encodeMessages() {
    return encodeMessages;
  }

  /** Whether messages for a stopped node wait for its restart (default) or are dropped when due. */
  public boolean holdWhileStopped() {
    return holdWhileStopped;
  }

  /**
   * Timers due after this virtual time do not fire on their own: the scheduler neither advances
   * time to them nor ticks a node just for them, so timers alone cannot keep a run going.
   */
  public long timerHorizonMillis() {
    return timerHorizonMillis;
  }

  /** A node or message ready for this many steps is served next, so every run makes progress. */
  public int fairnessSteps() {
    return fairnessSteps;
  }

  /** The chance, per step, that a random up node crashes and is restarted after a downtime. */
  public double randomCrashProbability() {
    return randomCrashProbability;
  }

  public long minDowntimeMillis() {
    return minDowntimeMillis;
  }

  public long maxDowntimeMillis() {
    return maxDowntimeMillis;
  }

  public int maxRandomCrashes() {
    return maxRandomCrashes;
  }

  /** The roles random crashes may hit; empty means every role. */
  public Set<String> crashableRoles() {
    return crashableRoles;
  }

  /** Whether to keep the scheduler's decision trace (on by default; off saves memory in sweeps). */
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

    public Builder latencyMillis(long min, long max) {
      if (min < 1 || max < min) {
        throw new IllegalArgumentException("latency needs 1 <= min <= max, not " + min + ".." + max);
      }
      this.minLatencyMillis = min;
      this.maxLatencyMillis = max;
      return this;
    }

    public Builder deliverProbability(double p) {
      this.deliverProbability = probability("deliverProbability", p);
      return this;
    }

    public Builder reorderProbability(double p) {
      this.reorderProbability = probability("reorderProbability", p);
      return this;
    }

    public Builder batching(double probability, int maxBatch) {
      if (maxBatch < 1) {
        throw new IllegalArgumentException("maxBatch must be >= 1, not " + maxBatch);
      }
      this.batchProbability = probability("batchProbability", probability);
      this.maxBatch = maxBatch;
      return this;
    }

    public Builder delay(double probability, long maxExtraMillis, int maxDelaysPerMessage) {
      if (maxExtraMillis < 1 || maxDelaysPerMessage < 0) {
        throw new IllegalArgumentException("delay needs maxExtraMillis >= 1 and maxDelaysPerMessage >= 0");
      }
      this.delayProbability = probability("delayProbability", probability);
      this.maxExtraDelayMillis = maxExtraMillis;
      this.maxDelaysPerMessage = maxDelaysPerMessage;
      return this;
    }

    public Builder duplicateProbability(double p) {
      this.duplicateProbability = probability("duplicateProbability", p);
      return this;
    }

    public Builder lossProbability(double p) {
      this.lossProbability = probability("lossProbability", p);
      return this;
    }

    public Builder advanceTimeProbability(double p) {
      this.advanceTimeProbability = probability("advanceTimeProbability", p);
      return this;
    }

    public Builder encodeMessages(boolean encode) {
      this.encodeMessages = encode;
      return this;
    }

    public Builder holdWhileStopped(boolean hold) {
      this.holdWhileStopped = hold;
      return this;
    }

    public Builder timerHorizonMillis(long horizon) {
      if (horizon < 0) {
        throw new IllegalArgumentException("timerHorizonMillis must be >= 0, not " + horizon);
      }
      this.timerHorizonMillis = horizon;
      return this;
    }

    public Builder fairnessSteps(int steps) {
      if (steps < 1) {
        throw new IllegalArgumentException("fairnessSteps must be >= 1, not " + steps);
      }
      this.fairnessSteps = steps;
      return this;
    }

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

    public Builder crashableRoles(Set<String> roles) {
      this.crashableRoles = Set.copyOf(roles);
      return this;
    }

    public Builder recordTrace(boolean record) {
      this.recordTrace = record;
      return this;
    }

    /** No delay, duplication, loss or crashes: only reordering and batching remain. */
    public Builder benign() {
      this.delayProbability = 0;
      this.duplicateProbability = 0;
      this.lossProbability = 0;
      this.randomCrashProbability = 0;
      return this;
    }

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
