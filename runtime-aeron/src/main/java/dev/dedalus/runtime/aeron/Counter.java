package dev.dedalus.runtime.aeron;

/** What an endpoint (a stage agent or a client) counts. */
public enum Counter {
  /** Frames a publication took (its offer succeeded). */
  FRAMES_SENT("framesSent"),
  /** Facts in the frames counted by {@link #FRAMES_SENT}. */
  FACTS_SENT("factsSent"),
  /** Frames that passed validation and authentication; their facts were delivered. */
  FRAMES_RECEIVED("framesReceived"),
  /** Facts in the frames counted by {@link #FRAMES_RECEIVED}, refused ones included. */
  FACTS_RECEIVED("factsReceived"),
  /** Frames rejected by validation; none of their facts were delivered. */
  FRAMES_DROPPED_BAD("framesDroppedBad"),
  /** Facts of valid frames that the stage refused ({@code accept} returned false). */
  FACTS_REFUSED("factsRefused"),
  /**
   * Facts that were not sent: too large for a frame, no channel for the destination, a closed
   * publication, or a destination that stayed unconnected past its wait.
   */
  FACTS_DROPPED("factsDropped"),
  /**
   * Of {@link #FACTS_DROPPED}, those to a destination that stayed unconnected: a client past the
   * client connect wait (one that left, or an address nobody listens on), or a node past the linger
   * time.
   */
  FACTS_DROPPED_UNCONNECTED("factsDroppedUnconnected"),
  /** Offers answered BACK_PRESSURED or ADMIN_ACTION. */
  BACK_PRESSURE_EVENTS("backPressureEvents"),
  /** Offers answered NOT_CONNECTED: the destination has no subscriber yet. */
  NOT_CONNECTED_EVENTS("notConnectedEvents"),
  /** Duty cycles that skipped polling input because the outbox was full. */
  OUTBOX_FULL_CYCLES("outboxFullCycles"),
  /** Ticks a stage agent ran. */
  TICKS("ticks"),
  /** Commits of a tick's durable facts to the node's durable log, one per tick that added any. */
  LOG_COMMITS("logCommits"),
  /** Facts of durable relations committed to the node's durable log. */
  LOG_FACTS("logFacts"),
  /**
   * Thread CPU time, in nanoseconds, spent in duty cycles that did work: what the node would cost
   * on a core of its own. Idle spinning and parking are not counted.
   */
  BUSY_CPU_NANOS("busyCpuNanos"),
  /**
   * Of {@link #FACTS_DROPPED}, those to a client that stayed connected but did not read its stream
   * (it was back-pressured past the client connect wait, or a capacity's worth already waited for it).
   */
  FACTS_DROPPED_UNREAD("factsDroppedUnread"),
  /**
   * Frames dropped because their trailer did not verify: a bad or missing MAC (a sender without the
   * key, or a tampered frame), a bad CRC32C, or a trailer of the wrong kind for this endpoint (a
   * CRC where keys are configured, or a MAC where none are).
   */
  FRAMES_DROPPED_UNAUTHENTICATED("framesDroppedUnauthenticated"),
  /**
   * Frames dropped because their sender is this endpoint itself or a node location the topology
   * does not have.
   */
  FRAMES_DROPPED_UNKNOWN_SENDER("framesDroppedUnknownSender"),
  /**
   * Frames dropped as replays: a frame from the same sender was accepted before with a later
   * incarnation, or with the same incarnation and this sequence or a higher one.
   */
  FRAMES_DROPPED_REPLAYED("framesDroppedReplayed"),
  /** Frames dropped because they are addressed to another location. */
  FRAMES_DROPPED_MISADDRESSED("framesDroppedMisaddressed"),
  /**
   * Of {@link #FACTS_REFUSED}, the facts a client sent of a relation that is not one of the
   * program's {@code @Input}s: only nodes may send those.
   */
  FACTS_REFUSED_NOT_CLIENT_INPUT("factsRefusedNotClientInput");

  private final String label;

  Counter(String label) {
    this.label = label;
  }

  /** {@return the camel-case name used in reports} */
  public String label() {
    return label;
  }
}
