package dev.dedalus.runtime;

import dev.dedalus.Location;

/**
 * Where a stage's asynchronous heads go: the runtime batches them per destination and sends them
 * once the tick is over. {@code @Output} facts go to clients the same way, as clients have
 * locations too.
 */
public interface Outbound {
  <T> void send(Location destination, RelationCodec<T> codec, T fact);
}
