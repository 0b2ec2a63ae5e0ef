package dev.dedalus.runtime.aeron;

import dev.dedalus.Location;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.wire.FrameSink;
import io.aeron.Publication;
import java.util.ArrayDeque;
import java.util.ArrayList;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An endpoint's send side: offers each finished frame at once and keeps the ones Aeron cannot
 * take yet, as copies in pooled buffers, to retry on later duty cycles. Frames to one destination
 * leave in order; a destination that is back-pressured or not yet connected does not hold up the
 * others.
 *
 * <p>Every offer result is handled: BACK_PRESSURED and ADMIN_ACTION retry later (counted);
 * MAX_POSITION_EXCEEDED recreates the publication and retries; CLOSED drops and counts unless the
 * publication was replaced. NOT_CONNECTED retries until the subscriber appears, so no first message
 * is lost to Aeron's connect race, but only for a bounded wait measured for that destination alone:
 * a client ({@link EndpointSettings#clientConnectWaitMillis()}: one that left, or an address nobody
 * listens on) or a node ({@link EndpointSettings#clientLingerMillis()}: a stopped node, which may
 * restart) unconnected for longer has its frames dropped and counted ({@link Counter#FACTS_DROPPED}
 * and {@link Counter#FACTS_DROPPED_UNCONNECTED}). A client that stays connected but stops reading
 * back-pressures only its own stream: after the same client wait its frames are dropped and counted
 * ({@link Counter#FACTS_DROPPED_UNREAD}).
 *
 * <p>{@link #isFull()} is the back-pressure signal: the owner stops taking input while it holds.
 * Frames waiting for a client that is unconnected or back-pressured never count toward it, nor do
 * those for a node gone for {@link #GONE_AFTER_MILLIS}; instead at most a capacity's worth wait per
 * such destination, and further ones are dropped and counted. So a client that stops listening
 * never slows the node's other destinations. A single tick may still overfill the outbox, since a
 * tick's sends cannot be refused; the extra buffers are not pooled.
 *
 * <p>A client destination whose frames were dropped because it stayed unconnected is forgotten once
 * nothing waits for it, and its publication is released: addresses nobody listens on (a forged
 * reply address, a client long gone) cost no memory and no Aeron publication after their wait.
 * Single-threaded.
 */
final class Outbox implements FrameSink {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  /** How long a destination stays unconnected before it counts as gone (see {@link #isFull()}). */
  static final long GONE_AFTER_MILLIS = 1_000;

  private final String owner;
  private final PublicationRegistry registry;
  private final EndpointCounters counters;
  private final int capacity;
  private final int maxFrameSize;
  private final long clientLingerMillis;
  private final long clientConnectWaitMillis;
  private final EpochClock clock;
  private final Long2ObjectHashMap<Destination> destinations = new Long2ObjectHashMap<>();
  private final ArrayList<Slot> pending = new ArrayList<>();
  private final ArrayDeque<Slot> free = new ArrayDeque<>();
  private final LogThrottle dropLog;
  /** Client destinations dropped as gone in this drain pass: forgotten once nothing waits for them. */
  private final ArrayList<Destination> gone = new ArrayList<>();
  /** Numbers each drain pass, so a destination that refused a frame is skipped for the rest of it. */
  private int round;
  /** While held, frames wait in the outbox: their tick's durable facts are not committed yet. */
  private boolean held;
  /** Drop messages logged, for tests: the throttled ones are never put into words. */
  private long dropMessages;

  /** A destination's publication and its state in this outbox. */
  private static final class Destination {
    final Location location;
    SharedPublication publication;
    final boolean client;
    int pendingFrames;
    int blockedRound;
    long unconnectedSinceMillis = -1;
    /** When a connected client's stream first refused a frame (it is not reading), or -1. */
    long backPressuredSinceMillis = -1;

    Destination(Location location, SharedPublication publication) {
      this.location = location;
      this.publication = publication;
      this.client = Topology.isClient(location);
    }
  }

  /** A frame waiting to be offered. */
  private static final class Slot {
    final UnsafeBuffer buffer;
    Destination destination;
    int length;
    int factCount;

    Slot(int size) {
      buffer = new UnsafeBuffer(new byte[size]);
    }
  }

  Outbox(String owner, PublicationRegistry registry, EndpointCounters counters, EndpointSettings settings) {
    this.owner = owner;
    this.registry = registry;
    this.counters = counters;
    this.capacity = settings.outboxCapacity();
    this.maxFrameSize = settings.maxFrameSize();
    this.clientLingerMillis = settings.clientLingerMillis();
    this.clientConnectWaitMillis = settings.clientConnectWaitMillis();
    this.clock = settings.clock();
    this.dropLog = new LogThrottle(clock, 1_000);
  }

  /**
   * Whether the owner should stop taking input until frames drain. Frames waiting for an unconnected
   * client, or for a node that is gone (unconnected for {@link #GONE_AFTER_MILLIS}: stopped), do not
   * count: a dead destination must not stop a node from serving the live ones; those frames are
   * capped per destination instead, and dropped after their destination's wait.
   */
  boolean isFull() {
    if (pending.size() < capacity) {
      return false;
    }
    long now = clock.time();
    int waitingForLive = 0;
    for (Slot slot : pending) {
      if (!unreachable(slot.destination, now)) {
        waitingForLive++;
      }
    }
    return waitingForLive >= capacity;
  }

  /**
   * A destination unconnected for {@link #GONE_AFTER_MILLIS}: no longer one that is about to
   * connect (Aeron's first-message race lasts milliseconds), but a stopped node or a client that left.
   */
  private static boolean gone(Destination d, long now) {
    return d.unconnectedSinceMillis >= 0 && now - d.unconnectedSinceMillis >= GONE_AFTER_MILLIS;
  }

  /**
   * Whether frames waiting for {@code d} are exempt from back-pressure (and capped instead): a
   * client that is not connected, whether it is still connecting, has left or never existed (a
   * forged address), or one whose stream is back-pressured (it stopped reading, or reads slower than
   * it is answered), or a node that is {@link #gone}. Nodes back-pressure their senders; clients
   * never do.
   */
  private static boolean unreachable(Destination d, long now) {
    return d.client ? d.unconnectedSinceMillis >= 0 || d.backPressuredSinceMillis >= 0 : gone(d, now);
  }

  int pendingFrames() {
    return pending.size();
  }

  @Override
  public void onFrame(Location location, DirectBuffer buffer, int offset, int length, int factCount) {
    Destination d = destination(location);
    if (d.publication == null) {
      drop(d, factCount, Drop.NO_CHANNEL, 0, 0);
      return;
    }
    if (!held && d.pendingFrames == 0 && offer(d, buffer, offset, length, factCount)) {
      return;
    }
    if (d.pendingFrames >= capacity && unreachable(d, clock.time())) {
      counters.add(d.unconnectedSinceMillis >= 0 ? Counter.FACTS_DROPPED_UNCONNECTED : Counter.FACTS_DROPPED_UNREAD, factCount);
      drop(d, factCount, Drop.BACKLOG, d.pendingFrames, 0);
      return;
    }
    Slot slot = free.pollLast();
    if (slot == null) {
      slot = new Slot(maxFrameSize);
    }
    slot.buffer.putBytes(0, buffer, offset, length);
    slot.destination = d;
    slot.length = length;
    slot.factCount = factCount;
    pending.add(slot);
    d.pendingFrames++;
  }

  @Override
  public void onOversizedFact(Location location, RelationCodec<?> codec, int encodedLength) {
    counters.increment(Counter.FACTS_DROPPED);
    if (dropLog.allow()) {
      LOG.error("{}: a fact of {} to {} is {} bytes, more than a frame of {} bytes can carry; dropped ({} similar messages suppressed)",
          owner, codec.relationName(), location, encodedLength, maxFrameSize, dropLog.suppressed());
    }
  }

  /**
   * Keeps every frame from now on in the outbox, unoffered, until {@link #release()}: write-ahead
   * logging holds a tick's sends until its durable facts are committed.
   */
  void hold() {
    held = true;
  }

  /** Lets frames go again; the next {@link #drain()} offers the ones held. */
  void release() {
    held = false;
  }

  /** Offers waiting frames in order, unless held; returns how many left the outbox. */
  int drain() {
    int n = pending.size();
    if (n == 0 || held) {
      return 0;
    }
    round++;
    int kept = 0;
    for (int i = 0; i < n; i++) {
      Slot slot = pending.get(i);
      Destination d = slot.destination;
      if (d.blockedRound != round && offer(d, slot.buffer, 0, slot.length, slot.factCount)) {
        d.pendingFrames--;
        recycle(slot);
      } else {
        d.blockedRound = round;
        pending.set(kept++, slot);
      }
    }
    for (int i = n - 1; i >= kept; i--) {
      pending.remove(i);
    }
    forgetGone();
    return n - kept;
  }

  /** Forgets client destinations dropped as gone that nothing waits for any more. */
  private void forgetGone() {
    for (int i = 0, n = gone.size(); i < n; i++) {
      Destination d = gone.get(i);
      if (d.pendingFrames == 0 && destinations.get(d.location.id()) == d) {
        destinations.remove(d.location.id());
        registry.release(d.location, d.publication);
      }
    }
    gone.clear();
  }

  /**
   * Counts and logs every waiting frame as dropped, at shutdown, and empties the outbox.
   *
   * @return the number of facts dropped
   */
  long abandon() {
    long facts = 0;
    for (Slot slot : pending) {
      facts += slot.factCount;
    }
    if (facts > 0) {
      counters.add(Counter.FACTS_DROPPED, facts);
      LOG.warn("{}: closing with {} unsent frames ({} facts); they are dropped", owner, pending.size(), facts);
    }
    pending.clear();
    return facts;
  }

  /** Offers one frame; true if it is done with (sent, or dropped and counted), false to retry. */
  private boolean offer(Destination d, DirectBuffer buffer, int offset, int length, int factCount) {
    SharedPublication shared = d.publication;
    Publication publication = shared.current();
    long result;
    try {
      result = publication.offer(buffer, offset, length);
    } catch (IllegalArgumentException e) {
      drop(d, factCount, Drop.TOO_LONG, length, publication.maxMessageLength());
      return true;
    }
    if (result > 0) {
      counters.increment(Counter.FRAMES_SENT);
      counters.add(Counter.FACTS_SENT, factCount);
      d.unconnectedSinceMillis = -1;
      d.backPressuredSinceMillis = -1;
      return true;
    }
    if (result == Publication.BACK_PRESSURED) {
      counters.increment(Counter.BACK_PRESSURE_EVENTS);
      return d.client && onClientBackPressured(d, factCount);
    }
    if (result == Publication.ADMIN_ACTION) {
      counters.increment(Counter.BACK_PRESSURE_EVENTS);
      return false;
    }
    if (result == Publication.NOT_CONNECTED) {
      return onNotConnected(d, factCount);
    }
    if (result == Publication.MAX_POSITION_EXCEEDED) {
      LOG.warn("{}: the stream to {} reached its maximum position; recreating its publication", owner, d.location);
      shared.recreate(publication);
      return false;
    }
    if (result == Publication.CLOSED) {
      if (!shared.isClosed() && shared.current() != publication) {
        return false; // another sender replaced it; retry on the new one
      }
      SharedPublication fresh = shared.isClosed() ? registry.publicationTo(d.location) : null;
      if (fresh != null && fresh != shared) {
        d.publication = fresh; // another sender released it (its client was gone); use a new one
        return false;
      }
      drop(d, factCount, Drop.CLOSED, 0, 0);
      return true;
    }
    return false; // a result code newer than this code: keep the frame and retry
  }

  private boolean onNotConnected(Destination d, int factCount) {
    counters.increment(Counter.NOT_CONNECTED_EVENTS);
    long now = clock.time();
    if (d.unconnectedSinceMillis < 0) {
      d.unconnectedSinceMillis = now;
      return false;
    }
    if (now - d.unconnectedSinceMillis >= (d.client ? clientConnectWaitMillis : clientLingerMillis)) {
      // A client that left, or a node that stopped: what it missed is lost, as over a real network.
      counters.add(Counter.FACTS_DROPPED_UNCONNECTED, factCount);
      drop(d, factCount, Drop.GONE, now - d.unconnectedSinceMillis, 0);
      if (d.client) {
        gone.add(d);
      }
      return true;
    }
    return false;
  }

  /**
   * A connected client whose stream is full: it is not reading. Its frames wait for it alone, for
   * the client wait, then are dropped; a reply it never reads is lost, as to a client that left.
   */
  private boolean onClientBackPressured(Destination d, int factCount) {
    long now = clock.time();
    if (d.backPressuredSinceMillis < 0) {
      d.backPressuredSinceMillis = now;
      return false;
    }
    if (now - d.backPressuredSinceMillis >= clientConnectWaitMillis) {
      counters.add(Counter.FACTS_DROPPED_UNREAD, factCount);
      drop(d, factCount, Drop.UNREAD, now - d.backPressuredSinceMillis, 0);
      return true;
    }
    return false;
  }

  private Destination destination(Location location) {
    Destination d = destinations.get(location.id());
    if (d == null) {
      d = new Destination(location, registry.publicationTo(location));
      destinations.put(location.id(), d);
    }
    return d;
  }

  /**
   * Counts a dropped frame and logs it unless the throttle says no; the reason is only put into words
   * when it is logged, so a flood of drops costs no strings. {@code a} and {@code b} are the reason's
   * numbers (see {@link #describe}).
   */
  private void drop(Destination d, int factCount, Drop reason, long a, long b) {
    counters.add(Counter.FACTS_DROPPED, factCount);
    if (dropLog.allow()) {
      dropMessages++;
      LOG.error("{}: dropped a frame of {} facts to {}: {} ({} similar messages suppressed)",
          owner, factCount, d.location, describe(reason, d, a, b), dropLog.suppressed());
    }
  }

  /** How many drop messages were put into words and logged (the others were throttled). */
  long dropMessages() {
    return dropMessages;
  }

  /** Why a frame was dropped; {@link #describe} puts it into words, only when it is logged. */
  private enum Drop { NO_CHANNEL, BACKLOG, TOO_LONG, CLOSED, GONE, UNREAD }

  private static String describe(Drop reason, Destination d, long a, long b) {
    return switch (reason) {
      case NO_CHANNEL -> "no channel is mapped for it";
      case BACKLOG -> (d.unconnectedSinceMillis >= 0 ? "it is not connected" : "it is not reading") + " and " + a
          + " frames already wait for it";
      case TOO_LONG -> "the frame of " + a + " bytes exceeds the publication's max message length " + b;
      case CLOSED -> "its publication is closed";
      case GONE -> (d.client ? "the client" : "the node") + " has not been connected for " + a + " ms";
      case UNREAD -> "the client has not read its stream for " + a + " ms";
    };
  }

  private void recycle(Slot slot) {
    slot.destination = null;
    if (free.size() < capacity) {
      free.addLast(slot);
    }
  }
}
