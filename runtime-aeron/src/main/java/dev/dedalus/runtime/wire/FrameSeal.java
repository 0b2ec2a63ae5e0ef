package dev.dedalus.runtime.wire;

import static dev.dedalus.runtime.wire.FrameFormat.*;

import dev.dedalus.runtime.Topology;
import org.agrona.MutableDirectBuffer;

/**
 * One sender's stamp on the frames it finishes: its location id, the destination, its incarnation,
 * the next sequence number and the trailer. Frames are sealed once, where they are finished, so a
 * frame that waits and is offered again is the same bytes. Frames to nodes and frames to clients
 * may be sealed under different keys. Single-threaded: one per endpoint.
 */
public final class FrameSeal {
  private final long senderId;
  private final long incarnation;
  private final FrameTrailer toNodes;
  private final FrameTrailer toClients;
  private long sequence;

  /**
   * @param toNodes the trailer of frames to node locations
   * @param toClients the trailer of frames to client locations ({@link Topology#isClient})
   */
  public FrameSeal(long senderId, long incarnation, FrameTrailer toNodes, FrameTrailer toClients) {
    this.senderId = senderId;
    this.incarnation = incarnation;
    this.toNodes = toNodes;
    this.toClients = toClients;
  }

  /** A seal without a key: CRC32C trailers, a fresh {@link Incarnation}. */
  public static FrameSeal unkeyed(long senderId) {
    FrameTrailer crc = new Crc32cTrailer();
    return new FrameSeal(senderId, Incarnation.next(), crc, crc);
  }

  public long senderId() {
    return senderId;
  }

  public long incarnation() {
    return incarnation;
  }

  /**
   * Stamps the frame whose magic, version, sections and section count are in
   * {@code buffer[0, bodyLength)} and appends its trailer.
   *
   * @return the frame's length, trailer included
   */
  public int seal(MutableDirectBuffer buffer, int bodyLength, long destinationId) {
    FrameTrailer trailer = destinationId >= Topology.FIRST_CLIENT_ID ? toClients : toNodes;
    buffer.putShort(FLAGS_OFFSET, trailer.flag(), ORDER);
    buffer.putLong(SENDER_OFFSET, senderId, ORDER);
    buffer.putLong(DESTINATION_OFFSET, destinationId, ORDER);
    buffer.putLong(INCARNATION_OFFSET, incarnation, ORDER);
    buffer.putLong(SEQUENCE_OFFSET, ++sequence, ORDER);
    trailer.write(buffer, bodyLength);
    return bodyLength + trailer.length();
  }
}
