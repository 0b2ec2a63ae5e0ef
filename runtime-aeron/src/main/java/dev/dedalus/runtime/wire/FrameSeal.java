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
   * @param senderId the sender's location id
   * @param incarnation the sender's incarnation, e.g. from {@link Incarnation#next}
   * @param toNodes the trailer of frames to node locations
   * @param toClients the trailer of frames to client locations ({@link Topology#isClient})
   */
  public FrameSeal(long senderId, long incarnation, FrameTrailer toNodes, FrameTrailer toClients) {
    this.senderId = senderId;
    this.incarnation = incarnation;
    this.toNodes = toNodes;
    this.toClients = toClients;
  }

  /**
   * {@return a seal without a key: CRC32C trailers, a fresh {@link Incarnation}}
   *
   * @param senderId the sender's location id
   */
  public static FrameSeal unkeyed(long senderId) {
    FrameTrailer crc = new Crc32cTrailer();
    return new FrameSeal(senderId, Incarnation.next(), crc, crc);
  }

  /** {@return the sender's location id} */
  public long senderId() {
    return senderId;
  }

  /** {@return the sender's incarnation, stamped on every frame} */
  public long incarnation() {
    return incarnation;
  }

  /**
   * Stamps the frame whose magic, version, sections and section count are in
   * {@code buffer[0, bodyLength)}: writes its flags, sender, destination, incarnation and next
   * sequence number, and appends its trailer, the clients' for a client destination and the nodes'
   * otherwise.
   *
   * @param buffer the buffer holding the frame at offset 0, with room for the trailer
   * @param bodyLength the frame's length before the trailer
   * @param destinationId the destination's location id
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
