package dev.dedalus.processor.plan;

/** How a stage keeps a relation's facts. */
public enum Storage {
  /** Filled once from the deployment; never changes. */
  CONFIG,
  /** {@code @Persist}/{@code @Durable}: only grows; kept from tick to tick with its indexes. */
  PERSISTED,
  /** Holds for one tick: cleared at the end of every tick, then refilled by next-tick facts and deliveries. */
  TRANSIENT,
  /**
   * Kept from tick to tick, one fact erased at a time: a relation a persist-until rule carries
   * ({@link KeptCarry}), or the head of an aggregate maintained over one. Erased positions read
   * null until the store compacts.
   */
  STORE
}
