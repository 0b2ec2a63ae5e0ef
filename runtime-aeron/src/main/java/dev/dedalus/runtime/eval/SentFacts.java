package dev.dedalus.runtime.eval;

import dev.dedalus.Location;
import java.util.Arrays;

/**
 * The facts of one relation a stage has sent in the current tick, with their destinations: a tick's
 * asynchronous heads are a set, so a fact two derivations give is sent once. Generated stages use
 * it only for rules that can derive one head twice in a tick (a body variable the head drops, or two
 * rules sending one relation); it holds references only, so adding allocates nothing once the table
 * has grown, and {@link #clear()} costs time proportional to the facts added, not to the capacity.
 * Not thread-safe: a stage owns its sets.
 *
 * @param <T> the relation's record type
 */
public final class SentFacts<T> {
  private static final int MIN_CAPACITY = 16;

  private final FactHasher<T> hasher;
  private Location[] destinations = new Location[MIN_CAPACITY];
  private Object[] facts = new Object[MIN_CAPACITY];
  private int[] hashes = new int[MIN_CAPACITY];
  /** Open addressing: position + 1 per slot, 0 when empty. */
  private int[] table = new int[MIN_CAPACITY * 2];
  private int[] slotOf = new int[MIN_CAPACITY];
  private int size;

  /**
   * Makes an empty set.
   *
   * @param hasher hashes and compares the relation's facts
   */
  public SentFacts(FactHasher<T> hasher) {
    this.hasher = hasher;
  }

  /** {@return how many (destination, fact) pairs were added since the last clear} */
  public int size() {
    return size;
  }

  /**
   * Records that {@code fact} goes to {@code destination}.
   *
   * @param destination where the fact is sent; not null
   * @param fact the fact; not null
   * @return true if the pair is new, false if this fact already went there this tick
   */
  public boolean add(Location destination, T fact) {
    int h = mix(destination.id(), hasher.hash(fact));
    int mask = table.length - 1;
    int slot = h & mask;
    while (true) {
      int entry = table[slot];
      if (entry == 0) {
        break;
      }
      int p = entry - 1;
      if (hashes[p] == h && destinations[p].equals(destination) && hasher.same(fact(p), fact)) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    if (size == facts.length) {
      grow();
      return add(destination, fact);
    }
    destinations[size] = destination;
    facts[size] = fact;
    hashes[size] = h;
    slotOf[size] = slot;
    table[slot] = ++size;
    return true;
  }

  /** Forgets every fact: the next tick starts empty. */
  public void clear() {
    for (int p = 0; p < size; p++) {
      table[slotOf[p]] = 0;
      destinations[p] = null;
      facts[p] = null;
    }
    size = 0;
  }

  @SuppressWarnings("unchecked")
  private T fact(int p) {
    return (T) facts[p];
  }

  private void grow() {
    int capacity = facts.length * 2;
    destinations = Arrays.copyOf(destinations, capacity);
    facts = Arrays.copyOf(facts, capacity);
    hashes = Arrays.copyOf(hashes, capacity);
    slotOf = Arrays.copyOf(slotOf, capacity);
    table = OpenTable.rebuild(hashes, facts, size, slotOf, capacity);
  }

  private static int mix(long destination, int factHash) {
    long h = destination * 0x9E3779B97F4A7C15L + factHash;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) h;
  }
}
