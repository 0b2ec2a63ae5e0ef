package dev.dedalus.runtime.wire;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.agrona.DirectBuffer;

/**
 * A 16-byte MAC, the trailer of frames when keys are configured: SipHash-2-4 with its 128-bit
 * output (Aumasson and Bernstein, "SipHash: a fast short-input PRF", and the reference code's
 * {@code siphash.c} with {@code outlen} 16), a keyed PRF designed as a MAC for short messages. Only
 * a holder of the key can make a frame that verifies. It reads the frame's little-endian words
 * straight from the buffer, heap or Aeron's direct term buffer alike, with no copy and no
 * allocation per frame.
 *
 * <p>Its 128-bit key is not the key file's bytes but is derived from them, once, by {@link
 * #deriveKey}: the first 16 bytes of HMAC-SHA256 under the key file's bytes of the label {@value
 * #KEY_LABEL}. So key files stay as they are, and a key file's bytes are never used directly as a
 * SipHash key.
 */
public final class SipHashTrailer extends FrameTrailer {
  /** The label the SipHash key is derived under; changing it changes every key. */
  public static final String KEY_LABEL = "dedalus frame mac v1";
  /** SipHash's key length, in bytes. */
  public static final int KEY_LENGTH = 16;

  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  private final long k0;
  private final long k1;
  /** SipHash's state while a tag is computed: fields, so that no call allocates. */
  private long v0;
  private long v1;
  private long v2;
  private long v3;

  /**
   * @param key a 128-bit SipHash key, as {@link #deriveKey} makes; read into two words, not kept
   * @throws IllegalArgumentException if the key is not 16 bytes
   */
  public SipHashTrailer(byte[] key) {
    super(FrameFormat.MAC_TRAILER_LENGTH);
    if (key.length != KEY_LENGTH) {
      throw new IllegalArgumentException("a SipHash key has " + KEY_LENGTH + " bytes, not " + key.length);
    }
    this.k0 = littleEndianLong(key, 0);
    this.k1 = littleEndianLong(key, 8);
  }

  /**
   * The SipHash key for a key file's bytes: HMAC-SHA256(key file bytes, {@value #KEY_LABEL})
   * truncated to 128 bits. Done once per key, not per frame.
   *
   * @param keyFileBytes the key as its file holds it
   * @return the 16-byte SipHash key
   */
  public static byte[] deriveKey(byte[] keyFileBytes) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(keyFileBytes, "HmacSHA256"));
      byte[] full = hmac.doFinal(KEY_LABEL.getBytes(StandardCharsets.US_ASCII));
      byte[] key = Arrays.copyOf(full, KEY_LENGTH);
      Arrays.fill(full, (byte) 0);
      return key;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot compute HmacSHA256", e);
    }
  }

  @Override
  public short flag() {
    return FrameFormat.FLAG_MAC;
  }

  @Override
  protected void compute(DirectBuffer buffer, int offset, int length, byte[] out) {
    v0 = 0x736f6d6570736575L ^ k0;
    v1 = 0x646f72616e646f6dL ^ k1 ^ 0xeeL; // 0xee: the 128-bit output variant
    v2 = 0x6c7967656e657261L ^ k0;
    v3 = 0x7465646279746573L ^ k1;
    int end = offset + (length & ~7);
    for (int i = offset; i < end; i += 8) {
      absorb(buffer.getLong(i, LE));
    }
    // The last word: the remaining 0 to 7 bytes, little-endian, under the length's low byte.
    long last = ((long) length) << 56;
    for (int i = (length & 7) - 1; i >= 0; i--) {
      last |= (buffer.getByte(end + i) & 0xffL) << (8 * i);
    }
    absorb(last);
    // Finalization: four rounds for each 64-bit half of the tag.
    v2 ^= 0xeeL;
    rounds(4);
    putLittleEndianLong(out, 0, v0 ^ v1 ^ v2 ^ v3);
    v1 ^= 0xddL;
    rounds(4);
    putLittleEndianLong(out, 8, v0 ^ v1 ^ v2 ^ v3);
  }

  /** One message word, with SipHash-2-4's two compression rounds. */
  private void absorb(long m) {
    v3 ^= m;
    rounds(2);
    v0 ^= m;
  }

  private void rounds(int count) {
    long a = v0;
    long b = v1;
    long c = v2;
    long d = v3;
    for (int r = 0; r < count; r++) {
      a += b; b = Long.rotateLeft(b, 13); b ^= a; a = Long.rotateLeft(a, 32);
      c += d; d = Long.rotateLeft(d, 16); d ^= c;
      a += d; d = Long.rotateLeft(d, 21); d ^= a;
      c += b; b = Long.rotateLeft(b, 17); b ^= c; c = Long.rotateLeft(c, 32);
    }
    v0 = a;
    v1 = b;
    v2 = c;
    v3 = d;
  }

  private static long littleEndianLong(byte[] bytes, int offset) {
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (bytes[offset + i] & 0xffL);
    }
    return value;
  }

  private static void putLittleEndianLong(byte[] out, int offset, long value) {
    for (int i = 0; i < 8; i++) {
      out[offset + i] = (byte) (value >>> (8 * i));
    }
  }
}
