package dev.dedalus.runtime.eval;

/**
 * Hash and equality of one relation's facts, generated per relation: by value, column by column,
 * with {@code byte[]} compared by content (which a record's own {@code equals} does not do).
 */
public interface FactHasher<T> {
  int hash(T fact);

  boolean same(T a, T b);
}
