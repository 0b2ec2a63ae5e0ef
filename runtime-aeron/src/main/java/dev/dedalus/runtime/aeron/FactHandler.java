package dev.dedalus.runtime.aeron;

/** Receives the facts a client is sent, e.g. a program's {@code @Output} facts. */
@FunctionalInterface
public interface FactHandler {
  void onFact(int relationId, Object fact);
}
