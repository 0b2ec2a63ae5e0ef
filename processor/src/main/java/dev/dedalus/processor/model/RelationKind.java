package dev.dedalus.processor.model;

/** Where a relation's facts come from, and whether they last. */
public enum RelationKind {
  /** Sent in by clients. */
  INPUT,
  /** Sent out to clients. */
  OUTPUT,
  /** Given at deployment; hold in every tick. */
  CONFIG,
  /** Periodic input fired by the runtime's clock. */
  TIMER,
  /** Carried from tick to tick. */
  PERSIST,
  /**
   * Kept on disk across restarts. Persisted as well ({@link #PERSIST}) unless declared
   * {@code @Durable(persist = false)}: then it holds what its {@code :+} rules carry.
   */
  DURABLE
}
