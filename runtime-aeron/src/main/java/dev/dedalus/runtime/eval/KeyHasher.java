package dev.dedalus.runtime.eval;

/** The hash of the key columns of a fact, for one index; generated per index. */
@FunctionalInterface
public interface KeyHasher<T> {
  int hash(T fact);
}
