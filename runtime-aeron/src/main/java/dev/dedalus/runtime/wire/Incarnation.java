package dev.dedalus.runtime.wire;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out sender incarnations: the wall clock in microseconds since the epoch, and within one
 * process strictly increasing, so an endpoint started (or restarted) later has a larger one than
 * any before it, here or in an earlier process (as long as the clock does not go back).
 */
public final class Incarnation {
  private static final AtomicLong LAST = new AtomicLong();

  private Incarnation() {}

  /** {@return a new incarnation, larger than every one handed out before in this process} */
  public static long next() {
    long now = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
    return LAST.updateAndGet(last -> Math.max(now, last + 1));
  }
}
