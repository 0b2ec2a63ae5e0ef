package dev.dedalus.runtime.aeron;

import org.agrona.BufferUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;

/**
 * One endpoint's counters, one cell per {@link Counter}. Written by the endpoint's own thread only,
 * so an increment is a plain read and a release store: no lock, CAS or allocation on the hot path.
 * Any thread may read them.
 *
 * <p>A cell is an Agrona {@link AtomicCounter}, so the same code writes either of two backings: in
 * memory ({@link #EndpointCounters(String)}: the simulator, plain tests, clients), or Aeron counters
 * in the media driver's CnC file ({@link CncCounters}), where {@code AeronStat} reads them.
 */
public final class EndpointCounters {
  private static final Counter[] ALL = Counter.values();

  private final String name;
  /**
   * Indexed by {@link Counter#ordinal()}. Volatile only so that {@link #moveToMemory()} reaches
   * readers; a plain load on x86 and ARM, and the writer never changes it.
   */
  private volatile AtomicCounter[] cells;

  /**
   * Counters in memory of this process only.
   *
   * @param name the endpoint's name, for reports
   */
  public EndpointCounters(String name) {
    this(name, inMemoryCells());
  }

  /** Counters over {@code cells}, indexed by {@link Counter#ordinal()}. */
  EndpointCounters(String name, AtomicCounter[] cells) {
    if (cells.length != ALL.length) {
      throw new IllegalArgumentException("one cell per counter: " + ALL.length + ", not " + cells.length);
    }
    this.name = name;
    this.cells = cells;
  }

  /**
   * Copies the values into memory and counts there from now on: for counters whose backing is about
   * to be freed (a stopped node's Aeron counters, whose slots the driver reuses), so that whoever
   * holds this object still reads the node's last values, not another counter's. Call only when
   * the writer has stopped.
   */
  void moveToMemory() {
    AtomicCounter[] from = cells;
    AtomicCounter[] to = inMemoryCells();
    for (int i = 0; i < to.length; i++) {
      to[i].setRelease(from[i].get());
    }
    cells = to;
  }

  /**
   * Cells laid out like Aeron's values buffer (one per {@link CountersReader#COUNTER_LENGTH}, two
   * cache lines): counters of one endpoint are written by one thread, but read by others, and the
   * padding keeps those reads from stealing the writer's cache line for its neighbours.
   */
  private static AtomicCounter[] inMemoryCells() {
    AtomicBuffer values = new UnsafeBuffer(
        BufferUtil.allocateDirectAligned(ALL.length * CountersReader.COUNTER_LENGTH, CountersReader.COUNTER_LENGTH));
    AtomicCounter[] cells = new AtomicCounter[ALL.length];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = new AtomicCounter(values, i);
    }
    return cells;
  }

  /** @return the endpoint's name, for reports */
  public String name() {
    return name;
  }

  /**
   * Adds one; owner thread only.
   *
   * @param counter which counter
   */
  public void increment(Counter counter) {
    cells[counter.ordinal()].incrementRelease();
  }

  /**
   * Adds {@code delta}; owner thread only.
   *
   * @param counter which counter
   * @param delta how much to add
   */
  public void add(Counter counter, long delta) {
    cells[counter.ordinal()].getAndAddRelease(delta);
  }

  /**
   * The current value; any thread.
   *
   * @param counter which counter
   * @return its value
   */
  public long get(Counter counter) {
    return cells[counter.ordinal()].get();
  }

  /** @return a copy of every counter's current value, read one by one (not atomically as a whole) */
  public CountersSnapshot snapshot() {
    long[] copy = new long[ALL.length];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = cells[i].get();
    }
    return new CountersSnapshot(name, copy);
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }
}
