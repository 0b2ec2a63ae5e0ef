package dev.dedalus.runtime.wire;

import static dev.dedalus.runtime.wire.FrameFormat.*;

import dev.dedalus.runtime.RelationCodec;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes one frame into a buffer it is given: facts are appended until the next one does not
 * fit (room for the largest trailer is kept), then the frame is finished and sealed. Consecutive
 * facts of one relation share a section. Reusable: {@link #begin} starts over on any buffer, so a
 * pool of buffers serves many writers.
 */
public final class FrameWriter {
  /** What {@link #append} did with a fact. */
  public enum Append {
    /** The fact is in the frame. */
    APPENDED,
    /** The fact does not fit in what is left of this frame; finish it and append to a new one. */
    FULL,
    /** The fact does not fit even in an empty frame; it can never be sent at this frame size. */
    TOO_LARGE
  }

  private final int maxFrameSize;
  private MutableDirectBuffer buffer;
  private int position;
  private int sectionCount;
  private int factCount;
  private long destinationId;
  /** Offset of the open section's header, or -1 when no section is open. */
  private int sectionStart = -1;
  private int sectionRelationId;
  private int sectionFacts;

  /**
   * A writer of frames of at most {@code maxFrameSize} bytes.
   *
   * @param maxFrameSize the largest frame to write, in bytes
   * @throws IllegalArgumentException if {@code maxFrameSize} is below
   *     {@link FrameFormat#MIN_MAX_FRAME_SIZE}
   */
  public FrameWriter(int maxFrameSize) {
    if (maxFrameSize < MIN_MAX_FRAME_SIZE) {
      throw new IllegalArgumentException("maxFrameSize must be at least " + MIN_MAX_FRAME_SIZE + ", not " + maxFrameSize);
    }
    this.maxFrameSize = maxFrameSize;
  }

  /** {@return the largest frame this writer writes, in bytes} */
  public int maxFrameSize() {
    return maxFrameSize;
  }

  /**
   * Starts an empty frame to {@code destinationLocationId} in {@code target}, which must hold at
   * least {@link #maxFrameSize} bytes.
   *
   * @param target the buffer to write the frame into, at offset 0
   * @param destinationLocationId the destination's location id
   * @throws IllegalArgumentException if {@code target} holds fewer than {@link #maxFrameSize} bytes
   */
  public void begin(MutableDirectBuffer target, long destinationLocationId) {
    if (target.capacity() < maxFrameSize) {
      throw new IllegalArgumentException("buffer of " + target.capacity() + " bytes is smaller than the max frame size " + maxFrameSize);
    }
    this.buffer = target;
    this.destinationId = destinationLocationId;
    this.position = HEADER_LENGTH;
    this.sectionCount = 0;
    this.factCount = 0;
    this.sectionStart = -1;
  }

  /** {@return whether the frame begun last holds no fact} */
  public boolean isEmpty() {
    return factCount == 0;
  }

  /** {@return the number of facts in the frame begun last} */
  public int factCount() {
    return factCount;
  }

  /** {@return the buffer given to the last {@link #begin}, or null before the first} */
  public MutableDirectBuffer buffer() {
    return buffer;
  }

  /**
   * Appends one fact, opening a new section when the relation changes.
   *
   * @param <T> the fact's type
   * @param codec the codec of the fact's relation
   * @param fact the fact
   * @return whether the fact was appended, or why not
   * @throws IllegalStateException if the codec writes a different number of bytes than its
   *     {@code encodedLength} said
   */
  public <T> Append append(RelationCodec<T> codec, T fact) {
    int length = codec.encodedLength(fact);
    if (length < 0 || length > maxFactLength(maxFrameSize)) {
      return Append.TOO_LARGE;
    }
    boolean newSection = sectionStart < 0 || sectionRelationId != codec.relationId();
    int needed = length + (newSection ? SECTION_HEADER_LENGTH : 0);
    if (needed > maxFrameSize - MAX_TRAILER_LENGTH - position || factCount == MAX_FACTS_PER_FRAME) {
      return Append.FULL;
    }
    if (newSection) {
      closeSection();
      sectionStart = position;
      sectionRelationId = codec.relationId();
      sectionFacts = 0;
      sectionCount++;
      buffer.putInt(position + RELATION_ID_OFFSET, codec.relationId(), ORDER);
      buffer.putInt(position + SCHEMA_HASH_OFFSET, codec.schemaHash(), ORDER);
      position += SECTION_HEADER_LENGTH;
    }
    int end = codec.encode(fact, buffer, position);
    if (end - position != length) {
      // A codec whose encodedLength disagrees with encode would corrupt every later fact.
      throw new IllegalStateException("codec of " + codec.relationName() + " wrote " + (end - position)
          + " bytes but encodedLength said " + length);
    }
    position = end;
    sectionFacts++;
    factCount++;
    return Append.APPENDED;
  }

  /**
   * Writes the header and the open section's counts, then has {@code seal} stamp the frame (flags,
   * sender, destination, incarnation, sequence) and append its trailer.
   *
   * @param seal the sender's seal
   * @return the frame's length in bytes, trailer included
   */
  public int finish(FrameSeal seal) {
    closeSection();
    buffer.putInt(MAGIC_OFFSET, MAGIC, ORDER);
    buffer.putShort(VERSION_OFFSET, VERSION, ORDER);
    buffer.putInt(SECTION_COUNT_OFFSET, sectionCount, ORDER);
    return seal.seal(buffer, position, destinationId);
  }

  private void closeSection() {
    if (sectionStart >= 0) {
      buffer.putInt(sectionStart + FACT_COUNT_OFFSET, sectionFacts, ORDER);
      buffer.putInt(sectionStart + BODY_LENGTH_OFFSET, position - sectionStart - SECTION_HEADER_LENGTH, ORDER);
      sectionStart = -1;
    }
  }
}
