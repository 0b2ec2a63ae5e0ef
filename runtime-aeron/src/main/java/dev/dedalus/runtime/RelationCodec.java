package dev.dedalus.runtime;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The binary codec of one relation that crosses the network; generated per relation. Facts are
 * encoded field after field in little-endian order: {@code int} 4 bytes, {@code long},
 * {@code double} and {@code Location} 8, {@code boolean} 1 (0 or 1), {@code String} and
 * {@code byte[]} as an {@code int} length followed by the (UTF-8) bytes.
 *
 * @param <T> the relation's record type
 */
public interface RelationCodec<T> {

  /** {@return the relation's id, unique within its program} */
  int relationId();

  /** {@return a hash of the relation's name and attribute types} A frame whose hash differs is rejected. */
  int schemaHash();

  /** {@return the relation's name, for logs and errors} */
  String relationName();

  /** {@return the record class of the relation} */
  Class<T> type();

  /**
   * {@return the exact number of bytes {@link #encode} writes for {@code fact}}
   *
   * @param fact the fact to measure
   */
  int encodedLength(T fact);

  /**
   * Writes {@code fact} at {@code offset}. The buffer must have {@link #encodedLength encodedLength(fact)}
   * bytes from there.
   *
   * @param fact the fact to write
   * @param buffer the buffer to write into
   * @param offset where the fact starts
   * @return the offset just after it
   */
  int encode(T fact, MutableDirectBuffer buffer, int offset);

  /**
   * Reads one fact at {@code cursor.position()}, never past {@code cursor.limit()}, and advances the
   * cursor past it.
   *
   * @param buffer the buffer holding the frame
   * @param cursor where to read; advanced past the fact
   * @return the fact read
   * @throws MalformedFrameException if the bytes are not a valid fact of this relation
   */
  T decode(DirectBuffer buffer, DecodeCursor cursor);
}
