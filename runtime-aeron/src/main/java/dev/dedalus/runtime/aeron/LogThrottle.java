package dev.dedalus.runtime.aeron;

import org.agrona.concurrent.EpochClock;

/**
 * Lets one message through per interval, so a flood of bad frames or stuck destinations costs a
 * log line a second, not one per frame. Callers check {@link #allow} before formatting anything
 * and report {@link #suppressed} with the message. Single-threaded.
 */
final class LogThrottle {
  private final EpochClock clock;
  private final long intervalMillis;
  private long nextAllowedMillis = Long.MIN_VALUE;
  private long suppressed;
  private long lastSuppressed;

  LogThrottle(EpochClock clock, long intervalMillis) {
    this.clock = clock;
    this.intervalMillis = intervalMillis;
  }

  /** True if a message may be logged now; otherwise counts it as suppressed. */
  boolean allow() {
    long now = clock.time();
    if (now >= nextAllowedMillis) {
      nextAllowedMillis = now + intervalMillis;
      lastSuppressed = suppressed;
      suppressed = 0;
      return true;
    }
    suppressed++;
    return false;
  }

  /** How many messages were suppressed before the one just allowed. */
  long suppressed() {
    return lastSuppressed;
  }
}
