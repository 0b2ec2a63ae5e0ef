package dev.dedalus.runtime.eval;

import java.util.Arrays;

/**
 * A relation's facts: a set (a duplicate is one fact) that also remembers insertion order, so that
 * the facts added since some point form a contiguous range of positions. Generated stages use
 * that range as the delta of semi-naive evaluation, within a tick's fixpoint and across ticks for
 * relations that only grow, with no copying.
 *
 * <p>A relation kept from tick to tick with erasures (a store: a relation a persist-until rule
 * carries, or the head of an aggregate maintained over one) {@link #erase erases} single facts: the
 * position then reads {@code null} until the set is {@link #compact compacted}, and loops over a
 * store skip such positions. {@link #size()} counts positions, erased ones included;
 * {@link #liveCount()} counts facts.
 *
 * <p>Positions are stable until {@link #clear()} or {@link #compact}. Indexes ({@link HashIndex})
 * registered with the set are kept up to date as facts are added and erased, and are cleared
 * with it. Clearing costs time proportional to the number of positions, not to the capacity, so a
 * relation refilled every tick stays cheap. Not thread-safe: a stage owns its sets.
 *
 * @param <T> the relation's record type
 */
public final class FactSet<T> {
  private static final int MIN_CAPACITY = 16;
  /** Compaction waits for this many erased positions, so small stores do not compact every tick. */
  private static final int MIN_DEAD_TO_COMPACT = 64;

  private final FactHasher<T> hasher;
  private Object[] facts;
  private int[] hashes;
  /** Open addressing: position + 1 per slot, 0 when empty. */
  private int[] table;
  /** The table slot of each live position, so that clear() touches only used slots. */
  private int[] slotOf;
  private int size;
  private int live;
  private HashIndex<T>[] indexes;

  /**
   * Makes an empty set with no index.
   *
   * @param hasher hashes and compares the relation's facts
   */
  @SuppressWarnings("unchecked")
  public FactSet(FactHasher<T> hasher) {
    this.hasher = hasher;
    this.facts = new Object[MIN_CAPACITY];
    this.hashes = new int[MIN_CAPACITY];
    this.slotOf = new int[MIN_CAPACITY];
    this.table = new int[MIN_CAPACITY * 2];
    this.indexes = new HashIndex[0];
  }

  /**
   * Registers an index on this set; it covers the facts already present, and the set keeps it up to
   * date from now on.
   *
   * @param keyHasher hashes the index's key columns of a fact
   * @return the new index
   */
  public HashIndex<T> index(KeyHasher<T> keyHasher) {
    HashIndex<T> index = new HashIndex<>(keyHasher, facts.length);
    for (int p = 0; p < size; p++) {
      if (facts[p] != null) {
        index.added(p, get(p), facts.length);
      }
    }
    indexes = Arrays.copyOf(indexes, indexes.length + 1);
    indexes[indexes.length - 1] = index;
    return index;
  }

  /** {@return the number of positions used: facts and erased positions} Loops run from 0 to it. */
  public int size() {
    return size;
  }

  /** {@return the number of facts held} */
  public int liveCount() {
    return live;
  }

  /** {@return whether the set holds no fact} Erased positions do not count. */
  public boolean isEmpty() {
    return live == 0;
  }

  /**
   * The fact at {@code position}, or null if it was erased.
   *
   * @param position a position below {@link #size()}; not checked beyond the storage's bounds
   * @return the fact, or null
   */
  @SuppressWarnings("unchecked")
  public T get(int position) {
    return (T) facts[position];
  }

