package dev.dedalus.runtime.aeron;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One endpoint's counters. Written by the endpoint's own thread only, so an increment is a plain
 * read and an ordered (lazy) write: no lock or CAS on the hot path. Any thread may read them.
 */
public final class EndpointCounters {
  private static final Counter[] ALL = Counter.values();

  private final String name;
  private final AtomicLongArray values = new AtomicLongArray(ALL.length);

  public EndpointCounters(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** Adds one; owner thread only. */
  public void increment(Counter counter) {
    add(counter, 1);
  }

  /** Adds {@code delta}; owner thread only. */
  public void add(Counter counter, long delta) {
    int i = counter.ordinal();
    values.lazySet(i, values.get(i) + delta);
  }

  /** The current value; any thread. */
  public long get(Counter counter) {
    return values.get(counter.ordinal());
  }

  public CountersSnapshot snapshot() {
    long[] copy = new long[ALL.length];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = values.get(i);
    }
    return new CountersSnapshot(name, copy);
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }
}
