package dev.dedalus.runtime.aeron;

/** Receives the facts a client is sent, e.g. a program's {@code @Output} facts. */
@FunctionalInterface
public interface FactHandler {
  /**
   * Takes one fact, on the thread that polls the client.
   *
   * @param relationId the id of the fact's relation, unique within the program
   *     ({@link dev.dedalus.runtime.RelationCodec#relationId()})
   * @param fact the fact, an instance of the relation's record type
   */
  void onFact(int relationId, Object fact);
}
