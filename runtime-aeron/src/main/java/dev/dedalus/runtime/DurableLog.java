package dev.dedalus.runtime;

import dev.dedalus.runtime.wire.FactConsumer;

/**
 * A node's durable relations on stable storage: the {@link Journal} a stage appends to, plus what
 * the runtime needs around it. The runtime {@linkplain #recover recovers} once, before the node's
 * first tick, then {@linkplain #commit commits} after every tick that appended, before that tick's
 * sends leave. Single-threaded: used from the thread that runs the node.
 */
public interface DurableLog extends Journal, AutoCloseable {

  /**
   * Makes every fact appended since the last commit durable, as this log's sync level promises,
   * as one batch.
   *
   * @return the number of facts committed (0 if nothing was appended)
   */
  int commit();

  /**
   * Delivers to {@code sink} ({@code Stage::restore}) every fact that the committed batches leave
   * in their relations: appended, and not erased by a later batch (see {@link RecoveredFacts}).
   *
   * @param sink receives each recovered fact, with its relation id
   * @throws DurableStateException if what is stored cannot be read back whole and unchanged
   */
  void recover(FactConsumer sink);

  /** Releases the log's files and its directory lock. */
  @Override
  void close();
}
