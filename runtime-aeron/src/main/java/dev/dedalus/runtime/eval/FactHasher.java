package dev.dedalus.runtime.eval;

/**
 * Hash and equality of one relation's facts, generated per relation: by value, column by column,
 * with {@code byte[]} compared by content (which a record's own {@code equals} does not do).
 *
 * @param <T> the relation's record type
 */
public interface FactHasher<T> {
  /**
   * Hashes a fact by value; facts {@link #same} hash alike.
   *
   * @param fact the fact; not null
   * @return its hash
   */
  int hash(T fact);

  /**
   * Whether two facts are equal, column by column.
   *
   * @param a a fact; not null
   * @param b another fact; not null
   * @return true if every column of {@code a} equals the same column of {@code b}
   */
  boolean same(T a, T b);
}
