package dev.dedalus.runtime.wire;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 16-byte MAC: HMAC-SHA256 under a key, truncated to its first 128 bits (as RFC 2104 allows),
 * the trailer of frames when keys are configured. Only a holder of the key can make a frame that
 * verifies. The {@link Mac} is initialized once and reused for every frame.
 */
public final class HmacTrailer extends FrameTrailer {
  private static final String ALGORITHM = "HmacSHA256";

  private final Mac mac;
  private final byte[] full;

  /** @param key the key bytes; copied into the {@link Mac}, not kept here */
  public HmacTrailer(byte[] key) {
    super(FrameFormat.MAC_TRAILER_LENGTH);
    try {
      this.mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot compute " + ALGORITHM, e);
    }
    this.full = new byte[mac.getMacLength()];
  }

  @Override
  public short flag() {
    return FrameFormat.FLAG_MAC;
  }

  @Override
  protected void compute(byte[] bytes, int offset, int length, byte[] out) {
    mac.update(bytes, offset, length);
    try {
      mac.doFinal(full, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e); // full has the MAC's length
    }
    System.arraycopy(full, 0, out, 0, out.length);
  }
}
