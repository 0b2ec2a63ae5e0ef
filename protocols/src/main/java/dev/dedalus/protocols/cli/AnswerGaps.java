package dev.dedalus.protocols.cli;

import dev.dedalus.Location;
import dev.dedalus.protocols.load.ReplyListener;
import java.util.Locale;

/**
 * The longest time without any answer after a failure was injected ({@code --fail-leader-after}):
 * how long clients waited for the protocol to recover. Passes every call on to {@code next}. Called
 * from several client threads.
 */
final class AnswerGaps implements ReplyListener {
  private final ReplyListener next;
  private long lastAnswerNanos;
  private long failureNanos = Long.MAX_VALUE;
  private Location failed;
  private long longestGapNanos;
  private long answersAfter;

  AnswerGaps(ReplyListener next) {
    this.next = next;
  }

  synchronized void failureAt(long nanos, Location node) {
    failureNanos = nanos;
    failed = node;
  }

  @Override
  public void answered(Location client, long id, String outcome) {
    next.answered(client, id, outcome);
  }

  @Override
  public void called(Location client, long id, Object request, long nanos) {
    next.called(client, id, request, nanos);
  }

  @Override
  public void returned(Location client, long id, Object reply, long nanos) {
    synchronized (this) {
      if (nanos >= failureNanos) {
        // The gap that spans the failure counts from the last answer before it.
        longestGapNanos = Math.max(longestGapNanos, nanos - Math.max(lastAnswerNanos, 0));
        answersAfter++;
      }
      lastAnswerNanos = Math.max(lastAnswerNanos, nanos);
    }
    next.returned(client, id, reply, nanos);
  }

  synchronized String describe() {
    if (failed == null) {
      return "no leader was stopped";
    }
    return String.format(Locale.ROOT, "leader (node %d) stopped: %,d answers after it; the longest gap between answers "
        + "after it was %.1f ms", failed.id(), answersAfter, longestGapNanos / 1e6);
  }
}
