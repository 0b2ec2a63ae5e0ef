package dev.dedalus.runtime.sim;

import dev.dedalus.runtime.DecodeCursor;
import dev.dedalus.runtime.RelationCodec;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Moves facts through their generated codecs, as the Aeron transport would, so every simulated
 * message exercises encode and decode. A codec that writes a different length than it announced,
 * or reads a different length than was written, is a codec bug and fails loudly here rather than
 * as a corrupt frame later.
 */
final class Wire {
  private final boolean encode;
  private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
  private final DecodeCursor cursor = new DecodeCursor();

  Wire(boolean encode) {
    this.encode = encode;
  }

  boolean encodes() {
    return encode;
  }

  /** The encoded form of {@code fact}, or null when encoding is off. */
  <T> byte[] encode(RelationCodec<T> codec, Object fact) {
    if (!encode) {
      return null;
    }
    T typed = codec.type().cast(fact);
    int length = codec.encodedLength(typed);
    byte[] bytes = new byte[length];
    buffer.wrap(bytes);
    int end = codec.encode(typed, buffer, 0);
    if (end != length) {
      throw new IllegalStateException("codec " + codec.relationName() + " announced " + length + " bytes but wrote "
          + end + " for " + fact);
    }
    return bytes;
  }

  /** The fact a message carries: decoded afresh from its bytes at every delivery. */
  Object factOf(PendingMessage m) {
    if (m.bytes == null) {
      return m.fact;
    }
    buffer.wrap(m.bytes);
    cursor.reset(0, m.bytes.length);
    Object fact = m.codec.decode(buffer, cursor);
    if (cursor.position() != m.bytes.length) {
      throw new IllegalStateException("codec " + m.codec.relationName() + " read " + cursor.position() + " of "
          + m.bytes.length + " bytes");
    }
    return fact;
  }
}
