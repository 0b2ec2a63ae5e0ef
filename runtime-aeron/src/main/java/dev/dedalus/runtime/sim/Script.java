package dev.dedalus.runtime.sim;

import java.util.PriorityQueue;

/**
 * Events set for a virtual time: client inputs, stops and restarts. Ordered by time, then by the
 * order they were scheduled, so two events at one time always fire in the same order.
 */
final class Script {
  record Event(long atMillis, long seq, String description, Runnable action) {}

  private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.atMillis != b.atMillis
      ? Long.compare(a.atMillis, b.atMillis)
      : Long.compare(a.seq, b.seq));
  private long nextSeq;

  void at(long atMillis, String description, Runnable action) {
    events.add(new Event(atMillis, nextSeq++, description, action));
  }

  boolean isEmpty() {
    return events.isEmpty();
  }

  /** The time of the next event, or Long.MAX_VALUE. */
  long nextMillis() {
    Event e = events.peek();
    return e == null ? Long.MAX_VALUE : e.atMillis;
  }

  /** Removes and returns the next event due at or before {@code nowMillis}, or null. */
  Event pollDue(long nowMillis) {
    Event e = events.peek();
    return e != null && e.atMillis <= nowMillis ? events.poll() : null;
  }
}
