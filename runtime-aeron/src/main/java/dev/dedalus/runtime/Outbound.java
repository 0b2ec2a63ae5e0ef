package dev.dedalus.runtime;

import dev.dedalus.Location;

/**
 * Where a stage's asynchronous heads go: the runtime batches them per destination and sends them
 * once the tick is over. {@code @Output} facts go to clients the same way, as clients have
 * locations too.
 */
public interface Outbound {
  /**
   * Sends one fact of an asynchronous head; it leaves after the tick, with the tick's other sends.
   *
   * @param destination the node or client the fact goes to
   * @param codec the relation's codec
   * @param fact the fact
   * @param <T> the relation's record type
   */
  <T> void send(Location destination, RelationCodec<T> codec, T fact);
}
