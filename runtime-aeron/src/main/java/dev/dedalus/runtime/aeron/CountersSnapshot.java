package dev.dedalus.runtime.aeron;

import java.util.Arrays;

/** A copy of an endpoint's counters at one moment, for reports and assertions. */
public final class CountersSnapshot {
  private final String name;
  private final long[] values;

  CountersSnapshot(String name, long[] values) {
    this.name = name;
    this.values = values;
  }

  /** {@return the name of the endpoint counted} */
  public String name() {
    return name;
  }

  /**
   * {@return the value of {@code counter} at the moment of the copy}
   *
   * @param counter the counter to read
   */
  public long get(Counter counter) {
    return values[counter.ordinal()];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CountersSnapshot other && name.equals(other.name) && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(values);
  }

  /** {@code name{framesSent=1, ...}}, listing only counters that are not zero. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name).append('{');
    String separator = "";
    for (Counter c : Counter.values()) {
      long v = values[c.ordinal()];
      if (v != 0) {
        sb.append(separator).append(c.label()).append('=').append(v);
        separator = ", ";
      }
    }
    return sb.append('}').toString();
  }
}
