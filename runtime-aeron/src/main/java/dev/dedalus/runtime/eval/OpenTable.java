package dev.dedalus.runtime.eval;

/**
 * The open-addressing table that {@link FactSet} and {@link SentFacts} share: slot i holds position
 * + 1 of an entry, or 0 when empty, and lookups probe linearly from the entry's hash.
 */
final class OpenTable {
  private OpenTable() {}

  /**
   * A new table of {@code 2 * capacity} slots holding entries 0 .. size-1 by their hashes, but for
   * erased ones (null in {@code entries}); records each entry's slot in {@code slotOf}, so that
   * clearing touches only used slots.
   */
  static int[] rebuild(int[] hashes, Object[] entries, int size, int[] slotOf, int capacity) {
    int[] table = new int[capacity * 2];
    int mask = table.length - 1;
    for (int p = 0; p < size; p++) {
      if (entries[p] == null) {
        continue;
      }
      int slot = hashes[p] & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = p + 1;
      slotOf[p] = slot;
    }
    return table;
  }
}
