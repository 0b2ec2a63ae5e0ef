package dev.dedalus.runtime.wire;

import java.nio.ByteOrder;

/**
 * The layout of a frame (version 2): many facts for one destination, grouped in sections of one
 * relation, then a trailer that checks (and, with a key, authenticates) every byte before it.
 *
 * <pre>
 * header  [int magic][short version][short flags][long sender][long destination]
 *         [long incarnation][long sequence][int sectionCount]
 * section [int relationId][int schemaHash][int factCount][int bodyLength][body]
 * trailer [4-byte CRC32C] when flags = 0, or [16-byte MAC] when flags = {@link #FLAG_MAC}
 * </pre>
 *
 * <p>The sender and destination are location ids; the incarnation tells a sender's runs apart (a
 * restarted sender has a larger one) and the sequence numbers its frames within one run, so a
 * receiver can refuse a frame it has seen. Header fields are written little-endian explicitly, so
 * a frame's framing reads the same on any host; fact bodies are written by the relations' codecs.
 */
public final class FrameFormat {
  /** "DDL1": tells a Dedalus frame from stray bytes on a stream. */
  public static final int MAGIC = 0x44444C31;

  /** 2: destination, incarnation, sequence and a trailer were added to version 1's header. */
  public static final short VERSION = 2;

  /** The flags of a frame whose trailer is a CRC32C: no key is configured. */
  public static final short FLAGS_CRC32C = 0;

  /** The flag of a frame whose trailer is a MAC (SipHash-2-4 with a 128-bit tag, {@link SipHashTrailer}). */
  public static final short FLAG_MAC = 1;

  /** The byte order of the header, section headers and trailer. */
  public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

  /** Offset of the magic within the frame. */
  public static final int MAGIC_OFFSET = 0;
  /** Offset of the version within the frame. */
  public static final int VERSION_OFFSET = 4;
  /** Offset of the flags within the frame. */
  public static final int FLAGS_OFFSET = 6;
  /** Offset of the sender's location id within the frame. */
  public static final int SENDER_OFFSET = 8;
  /** Offset of the destination's location id within the frame. */
  public static final int DESTINATION_OFFSET = 16;
  /** Offset of the sender's incarnation within the frame. */
  public static final int INCARNATION_OFFSET = 24;
  /** Offset of the sequence number within the frame. */
  public static final int SEQUENCE_OFFSET = 32;
  /** Offset of the section count within the frame. */
  public static final int SECTION_COUNT_OFFSET = 40;
  /** The header's length in bytes; the first section starts here. */
  public static final int HEADER_LENGTH = 44;

  /** Offset of the relation id within a section. */
  public static final int RELATION_ID_OFFSET = 0;
  /** Offset of the relation's schema hash within a section. */
  public static final int SCHEMA_HASH_OFFSET = 4;
  /** Offset of the fact count within a section. */
  public static final int FACT_COUNT_OFFSET = 8;
  /** Offset of the body length within a section. */
  public static final int BODY_LENGTH_OFFSET = 12;
  /** A section header's length in bytes; the section's body starts here. */
  public static final int SECTION_HEADER_LENGTH = 16;

  /** The length of a CRC32C trailer. */
  public static final int CRC32C_TRAILER_LENGTH = 4;
  /** The length of a MAC trailer. */
  public static final int MAC_TRAILER_LENGTH = 16;
  /** Writers keep this much room free, so a frame fits whichever trailer seals it. */
  public static final int MAX_TRAILER_LENGTH = MAC_TRAILER_LENGTH;

  /**
   * The most facts one frame may carry. Facts of a relation without attributes encode to zero
   * bytes, so lengths alone cannot bound a fact count; this keeps a lying count from making the
   * reader loop or allocate without limit.
   */
  public static final int MAX_FACTS_PER_FRAME = 1 << 16;

  /** The smallest useful maximum frame size: a header, one section header, a trailer and a little room. */
  public static final int MIN_MAX_FRAME_SIZE = 128;

  private FrameFormat() {}

  /**
   * {@return the largest fact, in encoded bytes, a frame of {@code maxFrameSize} bytes can carry}
   *
   * @param maxFrameSize the maximum frame size in bytes
   */
  public static int maxFactLength(int maxFrameSize) {
    return maxFrameSize - HEADER_LENGTH - SECTION_HEADER_LENGTH - MAX_TRAILER_LENGTH;
  }

  /**
   * {@return the trailer length a frame with {@code flags} has, or -1 if the flags are unknown}
   *
   * @param flags a header's flags
   */
  public static int trailerLength(short flags) {
    return switch (flags) {
      case FLAGS_CRC32C -> CRC32C_TRAILER_LENGTH;
      case FLAG_MAC -> MAC_TRAILER_LENGTH;
      default -> -1;
    };
  }
}
