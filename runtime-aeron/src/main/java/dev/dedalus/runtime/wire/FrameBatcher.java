package dev.dedalus.runtime.wire;

import dev.dedalus.Location;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Batches a sender's facts into frames, one open frame per destination: the {@link Outbound} a
 * stage ticks into, and the send side of a client. A frame that fills up goes to the
 * {@link FrameSink} at once; {@link #flush} hands over the partly filled ones, at the end of a tick.
 *
 * <p>Frame buffers come from a pool and go back after each hand-over, so memory grows with the
 * number of destinations written to in one tick, not with every destination ever seen (a node may
 * reply to thousands of clients). Single-threaded.
 */
public final class FrameBatcher implements Outbound {
  private final FrameSeal seal;
  private final int maxFrameSize;
  private final FrameSink sink;
  private final Long2ObjectHashMap<Batch> batches = new Long2ObjectHashMap<>();
  /** Destinations with an open frame, in the order they were first written to. */
  private final ArrayList<Batch> open = new ArrayList<>();
  private final ArrayDeque<UnsafeBuffer> pool = new ArrayDeque<>();

  /** One destination's open frame. */
  private static final class Batch {
    final Location destination;
    final FrameWriter writer;
    boolean isOpen;

    Batch(Location destination, int maxFrameSize) {
      this.destination = destination;
      this.writer = new FrameWriter(maxFrameSize);
    }
  }

  /**
   * A batcher whose frames carry a CRC32C and no MAC ({@link FrameSeal#unkeyed}).
   *
   * @param sender the sending location
   * @param maxFrameSize the largest frame to write, in bytes
   * @param sink where finished frames go
   * @throws IllegalArgumentException if {@code maxFrameSize} is below
   *     {@link FrameFormat#MIN_MAX_FRAME_SIZE}
   */
  public FrameBatcher(Location sender, int maxFrameSize, FrameSink sink) {
    this(FrameSeal.unkeyed(sender.id()), maxFrameSize, sink);
  }

  /**
   * A batcher whose frames {@code seal} stamps, once each, as they are finished.
   *
   * @param seal the sender's seal
   * @param maxFrameSize the largest frame to write, in bytes
   * @param sink where finished frames go
   * @throws IllegalArgumentException if {@code maxFrameSize} is below
   *     {@link FrameFormat#MIN_MAX_FRAME_SIZE}
   */
  public FrameBatcher(FrameSeal seal, int maxFrameSize, FrameSink sink) {
    this.seal = seal;
    this.maxFrameSize = maxFrameSize;
    this.sink = sink;
    new FrameWriter(maxFrameSize); // validates the size now rather than on the first send
  }

  /** {@return the largest frame this batcher writes, in bytes} */
  public int maxFrameSize() {
    return maxFrameSize;
  }

  @Override
  public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
    Batch batch = batches.get(destination.id());
    if (batch == null) {
      batch = new Batch(destination, maxFrameSize);
      batches.put(destination.id(), batch);
    }
    if (!batch.isOpen) {
      openFrame(batch);
    }
    FrameWriter.Append result = batch.writer.append(codec, fact);
    if (result == FrameWriter.Append.FULL) {
      handOver(batch);
      batch.writer.begin(batch.writer.buffer(), destination.id());
      result = batch.writer.append(codec, fact); // fits: it is smaller than an empty frame's room
    }
    if (result == FrameWriter.Append.TOO_LARGE) {
      sink.onOversizedFact(destination, codec, codec.encodedLength(fact));
    }
  }

  /** {@return whether any destination has a frame not yet handed over} */
  public boolean hasOpenFrames() {
    return !open.isEmpty();
  }

  /**
   * Hands every open frame that holds a fact to the sink and returns the open frames' buffers to
   * the pool.
   *
   * @return the number of frames handed over
   */
  public int flush() {
    int frames = 0;
    for (int i = 0, n = open.size(); i < n; i++) {
      Batch batch = open.get(i);
      if (!batch.writer.isEmpty()) {
        handOver(batch);
        frames++;
      }
      pool.addLast((UnsafeBuffer) batch.writer.buffer());
      batch.isOpen = false;
    }
    open.clear();
    return frames;
  }

  private void openFrame(Batch batch) {
    UnsafeBuffer buffer = pool.pollLast();
    if (buffer == null) {
      buffer = new UnsafeBuffer(new byte[maxFrameSize]);
    }
    batch.writer.begin(buffer, batch.destination.id());
    batch.isOpen = true;
    open.add(batch);
  }

  private void handOver(Batch batch) {
    FrameWriter writer = batch.writer;
    int length = writer.finish(seal);
    sink.onFrame(batch.destination, writer.buffer(), 0, length, writer.factCount());
  }
}
