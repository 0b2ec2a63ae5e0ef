package dev.dedalus.runtime;

/**
 * Where a stage writes the changes of its {@code @Durable} relations: during {@link Stage#tick} the
 * stage appends each fact a durable relation gained and, for a relation declared
 * {@code @Durable(persist = false)}, erases each fact it lost; after the tick the runtime commits
 * the batch (see {@link DurableLog#commit()}) before any of the tick's sends leave the node. This is
 * write-ahead logging with group commit: one commit covers every change of the tick.
 */
public interface Journal {

  /** A journal that keeps nothing: durable relations then live in memory only, like {@code @Persist}. */
  Journal NONE = new Journal() {
    @Override
    public <T> void append(RelationCodec<T> codec, T fact) {
      // nothing is kept
    }

    @Override
    public <T> void erase(RelationCodec<T> codec, T fact) {
      // nothing is kept
    }
  };

  /**
   * Adds one new fact of a durable relation to the current tick's batch.
   *
   * @param codec the relation's codec, one of {@link DedalusProgram#durableRelations}
   * @param fact the fact the relation gained
   * @param <T> the relation's record type
   */
  <T> void append(RelationCodec<T> codec, T fact);

  /**
   * Records in the current tick's batch that a durable relation no longer holds {@code fact}: a
   * recovery that reads this batch drops the fact appended before it.
   *
   * @param codec the relation's codec, one of {@link DedalusProgram#durableRelations}
   * @param fact the fact the relation lost
   * @param <T> the relation's record type
   */
  <T> void erase(RelationCodec<T> codec, T fact);
}
