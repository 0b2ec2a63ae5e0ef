package dev.dedalus.runtime.aeron;

import dev.dedalus.Location;
import io.aeron.Aeron;
import java.util.concurrent.ConcurrentHashMap;
import org.agrona.CloseHelper;

/**
 * The process's shared publications, one per destination location, created on first use. Thread
 * safe: stage agents and clients on any thread look up the same instance.
 */
public final class PublicationRegistry implements AutoCloseable {
  private final Aeron aeron;
  private final ChannelMap channels;
  private final ConcurrentHashMap<Long, SharedPublication> byLocation = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * An empty registry; publications are added on first use.
   *
   * @param aeron the client the publications are added with
   * @param channels where each destination listens
   */
  public PublicationRegistry(Aeron aeron, ChannelMap channels) {
    this.aeron = aeron;
    this.channels = channels;
  }

  /** {@return the channel map that gives each destination's endpoint} */
  public ChannelMap channels() {
    return channels;
  }

  /** The publication to {@code destination}, or null if the channel map has no endpoint for it. */
  SharedPublication publicationTo(Location destination) {
    SharedPublication p = byLocation.get(destination.id());
    if (p != null) {
      return p;
    }
    ChannelMap.Endpoint endpoint = channels.endpointOf(destination);
    if (endpoint == null || closed) {
      return null;
    }
    return byLocation.computeIfAbsent(destination.id(), id -> new SharedPublication(aeron, endpoint));
  }

  /**
   * Closes and forgets {@code publication}, the one to client {@code destination}, if it is still
   * the registered one and nobody is connected to it: its client is gone. A sender that still holds
   * it sees it closed and asks for a new one.
   */
  void release(Location destination, SharedPublication publication) {
    if (publication != null && !publication.current().isConnected() && byLocation.remove(destination.id(), publication)) {
      publication.close();
    }
  }

  /** How many destinations have a publication now. */
  int size() {
    return byLocation.size();
  }

  /** Closes every publication and forgets them; afterwards no new publication is added. */
  @Override
  public void close() {
    closed = true;
    byLocation.values().forEach(CloseHelper::quietClose);
    byLocation.clear();
  }
}
