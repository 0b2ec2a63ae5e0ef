package dev.dedalus.protocols.load;

import dev.dedalus.Location;

/** Told of every answered request as the client sees it; called on the client's driver thread. */
@FunctionalInterface
public interface ReplyListener {
  /** Hears nothing. */
  ReplyListener NONE = (client, id, outcome) -> { };

  /** Request {@code id} of {@code client} was answered with {@code outcome} (one of the workload's outcomes). */
  void answered(Location client, long id, String outcome);

  /** Request {@code id} of {@code client} was sent for the first time, at {@code nanos} (System.nanoTime). */
  default void called(Location client, long id, Object request, long nanos) {}

  /** Request {@code id} of {@code client} got its answer {@code reply} at {@code nanos} (System.nanoTime). */
  default void returned(Location client, long id, Object reply, long nanos) {}
}
