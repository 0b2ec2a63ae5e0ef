package dev.dedalus.runtime.aeron;

import dev.dedalus.Location;

/**
 * Every location on {@code aeron:ipc}, one stream per location: stream id = base + location id.
 * All senders in the process share one publication per stream, so a destination has one log
 * buffer however many nodes write to it.
 */
public final class IpcChannelMap implements ChannelMap {
  /** Keeps Dedalus streams clear of the small ids samples and tools tend to use. */
  public static final int DEFAULT_STREAM_BASE = 10_000;

  private static final String CHANNEL = "aeron:ipc";

  private final int streamBase;

  /**
   * A map that gives location {@code id} stream {@code streamBase + id}; locations whose stream id
   * would pass {@link Integer#MAX_VALUE}, and ids below 1, have no endpoint.
   *
   * @param streamBase added to a location's id to make its stream id
   * @throws IllegalArgumentException if {@code streamBase} is negative
   */
  public IpcChannelMap(int streamBase) {
    if (streamBase < 0) {
      throw new IllegalArgumentException("stream base must not be negative: " + streamBase);
    }
    this.streamBase = streamBase;
  }

  @Override
  public Endpoint endpointOf(Location location) {
    long id = location.id();
    if (id <= 0 || id > Integer.MAX_VALUE - (long) streamBase) {
      return null;
    }
    return new Endpoint(CHANNEL, streamBase + (int) id);
  }

  @Override
  public String toString() {
    return "ipc(streamBase=" + streamBase + ")";
  }
}
