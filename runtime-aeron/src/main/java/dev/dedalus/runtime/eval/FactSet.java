package dev.dedalus.runtime.eval;

import java.util.Arrays;

/**
 * A relation's facts: a set (a duplicate is one fact) that also remembers insertion order, so that
 * the facts added since some point form a contiguous range of positions. Generated stages use
 * that range as the delta of semi-naive evaluation, within a tick's fixpoint and across ticks for
 * relations that only grow, with no copying.
 *
 * <p>Positions are stable until {@link #clear()}. Indexes ({@link HashIndex}) registered with the
 * set are kept up to date as facts are added and are cleared with it. Clearing costs time
 * proportional to the number of facts, not to the capacity, so a relation refilled every tick
 * stays cheap. Not thread-safe: a stage owns its sets.
 *
 * @param <T> the relation's record type
 */
public final class FactSet<T> {
  private static final int MIN_CAPACITY = 16;

  private final FactHasher<T> hasher;
  private Object[] facts;
  private int[] hashes;
  /** Open addressing: position + 1 per slot, 0 when empty. */
  private int[] table;
  /** The table slot of each position, so that clear() touches only used slots. */
  private int[] slotOf;
  private int size;
  private HashIndex<T>[] indexes;

  @SuppressWarnings("unchecked")
  public FactSet(FactHasher<T> hasher) {
    this.hasher = hasher;
    this.facts = new Object[MIN_CAPACITY];
    this.hashes = new int[MIN_CAPACITY];
    this.slotOf = new int[MIN_CAPACITY];
    this.table = new int[MIN_CAPACITY * 2];
    this.indexes = new HashIndex[0];
  }

  /** Registers an index on this set; it covers the facts already present. */
  public HashIndex<T> index(KeyHasher<T> keyHasher) {
    HashIndex<T> index = new HashIndex<>(keyHasher, facts.length);
    for (int p = 0; p < size; p++) {
      index.added(p, get(p), facts.length);
    }
    indexes = Arrays.copyOf(indexes, indexes.length + 1);
    indexes[indexes.length - 1] = index;
    return index;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  @SuppressWarnings("unchecked")
  public T get(int position) {
    return (T) facts[position];
  }

  /** Adds a fact; returns false if an equal fact is already present. */
  public boolean add(T fact) {
    int h = hasher.hash(fact);
    int mask = table.length - 1;
    int slot = h & mask;
    while (true) {
      int entry = table[slot];
      if (entry == 0) {
        break;
      }
      int p = entry - 1;
      if (hashes[p] == h && hasher.same(get(p), fact)) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    if (size == facts.length) {
      grow();
      return add(fact);
    }
    int p = size++;
    facts[p] = fact;
    hashes[p] = h;
    slotOf[p] = slot;
    table[slot] = p + 1;
    for (HashIndex<T> index : indexes) {
      index.added(p, fact, facts.length);
    }
    return true;
  }

  public boolean contains(T fact) {
    return positionOf(fact) >= 0;
  }

  /** The position of a fact equal to {@code fact}, or -1. */
  public int positionOf(T fact) {
    int h = hasher.hash(fact);
    int mask = table.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == 0) {
        return -1;
      }
      int p = entry - 1;
      if (hashes[p] == h && hasher.same(get(p), fact)) {
        return p;
      }
    }
  }

  /** Adds every fact of {@code other}; returns how many were new. */
  public int addAll(FactSet<T> other) {
    int added = 0;
    for (int p = 0; p < other.size; p++) {
      if (add(other.get(p))) {
        added++;
      }
    }
    return added;
  }

  /** Removes every fact, in time proportional to the number of facts. */
  public void clear() {
    for (int p = 0; p < size; p++) {
      table[slotOf[p]] = 0;
      facts[p] = null;
    }
    for (HashIndex<T> index : indexes) {
      index.clear(size);
    }
    size = 0;
  }

  /** Whether both sets hold the same facts. */
  public boolean sameFactsAs(FactSet<T> other) {
    if (other.size != size) {
      return false;
    }
    for (int p = 0; p < size; p++) {
      if (!other.contains(get(p))) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    int capacity = facts.length * 2;
    facts = Arrays.copyOf(facts, capacity);
    hashes = Arrays.copyOf(hashes, capacity);
    slotOf = Arrays.copyOf(slotOf, capacity);
    table = OpenTable.rebuild(hashes, size, slotOf, capacity);
    for (HashIndex<T> index : indexes) {
      index.rebuild(this, capacity);
    }
  }
}
