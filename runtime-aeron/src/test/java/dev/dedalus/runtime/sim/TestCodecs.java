package dev.dedalus.runtime.sim;

import dev.dedalus.runtime.DecodeCursor;
import dev.dedalus.runtime.RelationCodec;
import java.util.function.ToIntFunction;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** Hand-written codecs for test programs, assembled from three functions; counts decodes. */
final class TestCodecs {
  private TestCodecs() {}

  interface Encoder<T> {
    int encode(T fact, MutableDirectBuffer b, int offset);
  }

  interface Decoder<T> {
    T decode(DirectBuffer b, DecodeCursor c);
  }

  /** Counts codec use, so tests can tell that messages really went through the wire form. */
  static final class Stats {
    long encodes;
    long decodes;
  }

  static <T> RelationCodec<T> codec(int id, String name, Class<T> type, Stats stats, ToIntFunction<T> length,
      Encoder<T> encoder, Decoder<T> decoder) {
    return new RelationCodec<>() {
      @Override
      public int relationId() {
        return id;
      }

      @Override
      public int schemaHash() {
        return name.hashCode();
      }

      @Override
      public String relationName() {
        return name;
      }

      @Override
      public Class<T> type() {
        return type;
      }

      @Override
      public int encodedLength(T fact) {
        return length.applyAsInt(fact);
      }

      @Override
      public int encode(T fact, MutableDirectBuffer buffer, int offset) {
        stats.encodes++;
        return encoder.encode(fact, buffer, offset);
      }

      @Override
      public T decode(DirectBuffer buffer, DecodeCursor cursor) {
        stats.decodes++;
        return decoder.decode(buffer, cursor);
      }
    };
  }
}
