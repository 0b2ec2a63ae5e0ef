package dev.dedalus.runtime.wire;

import java.util.zip.CRC32C;

/**
 * A 4-byte CRC32C (little-endian), the trailer of frames when no key is configured: it catches
 * corruption, not forgery.
 */
public final class Crc32cTrailer extends FrameTrailer {
  private final CRC32C crc = new CRC32C();

  public Crc32cTrailer() {
    super(FrameFormat.CRC32C_TRAILER_LENGTH);
  }

  @Override
  public short flag() {
    return FrameFormat.FLAGS_CRC32C;
  }

  @Override
  protected void compute(byte[] bytes, int offset, int length, byte[] out) {
    crc.reset();
    crc.update(bytes, offset, length);
    int value = (int) crc.getValue();
    out[0] = (byte) value;
    out[1] = (byte) (value >>> 8);
    out[2] = (byte) (value >>> 16);
    out[3] = (byte) (value >>> 24);
  }
}
