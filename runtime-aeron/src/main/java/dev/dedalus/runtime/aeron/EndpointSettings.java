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
 * @param clientLingerMillis how long frames to a node that is not connected (a stopped node, about
 *     to restart) wait before they are dropped and counted (the name is older than this use)
 * @param clientConnectWaitMillis how long frames to a client location that is not connected (a
 *     client that left, or an address nobody listens on) wait for it, that destination alone, before
 *     they are dropped and counted; meanwhile they do not hold up the endpoint's input. Aeron's
 *     first-message race lasts milliseconds, so {@link #DEFAULT_CLIENT_CONNECT_WAIT_MILLIS} is ample.
 * @param sendTimeoutMillis how long a client's {@code send} waits for room in a full outbox
 * @param clock the time stages tick at and lingering is measured with
 */
public record EndpointSettings(
    int maxFrameSize,
    int outboxCapacity,
    int fragmentLimit,
    long clientLingerMillis,
    long clientConnectWaitMillis,
    long sendTimeoutMillis,
    EpochClock clock) {

  /** A second: far longer than a connecting client takes, far shorter than a node's linger. */
  public static final long DEFAULT_CLIENT_CONNECT_WAIT_MILLIS = 1_000;

  /**
   * Checks the settings; the components are described on the record.
   *
   * @param maxFrameSize the largest frame in bytes
   * @param outboxCapacity frames that may wait unsent
   * @param fragmentLimit fragments read per poll
   * @param clientLingerMillis how long frames to an unconnected node wait
   * @param clientConnectWaitMillis how long frames to an unconnected client wait
   * @param sendTimeoutMillis how long a client's {@code send} waits for room
   * @param clock the time stages tick at
   * @throws IllegalArgumentException if {@code maxFrameSize} is below
   *     {@link FrameFormat#MIN_MAX_FRAME_SIZE}, {@code outboxCapacity} or {@code fragmentLimit} is not
   *     positive, or a time is negative
   * @throws NullPointerException if {@code clock} is null
   */
  public EndpointSettings {
    if (maxFrameSize < FrameFormat.MIN_MAX_FRAME_SIZE) {
      throw new IllegalArgumentException("maxFrameSize must be at least " + FrameFormat.MIN_MAX_FRAME_SIZE + ": " + maxFrameSize);
    }
    if (outboxCapacity < 1 || fragmentLimit < 1) {
      throw new IllegalArgumentException("outboxCapacity and fragmentLimit must be positive: " + outboxCapacity + ", " + fragmentLimit);
    }
    if (clientLingerMillis < 0 || clientConnectWaitMillis < 0 || sendTimeoutMillis < 0) {
      throw new IllegalArgumentException("times must not be negative");
    }
    if (clock == null) {
      throw new NullPointerException("clock");
    }
  }
}
