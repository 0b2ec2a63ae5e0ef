package dev.dedalus.runtime.wire;

import static dev.dedalus.runtime.wire.FrameFormat.*;

import dev.dedalus.runtime.DecodeCursor;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.MalformedFrameException;
import dev.dedalus.runtime.RelationCodec;
import java.util.Arrays;
import org.agrona.DirectBuffer;

/**
 * Validates a whole frame and decodes its facts into reusable staging arrays; nothing is delivered
 * until every byte has been checked, so a bad frame never leaves half its facts in a stage.
 *
 * <p>Checks: header length, magic, version, flags, a section count the frame has room for, every
 * section header and body inside the frame, known relation ids, matching schema hashes, bounded
 * fact counts, every fact decoding within its section, each body consumed exactly, and no bytes
 * between the last section and the trailer. It does not verify the trailer: a receiver does that
 * first ({@code FrameAuthenticator}), so no fact of an unauthenticated frame is ever decoded. Never
 * throws for bad bytes. Single-threaded.
 */
public final class FrameDecoder {
  private final RelationCodec<?>[] codecs;
  private final DecodeCursor cursor = new DecodeCursor();
  private int[] relationIds = new int[64];
  private Object[] facts = new Object[64];
  private int size;
  private final FrameHeader header = new FrameHeader();

  /**
   * A decoder for the relations of {@code program}.
   *
   * @param program the program whose relation codecs decode the facts
   */
  public FrameDecoder(DedalusProgram program) {
    int n = program.codecs().size();
    this.codecs = new RelationCodec<?>[n];
    for (int id = 0; id < n; id++) {
      codecs[id] = program.codec(id);
    }
  }

  /**
   * Decodes the frame at {@code [offset, offset + length)}, dropping any facts still staged; on
   * anything but VALID nothing is staged.
   *
   * @param buffer the buffer holding the frame
   * @param offset where the frame starts in {@code buffer}
   * @param length the frame's length in bytes, trailer included
   * @return {@link FrameStatus#VALID}, or why the frame was rejected
   */
  public FrameStatus decode(DirectBuffer buffer, int offset, int length) {
    clear();
    FrameStatus status;
    try {
      status = decodeSections(buffer, offset, length);
    } catch (MalformedFrameException e) {
      status = FrameStatus.MALFORMED_FACT;
    } catch (RuntimeException e) {
      // A codec that fails some other way on hostile bytes (an index or argument check) is no
      // reason to stop the agent: the frame is as bad as if it had thrown MalformedFrameException.
      status = FrameStatus.MALFORMED_FACT;
    }
    if (status != FrameStatus.VALID) {
      clear();
    }
    return status;
  }

  private FrameStatus decodeSections(DirectBuffer buffer, int offset, int length) {
    FrameStatus headerStatus = header.wrap(buffer, offset, length);
    if (headerStatus != FrameStatus.VALID) {
      return headerStatus;
    }
    int sectionCount = buffer.getInt(offset + SECTION_COUNT_OFFSET, ORDER);
    // Sections end where the trailer starts; the trailer itself is the receiver's to verify.
    int end = offset + length - header.trailerLength();
    if (sectionCount <= 0 || sectionCount > (end - offset - HEADER_LENGTH) / SECTION_HEADER_LENGTH) {
      return FrameStatus.BAD_SECTION_COUNT;
    }
    int position = offset + HEADER_LENGTH;
    for (int s = 0; s < sectionCount; s++) {
      if (end - position < SECTION_HEADER_LENGTH) {
        return FrameStatus.TRUNCATED;
      }
      int relationId = buffer.getInt(position + RELATION_ID_OFFSET, ORDER);
      int schemaHash = buffer.getInt(position + SCHEMA_HASH_OFFSET, ORDER);
      int factCount = buffer.getInt(position + FACT_COUNT_OFFSET, ORDER);
      int bodyLength = buffer.getInt(position + BODY_LENGTH_OFFSET, ORDER);
      position += SECTION_HEADER_LENGTH;
      RelationCodec<?> codec = relationId >= 0 && relationId < codecs.length ? codecs[relationId] : null;
      if (codec == null) {
        return FrameStatus.UNKNOWN_RELATION;
      }
      if (codec.schemaHash() != schemaHash) {
        return FrameStatus.SCHEMA_MISMATCH;
      }
      if (factCount <= 0 || factCount > MAX_FACTS_PER_FRAME - size) {
        return FrameStatus.BAD_FACT_COUNT;
      }
      if (bodyLength < 0 || bodyLength > end - position) {
        return FrameStatus.BAD_LENGTH;
      }
      int bodyEnd = position + bodyLength;
      cursor.reset(position, bodyEnd);
      for (int f = 0; f < factCount; f++) {
        stage(relationId, codec.decode(buffer, cursor));
      }
      if (cursor.position() != bodyEnd) {
        return FrameStatus.SECTION_NOT_CONSUMED;
      }
      position = bodyEnd;
    }
    if (position != end) {
      return FrameStatus.TRAILING_BYTES;
    }
    return FrameStatus.VALID;
  }

  private void stage(int relationId, Object fact) {
    if (size == facts.length) {
      relationIds = Arrays.copyOf(relationIds, size * 2);
      facts = Arrays.copyOf(facts, size * 2);
    }
    relationIds[size] = relationId;
    facts[size] = fact;
    size++;
  }

  /** {@return the number of facts staged: the last valid frame's, until delivered or cleared} */
  public int size() {
    return size;
  }

  /**
   * {@return the relation id of the staged fact at {@code index}}
   *
   * @param index the fact's position in the frame, below {@link #size}
   */
  public int relationId(int index) {
    return relationIds[index];
  }

  /**
   * {@return the staged fact at {@code index}}
   *
   * @param index the fact's position in the frame, below {@link #size}
   */
  public Object fact(int index) {
    return facts[index];
  }

  /**
   * {@return the sender location id of the last frame decoded whose header was valid (that frame's
   * sections may have been invalid)}
   */
  public long senderId() {
    return header.sender();
  }

  /**
   * Delivers the staged facts in frame order and clears them. A fact the consumer refuses is
   * counted and the rest of the frame is still delivered. An exception from the consumer
   * propagates (a client's handler failing is the client's business); the facts not yet delivered
   * are then discarded.
   *
   * @param consumer receives each staged fact
   * @return the number of facts refused
   */
  public int deliverTo(FactConsumer consumer) {
    int refused = 0;
    try {
      for (int i = 0; i < size; i++) {
        if (!consumer.accept(relationIds[i], facts[i])) {
          refused++;
        }
      }
    } finally {
      clear();
    }
    return refused;
  }

  /** Drops staged facts, releasing them to the collector. */
  public void clear() {
    Arrays.fill(facts, 0, size, null);
    size = 0;
  }
}
