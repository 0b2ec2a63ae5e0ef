package dev.dedalus.runtime;

/**
 * Where a stage writes the facts its {@code @Durable} relations gained: during {@link Stage#tick}
 * the stage appends each new durable fact; after the tick the runtime commits the batch (see
 * {@link DurableLog#commit()}) before any of the tick's sends leave the node. This is write-ahead
 * logging with group commit: one commit covers every fact of the tick.
 */
public interface Journal {

  /** A journal that keeps nothing: durable relations then live in memory only, like {@code @Persist}. */
  Journal NONE = new Journal() {
    @Override
    public <T> void append(RelationCodec<T> codec, T fact) {
      // nothing is kept
    }
  };

  /** Adds one new fact of a durable relation to the current tick's batch. */
  <T> void append(RelationCodec<T> codec, T fact);
}
