package dev.dedalus.runtime.wire;

import java.util.zip.CRC32C;
import org.agrona.DirectBuffer;

/**
 * A 4-byte CRC32C (little-endian), the trailer of frames when no key is configured: it catches
 * corruption, not forgery.
 */
public final class Crc32cTrailer extends FrameTrailer {
  private final CRC32C crc = new CRC32C();
  /** Frames in buffers without a heap array (Aeron's term buffers) are copied here first. */
  private byte[] scratch = new byte[0];

  /** A CRC32C trailer with its own checksum state and scratch buffer. */
  public Crc32cTrailer() {
    super(FrameFormat.CRC32C_TRAILER_LENGTH);
  }

  @Override
  public short flag() {
    return FrameFormat.FLAGS_CRC32C;
  }

  @Override
  protected void compute(DirectBuffer buffer, int offset, int length, byte[] out) {
    crc.reset();
    byte[] array = buffer.byteArray();
    if (array != null) {
      crc.update(array, buffer.wrapAdjustment() + offset, length);
    } else {
      if (scratch.length < length) {
        scratch = new byte[Math.max(length, 2 * scratch.length)];
      }
      buffer.getBytes(offset, scratch, 0, length);
      crc.update(scratch, 0, length);
    }
    int value = (int) crc.getValue();
    out[0] = (byte) value;
    out[1] = (byte) (value >>> 8);
    out[2] = (byte) (value >>> 16);
    out[3] = (byte) (value >>> 24);
  }
}
