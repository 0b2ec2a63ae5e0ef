package dev.dedalus.runtime.aeron;

import io.aeron.Aeron;
import io.aeron.Publication;
import org.agrona.CloseHelper;

/**
 * The one publication every sender in the process uses for a destination. Aeron publications from
 * {@code addPublication} are safe for concurrent offers; this holder adds replacement when a stream
 * reaches its maximum position, visible to every sender.
 */
final class SharedPublication implements AutoCloseable {
  private final Aeron aeron;
  private final ChannelMap.Endpoint endpoint;
  private volatile Publication current;
  private volatile boolean closed;

  SharedPublication(Aeron aeron, ChannelMap.Endpoint endpoint) {
    this.aeron = aeron;
    this.endpoint = endpoint;
    this.current = aeron.addPublication(endpoint.channel(), endpoint.streamId());
  }

  Publication current() {
    return current;
  }

  ChannelMap.Endpoint endpoint() {
    return endpoint;
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Replaces {@code seen} after MAX_POSITION_EXCEEDED. Several senders may see it at once; only
   * the first replaces, the others find a new publication already in place.
   */
  synchronized void recreate(Publication seen) {
    if (closed || current != seen) {
      return;
    }
    current = aeron.addPublication(endpoint.channel(), endpoint.streamId());
    CloseHelper.quietClose(seen);
  }

  @Override
  public synchronized void close() {
    closed = true;
    CloseHelper.quietClose(current);
  }
}
