package dev.dedalus.runtime.aeron;

import dev.dedalus.Location;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.wire.FrameBatcher;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import java.util.concurrent.TimeUnit;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;

/**
 * A client of a running program: it has a location of its own, sends facts (a program's
 * {@code @Input}s) to nodes, and polls the facts nodes send it ({@code @Output}s). Sends are
 * batched like a stage's, one frame per destination, until {@link #flush} or a frame fills up.
 *
 * <p>Its frames are sealed with the client key (or a CRC32C without keys), never the cluster key:
 * a client cannot pass for a node, and nodes take from it only facts of the program's inputs.
 *
 * <p>Not thread-safe: use one client from one thread (any thread but the agents'). Create one per
 * thread that needs one.
 */
public final class ClientEndpoint implements Outbound, AutoCloseable {
  private final Location location;
  private final Subscription subscription;
  private final EndpointCounters counters;
  private final Outbox outbox;
  private final FrameBatcher batcher;
  private final FragmentAssembler assembler;
  private final IdleStrategy idle;
  private final long sendTimeoutNanos;
  private final Runnable onClose;
  private FactHandler handler;
  private boolean closed;

  ClientEndpoint(
      Location location,
      DedalusProgram program,
      Subscription subscription,
      PublicationRegistry publications,
      EndpointSettings settings,
      FrameSecurity security,
      IdleStrategy idle,
      Runnable onClose) {
    this.location = location;
    this.subscription = subscription;
    this.counters = new EndpointCounters("client" + location);
    this.outbox = new Outbox(counters.name(), publications, counters, settings);
    this.batcher = new FrameBatcher(security.newSeal(location), settings.maxFrameSize(), outbox);
    FrameReceiver receiver = new FrameReceiver(counters.name(), location, program, security, counters, this::deliver,
        settings.clock());
    this.assembler = new FragmentAssembler(receiver, settings.maxFrameSize(), false);
    this.idle = idle;
    this.sendTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.sendTimeoutMillis());
    this.onClose = onClose;
  }

  /** {@return this client's location: nodes reply to it} */
  public Location location() {
    return location;
  }

  /**
   * Adds a fact to the frame for {@code destination}. If too many frames are waiting to be sent,
   * first waits (driving the sends) for room.
   *
   * @throws IllegalStateException if the client is closed, or no room was made within the send
   *     timeout; the fact was then not taken
   */
  @Override
  public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
    ensureOpen();
    if (outbox.isFull()) {
      awaitRoom();
    }
    batcher.send(destination, codec, fact);
  }

  /**
   * Hands every partly filled frame to Aeron and retries waiting frames; does not wait.
   *
   * @return the number of frames still waiting (back-pressure or a destination not yet connected);
   *     later {@code flush} or {@link #poll} calls send them
   */
  public int flush() {
    ensureOpen();
    batcher.flush();
    outbox.drain();
    return outbox.pendingFrames();
  }

  /**
   * Retries waiting frames, then reads up to {@code fragmentLimit} fragments and hands the facts of
   * each valid frame to {@code handler}.
   *
   * @param handler receives the facts of this poll's valid frames
   * @param fragmentLimit the most fragments to read
   * @return the number of fragments read
   */
  public int poll(FactHandler handler, int fragmentLimit) {
    ensureOpen();
    outbox.drain();
    this.handler = handler;
    try {
      return subscription.poll(assembler, fragmentLimit);
    } finally {
      this.handler = null;
    }
  }

  /**
   * {@return whether a send would wait for room: too many frames wait for destinations that are
   * connected but slow} Frames for a destination that is gone (a stopped node) do not count.
   */
  public boolean isBackPressured() {
    return outbox.isFull();
  }

  /** {@return the number of frames waiting to be sent} */
  public int pendingFrames() {
    return outbox.pendingFrames();
  }

  /** {@return this client's counters} */
  public EndpointCounters counters() {
    return counters;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    batcher.flush();
    outbox.drain();
    outbox.abandon();
    CloseHelper.quietClose(subscription);
    onClose.run();
  }

  private boolean deliver(int relationId, Object fact) {
    handler.onFact(relationId, fact);
    return true;
  }

  private void awaitRoom() {
    long deadline = System.nanoTime() + sendTimeoutNanos;
    idle.reset();
    while (true) {
      int sent = outbox.drain();
      if (!outbox.isFull()) {
        return;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new IllegalStateException(counters.name() + ": " + outbox.pendingFrames()
            + " frames are still waiting to be sent after " + TimeUnit.NANOSECONDS.toMillis(sendTimeoutNanos) + " ms");
      }
      idle.idle(sent);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(counters.name() + " is closed");
    }
  }
}
