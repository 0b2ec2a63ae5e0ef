package dev.dedalus.runtime.eval;

/**
 * The hash of the key columns of a fact, for one index; generated per index.
 *
 * @param <T> the relation's record type
 */
@FunctionalInterface
public interface KeyHasher<T> {
  /**
   * Hashes the fact's key columns; a probe hashes its key the same way.
   *
   * @param fact the fact; not null
   * @return the hash of its key columns
   */
  int hash(T fact);
}
