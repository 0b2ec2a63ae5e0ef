package dev.dedalus.runtime.eval;

import java.util.TreeMap;

/**
 * A multiset of ordered values: how many times each value is held, with its least and greatest.
 * A {@code min} or {@code max} aggregate maintained over a relation with erasures keeps one per
 * group, so that erasing the current minimum finds the next one in logarithmic time rather than by
 * re-reading the group. Not thread-safe: a stage owns it.
 *
 * @param <V> the aggregated values' type, ordered as the generated code compares them
 */
public final class OrderedCounts<V extends Comparable<? super V>> {
  private final TreeMap<V, long[]> counts = new TreeMap<>();

  /**
   * Holds {@code value} once more.
   *
   * @param value the value; not null
   */
  public void add(V value) {
    counts.computeIfAbsent(value, v -> new long[1])[0]++;
  }

  /**
   * Holds {@code value} once less.
   *
   * @param value the value
   * @throws IllegalStateException if the value is not held: the caller's bookkeeping is wrong
   */
  public void remove(V value) {
    long[] count = counts.get(value);
    if (count == null) {
      throw new IllegalStateException("removes " + value + ", which is not held");
    }
    if (--count[0] == 0) {
      counts.remove(value);
    }
  }

  /** {@return whether no value is held} */
  public boolean isEmpty() {
    return counts.isEmpty();
  }

  /**
   * {@return the least value held}
   *
   * @throws java.util.NoSuchElementException if none is held
   */
  public V min() {
    return counts.firstKey();
  }

  /**
   * {@return the greatest value held}
   *
   * @throws java.util.NoSuchElementException if none is held
   */
  public V max() {
    return counts.lastKey();
  }
}
