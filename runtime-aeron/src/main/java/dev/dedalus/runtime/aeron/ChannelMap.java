package dev.dedalus.runtime.aeron;

import dev.dedalus.Location;

/**
 * Where each location listens: the Aeron channel and stream a node or client subscribes to, and
 * that every sender to it publishes on. {@link IpcChannelMap} puts a whole deployment in one
 * process; {@link UdpChannelMap} spreads it over processes and hosts. Implementations are immutable
 * and thread-safe.
 */
public interface ChannelMap {

  /**
   * An Aeron channel URI and stream id.
   *
   * @param channel the channel URI, e.g. {@code aeron:ipc} or {@code aeron:udp?endpoint=host:port}
   * @param streamId the stream id within the channel
   */
  record Endpoint(String channel, int streamId) {
    @Override
    public String toString() {
      return channel + "#" + streamId;
    }
  }

  /**
   * {@return the endpoint of {@code location}, or null if this deployment has no channel for it}
   *
   * @param location a node's or a client's location
   */
  Endpoint endpointOf(Location location);

  /**
   * {@return everything in this process over shared memory} An {@link IpcChannelMap} from
   * {@link IpcChannelMap#DEFAULT_STREAM_BASE}.
   */
  static ChannelMap ipc() {
    return new IpcChannelMap(IpcChannelMap.DEFAULT_STREAM_BASE);
  }
}