  /**
   * Adds a fact at the next position, and to every index.
   *
   * @param fact the fact; not null
   * @return true if it was added, false if an equal fact is already present
   */
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
    live++;
    facts[p] = fact;
    hashes[p] = h;
    slotOf[p] = slot;
    table[slot] = p + 1;
    for (HashIndex<T> index : indexes) {
      index.added(p, fact, facts.length);
    }
    return true;
  }

  /**
   * Whether the set holds a fact equal to {@code fact}.
   *
   * @param fact the fact to look for; not null
   * @return true if an equal fact is held (not erased)
   */
  public boolean contains(T fact) {
    return positionOf(fact) >= 0;
  }

  /**
   * The position of a fact equal to {@code fact}, or -1.
   *
   * @param fact the fact to look for; not null
   * @return its position, or -1 if no equal fact is held
   */
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

  /**
   * Erases the fact at {@code position}; returns false if it was already erased. The position reads
   * null from now on, and an equal fact may be added again (at a new position).
   *
   * @param position a position below {@link #size()}
   * @return true if a fact was erased
   */
  public boolean erase(int position) {
    if (facts[position] == null) {
      return false;
    }
    removeSlot(slotOf[position]);
    for (HashIndex<T> index : indexes) {
      index.removed(position);
    }
    facts[position] = null;
    live--;
    return true;
  }

  /**
   * Erases the fact equal to {@code fact}, as {@link #erase(int)} does at its position.
   *
   * @param fact the fact to erase; not null
   * @return true if one was erased, false if there is none
   */
  public boolean erase(T fact) {
    int p = positionOf(fact);
    return p >= 0 && erase(p);
  }

  /** Empties a slot of the linear-probing table, moving back later entries of its run (no tombstones). */
  private void removeSlot(int slot) {
    int mask = table.length - 1;
    int hole = slot;
    table[hole] = 0;
    for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
      int q = table[j] - 1;
      int home = hashes[q] & mask;
      // The entry at j may move into the hole unless its home lies cyclically in (hole, j].
      boolean homeBetween = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
      if (!homeBetween) {
        table[hole] = table[j];
        slotOf[q] = hole;
        table[j] = 0;
        hole = j;
      }
    }
  }

  /**
   * Adds every fact of {@code other}, in its position order.
   *
   * @param other the set to add from; unchanged
   * @return how many were new
   */
  public int addAll(FactSet<T> other) {
    int added = 0;
    for (int p = 0; p < other.size; p++) {
      T fact = other.get(p);
      if (fact != null && add(fact)) {
        added++;
      }
    }
    return added;
  }

  /** Removes every fact, and empties the indexes, in time proportional to the number of positions. */
  public void clear() {
    for (int p = 0; p < size; p++) {
      if (facts[p] != null) {
        table[slotOf[p]] = 0;
        facts[p] = null;
      }
    }
    for (HashIndex<T> index : indexes) {
      index.clear(size);
    }
    size = 0;
    live = 0;
  }

  /**
   * Replaces this set's facts with those of {@code other} and leaves {@code other} empty, by swapping
   * their storage rather than copying facts: a relation rebuilt every tick (a {@code :+} rule that is
   * not a plain carry) moves its next tick's facts in at the cost of re-indexing them only. Each set
   * keeps its own indexes, rebuilt over its new facts.
   *
   * @param other the set whose facts move here; left empty, with its positions reset
   */
  public void takeFrom(FactSet<T> other) {
    clear();
    other.clearIndexes();
    Object[] f = facts;
    facts = other.facts;
    other.facts = f;
    int[] h = hashes;
    hashes = other.hashes;
    other.hashes = h;
    int[] t = table;
    table = other.table;
    other.table = t;
    int[] s = slotOf;
    slotOf = other.slotOf;
    other.slotOf = s;
    size = other.size;
    live = other.live;
    other.size = 0;
    other.live = 0;
    for (HashIndex<T> index : indexes) {
      index.reindex(this, facts.length);
    }
    for (HashIndex<T> index : other.indexes) {
      index.reindex(other, other.facts.length);
    }
  }

  private void clearIndexes() {
    for (HashIndex<T> index : indexes) {
      index.clear(size);
    }
  }

  /**
   * Whether enough positions are erased that {@link #compact} should run: more erased than live,
   * and at least 64.
   *
   * @return true if compaction is due
   */
  public boolean shouldCompact() {
    int dead = size - live;
    return dead >= MIN_DEAD_TO_COMPACT && dead > live;
  }

  /**
   * Moves the facts down over erased positions, keeping their order, and rebuilds the table and
   * indexes. Each entry of {@code marks} is a position (a watermark: "facts before here were
   * seen"); it becomes the number of facts that were before it, so it still separates the same facts.
   * A mark at or past {@link #size()} becomes the new size.
   *
   * @param marks watermarks to move with the facts, updated in place; may be empty
   */
  public void compact(int[] marks) {
    clearIndexes();
    // Empty the table slot by slot (time follows the facts, not the capacity), then refill it.
    for (int p = 0; p < size; p++) {
      if (facts[p] != null) {
        table[slotOf[p]] = 0;
      }
    }
    int w = 0;
    for (int p = 0; p < size; p++) {
      for (int k = 0; k < marks.length; k++) {
        if (marks[k] == p) {
          marks[k] = -1 - w; // moved: negative until every mark is done, so a later position cannot match it
        }
      }
      if (facts[p] != null) {
        facts[w] = facts[p];
        hashes[w] = hashes[p];
        w++;
      }
    }
    for (int k = 0; k < marks.length; k++) {
      marks[k] = marks[k] < 0 ? -1 - marks[k] : w;
    }
    Arrays.fill(facts, w, size, null);
    size = w;
    live = w;
    int mask = table.length - 1;
    for (int p = 0; p < size; p++) {
      int slot = hashes[p] & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = p + 1;
      slotOf[p] = slot;
    }
    for (HashIndex<T> index : indexes) {
      index.reindex(this, facts.length);
    }
  }

  /**
   * Whether both sets hold the same facts, in whatever positions.
   *
   * @param other the set to compare with; it must hash and compare facts as this one does
   * @return true if they hold equal facts
   */
  public boolean sameFactsAs(FactSet<T> other) {
    if (other.live != live) {
      return false;
    }
    for (int p = 0; p < size; p++) {
      T fact = get(p);
      if (fact != null && !other.contains(fact)) {
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
    table = OpenTable.rebuild(hashes, facts, size, slotOf, capacity);
    for (HashIndex<T> index : indexes) {
      index.rebuild(this, capacity);
    }
  }
}
