package dev.dedalus.runtime.aeron;

import dev.dedalus.Location;

/**
 * Where each location listens: the Aeron channel and stream a node or client subscribes to, and
 * that every sender to it publishes on. {@link IpcChannelMap} puts a whole deployment in one
 * process; {@link UdpChannelMap} spreads it over processes and hosts. Implementations are immutable
 * and thread-safe.
 */
public interface ChannelMap {

  /** An Aeron channel URI and stream id. */
  record Endpoint(String channel, int streamId) {
    @Override
    public String toString() {
      return channel + "#" + streamId;
    }
  }

  /** The endpoint of {@code location}, or null if this deployment has no channel for it. */
  Endpoint endpointOf(Location location);

  /** Everything in this process over shared memory. */
  static ChannelMap ipc() {
    return new IpcChannelMap(IpcChannelMap.DEFAULT_STREAM_BASE);
  }
}
