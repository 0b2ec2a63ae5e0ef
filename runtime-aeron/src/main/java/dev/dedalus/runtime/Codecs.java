package dev.dedalus.runtime;

import dev.dedalus.Location;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Field encoders and validating decoders used by generated codecs. Every read checks the cursor's
 * limit, so a truncated or lying frame raises {@link MalformedFrameException} instead of reading
 * past it. Numbers are little-endian whatever the host, so hosts of either byte order interoperate.
 */
public final class Codecs {
  /** The largest string or byte array a fact may carry, a sanity bound against corrupt lengths. */
  public static final int MAX_VARIABLE_LENGTH = 16 * 1024 * 1024;

  private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

  /**
   * Decoded locations, shared by every codec and thread: 4,096 slots (16 or 32 KiB of references) keep,
   * for instance, 100 node ids and 1,000 client ids all at once (LocationCacheTest), so decoding
   * them again allocates nothing.
   */
  private static final LocationCache LOCATIONS = new LocationCache(12);

  private Codecs() {}

  public static int readInt(DirectBuffer b, DecodeCursor c) {
    return b.getInt(c.take(Integer.BYTES), ORDER);
  }

  public static long readLong(DirectBuffer b, DecodeCursor c) {
    return b.getLong(c.take(Long.BYTES), ORDER);
  }

  public static double readDouble(DirectBuffer b, DecodeCursor c) {
    return b.getDouble(c.take(Double.BYTES), ORDER);
  }

  public static boolean readBoolean(DirectBuffer b, DecodeCursor c) {
    byte v = b.getByte(c.take(1));
    if (v != 0 && v != 1) {
      throw MalformedFrameException.INSTANCE;
    }
    return v == 1;
  }

  /**
   * Reads a location. Locations are values; the one returned is usually a cached instance (see
   * {@link LocationCache}), so decoding the same ids again allocates nothing.
   */
  public static Location readLocation(DirectBuffer b, DecodeCursor c) {
    return LOCATIONS.get(b.getLong(c.take(Long.BYTES), ORDER));
  }

  public static String readString(DirectBuffer b, DecodeCursor c) {
    int length = readLength(b, c);
    int at = c.take(length);
    return b.getStringWithoutLengthUtf8(at, length);
  }

  public static byte[] readBytes(DirectBuffer b, DecodeCursor c) {
    int length = readLength(b, c);
    byte[] bytes = new byte[length];
    b.getBytes(c.take(length), bytes);
    return bytes;
  }

  private static int readLength(DirectBuffer b, DecodeCursor c) {
    int length = b.getInt(c.take(Integer.BYTES), ORDER);
    if (length < 0 || length > MAX_VARIABLE_LENGTH) {
      throw MalformedFrameException.INSTANCE;
    }
    return length;
  }

  public static int writeInt(MutableDirectBuffer b, int offset, int v) {
    b.putInt(offset, v, ORDER);
    return offset + Integer.BYTES;
  }

  public static int writeLong(MutableDirectBuffer b, int offset, long v) {
    b.putLong(offset, v, ORDER);
    return offset + Long.BYTES;
  }

  public static int writeDouble(MutableDirectBuffer b, int offset, double v) {
    b.putDouble(offset, v, ORDER);
    return offset + Double.BYTES;
  }

  public static int writeBoolean(MutableDirectBuffer b, int offset, boolean v) {
    b.putByte(offset, (byte) (v ? 1 : 0));
    return offset + 1;
  }

  public static int writeLocation(MutableDirectBuffer b, int offset, Location v) {
    b.putLong(offset, v.id(), ORDER);
    return offset + Long.BYTES;
  }

  /** Writes the length then the UTF-8 bytes; {@link #stringLength} gives the exact size. */
  public static int writeString(MutableDirectBuffer b, int offset, String v) {
    int written = b.putStringWithoutLengthUtf8(offset + Integer.BYTES, v);
    b.putInt(offset, written, ORDER);
    return offset + Integer.BYTES + written;
  }

  public static int writeBytes(MutableDirectBuffer b, int offset, byte[] v) {
    b.putInt(offset, v.length, ORDER);
    b.putBytes(offset + Integer.BYTES, v);
    return offset + Integer.BYTES + v.length;
  }

  /** The encoded size of a string: its length prefix and its UTF-8 bytes. */
  public static int stringLength(String v) {
    int n = v.length();
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) >= 0x80) {
        return Integer.BYTES + v.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return Integer.BYTES + n;
  }

  public static int bytesLength(byte[] v) {
    return Integer.BYTES + v.length;
  }
}
