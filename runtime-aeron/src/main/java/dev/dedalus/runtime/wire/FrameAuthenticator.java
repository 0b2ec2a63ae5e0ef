package dev.dedalus.runtime.wire;

import dev.dedalus.runtime.Topology;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongHashSet;

/**
 * Decides whether a received frame, whose header has been read, may be decoded: its trailer
 * verifies, its sender is one the topology knows, it is addressed to this endpoint, and it has not
 * been seen before. Checks in that order, so nothing the frame claims is believed before the
 * trailer vouches for it. Single-threaded: one per endpoint.
 */
public final class FrameAuthenticator {
  /** The outcome of {@link #check}. */
  public enum Verdict {
    /** Decode it; call {@link #accepted} once it has been. */
    ACCEPTED,
    /** The trailer does not verify, or is of a kind this endpoint does not take (a CRC where a MAC is due). */
    UNAUTHENTICATED,
    /** The sender is this endpoint itself, or a node location the topology does not have. */
    UNKNOWN_SENDER,
    /** The frame is addressed to another location. */
    MISADDRESSED,
    /**
     * A frame from the same sender was accepted before with a later incarnation, or with the same
     * incarnation and this sequence or a higher one.
     */
    REPLAYED
  }

  private final long self;
  private final boolean selfIsNode;
  private final LongHashSet nodeIds;
  private final FrameTrailer betweenNodes;
  private final FrameTrailer withClients;
  private final ReplayWindow replays = new ReplayWindow();

  /**
   * @param self this endpoint's location id
   * @param nodeIds the location ids of the topology's nodes
   * @param betweenNodes the trailer of frames from a node to a node (the cluster key's)
   * @param withClients the trailer of frames from or to a client (the client key's)
   */
  public FrameAuthenticator(long self, LongHashSet nodeIds, FrameTrailer betweenNodes, FrameTrailer withClients) {
    this.self = self;
    this.selfIsNode = nodeIds.contains(self);
    this.nodeIds = nodeIds;
    this.betweenNodes = betweenNodes;
    this.withClients = withClients;
  }

  /**
   * Checks the frame at {@code [offset, offset + length)}, whose header {@code header} has read.
   *
   * @param header the frame's header, read by {@link FrameHeader#wrap} with {@link FrameStatus#VALID}
   * @param buffer the buffer holding the frame
   * @param offset where the frame starts in {@code buffer}
   * @param length the frame's length in bytes, trailer included
   * @return {@link Verdict#ACCEPTED}, or the first check the frame fails
   */
  public Verdict check(FrameHeader header, DirectBuffer buffer, int offset, int length) {
    long sender = header.sender();
    FrameTrailer trailer = selfIsNode && sender < Topology.FIRST_CLIENT_ID ? betweenNodes : withClients;
    if (header.flags() != trailer.flag() || !trailer.verify(buffer, offset, length - trailer.length())) {
      return Verdict.UNAUTHENTICATED;
    }
    if (sender == self || (sender < Topology.FIRST_CLIENT_ID && !nodeIds.contains(sender))) {
      return Verdict.UNKNOWN_SENDER;
    }
    if (header.destination() != self) {
      return Verdict.MISADDRESSED;
    }
    if (!replays.isFresh(sender, header.incarnation(), header.sequence())) {
      return Verdict.REPLAYED;
    }
    return Verdict.ACCEPTED;
  }

  /**
   * Records a frame {@link #check} accepted and that decoded, so it is never accepted again.
   *
   * @param header the frame's header
   */
  public void accepted(FrameHeader header) {
    replays.record(header.sender(), header.incarnation(), header.sequence());
  }
}
