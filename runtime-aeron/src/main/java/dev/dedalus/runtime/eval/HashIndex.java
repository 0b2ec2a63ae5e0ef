package dev.dedalus.runtime.eval;

import java.util.Arrays;

/**
 * A hash index of a {@link FactSet} on some key columns, chosen at compile time for a join that
 * probes them. It maps a key hash to the chain of positions whose keys hash alike; the generated
 * probe loop walks the chain, skips positions whose stored hash differs, and compares the key
 * columns itself, so a probe allocates nothing:
 *
 * <pre>{@code
 * int h = ...; // hash of the probe key
 * for (int p = index.first(h); p >= 0; p = index.next(p)) {
 *   if (index.hashAt(p) != h) continue;
 *   Fact f = facts.get(p);
 *   if (!(f.id() == id && f.client().equals(client))) continue;
 *   ...
 * }
 * }</pre>
 *
 * <p>Made by {@link FactSet#index}, which keeps it up to date; not thread-safe.
 *
 * @param <T> the relation's record type
 */
public final class HashIndex<T> {
  private final KeyHasher<T> keyHasher;
  /** Bucket heads: position + 1, 0 when empty. */
  private int[] heads;
  /** Next position + 1 in the chain, per position. */
  private int[] next;
  /**
   * Previous position + 1 in the chain, 0 at its head: an erased fact leaves its chain in constant
   * time, so probes never walk past facts that are gone (a key many erased facts shared would
   * otherwise make every probe of it slower).
   */
  private int[] prev;
  private int[] keyHashes;

  HashIndex(KeyHasher<T> keyHasher, int capacity) {
    this.keyHasher = keyHasher;
    this.heads = new int[capacity * 2];
    this.next = new int[capacity];
    this.prev = new int[capacity];
    this.keyHashes = new int[capacity];
  }

  /**
   * The first position of the chain for {@code hash}, or -1. Chains list newer positions first.
   *
   * @param hash the probe key's hash, computed as the index's {@link KeyHasher} computes it
   * @return the first position, or -1 if the chain is empty
   */
  public int first(int hash) {
    return heads[hash & (heads.length - 1)] - 1;
  }

  /**
   * The position after {@code position} in its chain, or -1.
   *
   * @param position a position of the chain, from {@link #first} or {@code next}
   * @return the next position, or -1 at the chain's end
   */
  public int next(int position) {
    return next[position] - 1;
  }

  /**
   * The key hash of the fact at {@code position}; positions of one chain may differ in it.
   *
   * @param position a position of a chain
   * @return the fact's key hash
   */
  public int hashAt(int position) {
    return keyHashes[position];
  }

  void added(int position, T fact, int capacity) {
    if (capacity > next.length) {
      next = Arrays.copyOf(next, capacity);
      prev = Arrays.copyOf(prev, capacity);
      keyHashes = Arrays.copyOf(keyHashes, capacity);
    }
    int h = keyHasher.hash(fact);
    keyHashes[position] = h;
    link(position, h & (heads.length - 1));
  }

  /** Puts a position at the head of a bucket's chain: chains list newer positions first, which probes of deltas like. */
  private void link(int position, int bucket) {
    int head = heads[bucket];
    next[position] = head;
    prev[position] = 0;
    if (head != 0) {
      prev[head - 1] = position + 1;
    }
    heads[bucket] = position + 1;
  }

  /** Takes an erased position out of its chain. */
  void removed(int position) {
    int after = next[position];
    int before = prev[position];
    if (before == 0) {
      heads[keyHashes[position] & (heads.length - 1)] = after;
    } else {
      next[before - 1] = after;
    }
    if (after != 0) {
      prev[after - 1] = before;
    }
    next[position] = 0;
    prev[position] = 0;
  }

  /** Unlinks positions 0 .. size-1 (their key hashes find their buckets); the index is then empty. */
  void clear(int size) {
    for (int p = 0; p < size; p++) {
      heads[keyHashes[p] & (heads.length - 1)] = 0;
      next[p] = 0;
      prev[p] = 0;
    }
  }

  /** After the set grew: new bucket heads for {@code capacity}, chains of the live positions rebuilt. */
  void rebuild(FactSet<T> set, int capacity) {
    heads = new int[capacity * 2];
    next = new int[capacity];
    prev = new int[capacity];
    keyHashes = Arrays.copyOf(keyHashes, capacity);
    for (int p = 0; p < set.size(); p++) {
      if (set.get(p) != null) {
        link(p, keyHashes[p] & (heads.length - 1));
      }
    }
  }

  /**
   * Indexes the set's facts afresh, once it is {@link #clear cleared}: after its facts moved
   * (compaction, or storage taken from another set). Keeps its arrays when they are large enough.
   */
  void reindex(FactSet<T> set, int capacity) {
    if (heads.length < capacity * 2) {
      heads = new int[capacity * 2];
    }
    for (int p = 0; p < set.size(); p++) {
      T fact = set.get(p);
      if (fact != null) {
        added(p, fact, capacity);
      }
    }
  }
}
