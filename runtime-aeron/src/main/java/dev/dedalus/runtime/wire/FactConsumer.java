package dev.dedalus.runtime.wire;

/** Receives the facts of a valid frame; {@code Stage::accept} is one. */
@FunctionalInterface
public interface FactConsumer {

  /**
   * Takes one fact.
   *
   * @param relationId the id of the fact's relation
   * @param fact the decoded fact
   * @return false if the receiver refuses facts of this relation
   */
  boolean accept(int relationId, Object fact);
}
