package dev.dedalus.runtime.wire;

import static dev.dedalus.runtime.wire.FrameFormat.*;

import org.agrona.DirectBuffer;

/**
 * Reads a frame's header in place: checks the length, magic, version and flags, then exposes the
 * fields. Used before anything else is trusted, so a receiver can authenticate a frame before it
 * decodes a single fact. Reusable; single-threaded.
 */
public final class FrameHeader {
  private short flags;
  private long sender;
  private long destination;
  private long incarnation;
  private long sequence;
  private int trailerLength;

  /**
   * Reads the header of the frame at {@code [offset, offset + length)}.
   *
   * @param buffer the buffer holding the frame
   * @param offset where the frame starts in {@code buffer}
   * @param length the frame's length in bytes
   * @return {@link FrameStatus#VALID} if the frame is long enough for its header and trailer and
   *     has this format's magic, version and known flags; else why not, and the fields are stale
   */
  public FrameStatus wrap(DirectBuffer buffer, int offset, int length) {
    if (length < HEADER_LENGTH) {
      return FrameStatus.TRUNCATED;
    }
    if (buffer.getInt(offset + MAGIC_OFFSET, ORDER) != MAGIC) {
      return FrameStatus.BAD_MAGIC;
    }
    if (buffer.getShort(offset + VERSION_OFFSET, ORDER) != VERSION) {
      return FrameStatus.BAD_VERSION;
    }
    short f = buffer.getShort(offset + FLAGS_OFFSET, ORDER);
    int trailer = FrameFormat.trailerLength(f);
    if (trailer < 0) {
      return FrameStatus.BAD_FLAGS;
    }
    if (length < HEADER_LENGTH + trailer) {
      return FrameStatus.TRUNCATED;
    }
    flags = f;
    trailerLength = trailer;
    sender = buffer.getLong(offset + SENDER_OFFSET, ORDER);
    destination = buffer.getLong(offset + DESTINATION_OFFSET, ORDER);
    incarnation = buffer.getLong(offset + INCARNATION_OFFSET, ORDER);
    sequence = buffer.getLong(offset + SEQUENCE_OFFSET, ORDER);
    return FrameStatus.VALID;
  }

  /** {@return the frame's flags: {@link FrameFormat#FLAGS_CRC32C} or {@link FrameFormat#FLAG_MAC}} */
  public short flags() {
    return flags;
  }

  /** {@return the sender's location id, as the frame claims it} */
  public long sender() {
    return sender;
  }

  /** {@return the location id the frame is addressed to} */
  public long destination() {
    return destination;
  }

  /** {@return the sender's run: larger for a later run of the same sender} */
  public long incarnation() {
    return incarnation;
  }

  /** {@return the frame's number among its sender's frames in this incarnation} */
  public long sequence() {
    return sequence;
  }

  /** {@return the length of the frame's trailer, as its flags say} */
  public int trailerLength() {
    return trailerLength;
  }
}
