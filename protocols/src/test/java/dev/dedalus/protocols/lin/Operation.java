package dev.dedalus.protocols.lin;

import java.util.Objects;

/**
 * One client operation of a recorded history: who called it, when it was called and when it
 * returned, what it was asked ({@code input}) and what it answered ({@code output}).
 *
 * <p>Times are on one clock shared by all clients (virtual milliseconds or nanoseconds of a
 * simulation), with {@code callTime <= returnTime}. The checker reads the interval as closed: an
 * operation that returned at {@code t} and one called at {@code t} are concurrent (see {@link
 * Linearizability}).
 *
 * <p>A <em>pending</em> operation was called but never returned (its client crashed or gave up):
 * its return time is {@link #PENDING} and its output is {@code null}, unknown. It may have taken
 * effect at any point after its call, or not at all.
 *
 * <p>The client id is for the reader of a failure: the checker does not use it (per-client order
 * follows from real time, since a client waits for each reply before its next call).
 */
public record Operation<I, O>(long clientId, long callTime, long returnTime, I input, O output) {
  /** The return time of an operation that never returned: +infinity. */
  public static final long PENDING = Long.MAX_VALUE;

  public Operation {
    Objects.requireNonNull(input, "input");
    if (callTime > returnTime || callTime == PENDING) {
      throw new IllegalArgumentException("call time " + callTime + " after return time " + returnTime);
    }
    if (returnTime == PENDING && output != null) {
      throw new IllegalArgumentException("a pending operation has no output, got " + output);
    }
  }

  /** An operation that returned {@code output} at {@code returnTime}. */
  public static <I, O> Operation<I, O> completed(long clientId, long callTime, long returnTime, I input, O output) {
    if (returnTime == PENDING) {
      throw new IllegalArgumentException("a completed operation needs a finite return time");
    }
    return new Operation<>(clientId, callTime, returnTime, input, output);
  }

  /** An operation called at {@code callTime} that never returned. */
  public static <I, O> Operation<I, O> pending(long clientId, long callTime, I input) {
    return new Operation<>(clientId, callTime, PENDING, input, null);
  }

  public boolean isPending() {
    return returnTime == PENDING;
  }

  /** For example {@code client 2 [10, 25] put(x, 1) -> ok}, or {@code client 3 [40, pending) get(x) -> ?}. */
  @Override
  public String toString() {
    return isPending()
        ? "client " + clientId + " [" + callTime + ", pending) " + input + " -> ?"
        : "client " + clientId + " [" + callTime + ", " + returnTime + "] " + input + " -> " + output;
  }
}
