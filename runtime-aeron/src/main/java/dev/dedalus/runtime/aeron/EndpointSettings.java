package dev.dedalus.runtime.aeron;

import dev.dedalus.runtime.wire.FrameFormat;
import org.agrona.concurrent.EpochClock;

/**
 * How one endpoint (stage agent or client) batches, buffers and polls.
 *
 * @param maxFrameSize the largest frame in bytes; must not exceed the publications' max message
 *     length (term length / 8)
 * @param outboxCapacity frames that may wait unsent before the endpoint stops taking input
 * @param fragmentLimit fragments read per poll
 * @param clientLingerMillis how long frames to a client location may wait for it to connect
 *     before they are dropped (and counted): a client that has gone must not stall a node forever.
 *     Frames to nodes always wait.
 * @param sendTimeoutMillis how long a client's {@code send} waits for room in a full outbox
 * @param clock the time stages tick at and lingering is measured with
 */
public record EndpointSettings(
    int maxFrameSize,
    int outboxCapacity,
    int fragmentLimit,
    long clientLingerMillis,
    long sendTimeoutMillis,
    EpochClock clock) {

  public EndpointSettings {
    if (maxFrameSize < FrameFormat.MIN_MAX_FRAME_SIZE) {
      throw new IllegalArgumentException("maxFrameSize must be at least " + FrameFormat.MIN_MAX_FRAME_SIZE + ": " + maxFrameSize);
    }
    if (outboxCapacity < 1 || fragmentLimit < 1) {
      throw new IllegalArgumentException("outboxCapacity and fragmentLimit must be positive: " + outboxCapacity + ", " + fragmentLimit);
    }
    if (clientLingerMillis < 0 || sendTimeoutMillis < 0) {
      throw new IllegalArgumentException("times must not be negative");
    }
    if (clock == null) {
      throw new NullPointerException("clock");
    }
  }
}
