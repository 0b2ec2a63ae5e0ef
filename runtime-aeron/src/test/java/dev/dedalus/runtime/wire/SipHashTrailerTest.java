package dev.dedalus.runtime.wire;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class SipHashTrailerTest {
  private static final HexFormat HEX = HexFormat.of();

  /** Every vector of the reference code: messages of 0 to 63 bytes, so every tail length. */
  @Test
  void matchesTheReferenceVectors() throws IOException {
    byte[] key = new byte[16];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) i;
    }
    List<String> vectors = referenceVectors();
    assertThat(vectors).hasSize(64);
    SipHashTrailer trailer = new SipHashTrailer(key);
    for (int length = 0; length < vectors.size(); length++) {
      byte[] message = new byte[length];
      for (int i = 0; i < length; i++) {
        message[i] = (byte) i;
      }
      assertThat(HEX.formatHex(tag(trailer, new UnsafeBuffer(message), 0, length)))
          .isEqualTo(vectors.get(length));
    }
  }

  /**
   * Against a plain byte-by-byte implementation of the paper's algorithm, on seeded random keys and
   * messages of many lengths (past 255, where the length byte wraps), at odd offsets in heap and
   * direct buffers.
   */
  @Test
  void matchesAPlainImplementationOnRandomInputs() {
    SplittableRandom random = new SplittableRandom(20261130);
    UnsafeBuffer heap = new UnsafeBuffer(new byte[4096 + 16]);
    UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(4096 + 16));
    for (int round = 0; round < 2000; round++) {
      byte[] key = new byte[16];
      random.nextBytes(key);
      int length = round < 600 ? round : random.nextInt(4000);
      int offset = random.nextInt(4096 - length + 1);
      byte[] message = new byte[length];
      random.nextBytes(message);
      byte[] expected = PlainSipHash128.tag(key, message);
      SipHashTrailer trailer = new SipHashTrailer(key);
      for (UnsafeBuffer buffer : List.of(heap, direct)) {
        // verify computes in place, over the buffer's own bytes (a direct buffer is not copied)
        buffer.putBytes(offset, message);
        buffer.putBytes(offset + length, expected);
        assertThat(trailer.verify(buffer, offset, length)).isTrue();
      }
      assertThat(HEX.formatHex(tag(trailer, heap, offset, length))).isEqualTo(HEX.formatHex(expected));
    }
  }

  /** The key derivation is pinned: HMAC-SHA256(key file bytes, "dedalus frame mac v1")[0, 16). */
  @Test
  void derivesItsKeyUnderTheFixedLabel() {
    byte[] keyFileBytes = new byte[32];
    for (int i = 0; i < keyFileBytes.length; i++) {
      keyFileBytes[i] = (byte) i;
    }
    // python3: hmac.new(bytes(range(32)), b"dedalus frame mac v1", hashlib.sha256).hexdigest()[:32]
    assertThat(HEX.formatHex(SipHashTrailer.deriveKey(keyFileBytes)))
        .isEqualTo("680abe3671944bb0e5a3ab75ea0d0e6f");
  }

  @Test
  void verifiesWhatItWroteAndNoFlippedBit() {
    SipHashTrailer trailer = new SipHashTrailer(SipHashTrailer.deriveKey(new byte[32]));
    UnsafeBuffer frame = new UnsafeBuffer(new byte[100 + trailer.length()]);
    for (int i = 0; i < 100; i++) {
      frame.putByte(i, (byte) (i * 31));
    }
    trailer.write(frame, 100);
    assertThat(trailer.verify(frame, 0, 100)).isTrue();
    for (int bit = 0; bit < 8 * frame.capacity(); bit++) {
      frame.putByte(bit / 8, (byte) (frame.getByte(bit / 8) ^ (1 << (bit % 8))));
      assertThat(trailer.verify(frame, 0, 100)).isFalse();
      frame.putByte(bit / 8, (byte) (frame.getByte(bit / 8) ^ (1 << (bit % 8))));
    }
    assertThat(trailer.verify(frame, 0, 100)).isTrue();
  }

  /** The tag {@code write} appends to a copy of {@code buffer[offset, offset + length)}. */
  private static byte[] tag(SipHashTrailer trailer, UnsafeBuffer buffer, int offset, int length) {
    UnsafeBuffer frame = new UnsafeBuffer(new byte[length + trailer.length()]);
    frame.putBytes(0, buffer, offset, length);
    trailer.write(frame, length);
    byte[] out = new byte[trailer.length()];
    frame.getBytes(length, out);
    return out;
  }

  private static List<String> referenceVectors() throws IOException {
    try (InputStream in = SipHashTrailerTest.class.getResourceAsStream("siphash128-vectors.txt")) {
      List<String> vectors = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          vectors.add(line.strip());
        }
      }
      return vectors;
    }
  }

  /** SipHash-2-4-128 as the paper states it, a byte array at a time, kept independent of the trailer. */
  private static final class PlainSipHash128 {
    static byte[] tag(byte[] key, byte[] message) {
      long k0 = ByteBuffer.wrap(key, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      long k1 = ByteBuffer.wrap(key, 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      long[] v = {k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL ^ 0xee, k0 ^ 0x6c7967656e657261L, k1 ^ 0x7465646279746573L};
      // Pad: the message, zeros to 7 mod 8, then the length mod 256.
      int padded = (message.length / 8 + 1) * 8;
      byte[] words = new byte[padded];
      System.arraycopy(message, 0, words, 0, message.length);
      words[padded - 1] = (byte) message.length;
      ByteBuffer in = ByteBuffer.wrap(words).order(ByteOrder.LITTLE_ENDIAN);
      while (in.hasRemaining()) {
        long m = in.getLong();
        v[3] ^= m;
        sipRound(v);
        sipRound(v);
        v[0] ^= m;
      }
      ByteBuffer out = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      v[2] ^= 0xee;
      for (int half = 0; half < 2; half++) {
        for (int r = 0; r < 4; r++) {
          sipRound(v);
        }
        out.putLong(v[0] ^ v[1] ^ v[2] ^ v[3]);
        v[1] ^= 0xdd;
      }
      return out.array();
    }

    private static void sipRound(long[] v) {
      v[0] += v[1];
      v[2] += v[3];
      v[1] = Long.rotateLeft(v[1], 13) ^ v[0];
      v[3] = Long.rotateLeft(v[3], 16) ^ v[2];
      v[0] = Long.rotateLeft(v[0], 32);
      v[2] += v[1];
      v[0] += v[3];
      v[1] = Long.rotateLeft(v[1], 17) ^ v[2];
      v[3] = Long.rotateLeft(v[3], 21) ^ v[0];
      v[2] = Long.rotateLeft(v[2], 32);
    }
  }
}
