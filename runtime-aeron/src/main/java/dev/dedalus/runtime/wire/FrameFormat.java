package dev.dedalus.runtime.wire;

import java.nio.ByteOrder;

/**
 * The layout of a frame: many facts for one destination, grouped in sections of one relation.
 *
 * <pre>
 * header  [int magic][short version][short flags][long senderLocationId][int sectionCount]
 * section [int relationId][int schemaHash][int factCount][int bodyLength][body]
 * </pre>
 *
 * <p>Header fields are written little-endian explicitly, so a frame's framing reads the same on any
 * host; fact bodies are written by the relations' codecs.
 */
public final class FrameFormat {
  /** "DDL1": tells a Dedalus frame from stray bytes on a stream. */
  public static final int MAGIC = 0x44444C31;

  public static final short VERSION = 1;

  /** No flags are defined yet; a frame carrying any is from a newer writer and is rejected. */
  public static final short FLAGS = 0;

  public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

  public static final int MAGIC_OFFSET = 0;
  public static final int VERSION_OFFSET = 4;
  public static final int FLAGS_OFFSET = 6;
  public static final int SENDER_OFFSET = 8;
  public static final int SECTION_COUNT_OFFSET = 16;
  public static final int HEADER_LENGTH = 20;

  public static final int RELATION_ID_OFFSET = 0;
  public static final int SCHEMA_HASH_OFFSET = 4;
  public static final int FACT_COUNT_OFFSET = 8;
  public static final int BODY_LENGTH_OFFSET = 12;
  public static final int SECTION_HEADER_LENGTH = 16;

  /**
   * The most facts one frame may carry. Facts of a relation without attributes encode to zero
   * bytes, so lengths alone cannot bound a fact count; this keeps a lying count from making the
   * reader loop or allocate without limit.
   */
  public static final int MAX_FACTS_PER_FRAME = 1 << 16;

  /** The smallest useful maximum frame size: a header, one section header and a little room. */
  public static final int MIN_MAX_FRAME_SIZE = 64;

  private FrameFormat() {}

  /** The largest fact a frame of {@code maxFrameSize} bytes can carry. */
  public static int maxFactLength(int maxFrameSize) {
    return maxFrameSize - HEADER_LENGTH - SECTION_HEADER_LENGTH;
  }
}
