package dev.dedalus.runtime;

import dev.dedalus.Location;
import java.nio.ByteOrder;
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

  /**
   * Writes the length then the UTF-8 bytes, encoding straight into the buffer (no byte array);
   * {@link #stringLength} gives the exact size. Like {@link String#getBytes} with UTF-8, an unpaired
   * surrogate is written as {@code '?'}.
   */
  public static int writeString(MutableDirectBuffer b, int offset, String v) {
    int at = offset + Integer.BYTES;
    int n = v.length();
    for (int i = 0; i < n; i++) {
      char ch = v.charAt(i);
      if (ch < 0x80) {
        b.putByte(at++, (byte) ch);
      } else if (ch < 0x800) {
        b.putByte(at++, (byte) (0xC0 | (ch >> 6)));
        b.putByte(at++, (byte) (0x80 | (ch & 0x3F)));
      } else if (!Character.isSurrogate(ch)) {
        b.putByte(at++, (byte) (0xE0 | (ch >> 12)));
        b.putByte(at++, (byte) (0x80 | ((ch >> 6) & 0x3F)));
        b.putByte(at++, (byte) (0x80 | (ch & 0x3F)));
      } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(v.charAt(i + 1))) {
        int cp = Character.toCodePoint(ch, v.charAt(++i));
        b.putByte(at++, (byte) (0xF0 | (cp >> 18)));
        b.putByte(at++, (byte) (0x80 | ((cp >> 12) & 0x3F)));
        b.putByte(at++, (byte) (0x80 | ((cp >> 6) & 0x3F)));
        b.putByte(at++, (byte) (0x80 | (cp & 0x3F)));
      } else {
        b.putByte(at++, (byte) '?');
      }
    }
    b.putInt(offset, at - offset - Integer.BYTES, ORDER);
    return at;
  }

  public static int writeBytes(MutableDirectBuffer b, int offset, byte[] v) {
    b.putInt(offset, v.length, ORDER);
    b.putBytes(offset + Integer.BYTES, v);
    return offset + Integer.BYTES + v.length;
  }

  /**
   * The encoded size of a string: its length prefix and its UTF-8 bytes, counted without encoding
   * (the same count as {@link #writeString} writes and {@link String#getBytes} with UTF-8 gives).
   */
  public static int stringLength(String v) {
    return Integer.BYTES + utf8Length(v);
  }

  /** The number of UTF-8 bytes of {@code v}; an unpaired surrogate counts 1 (it is written as '?'). */
  static int utf8Length(String v) {
    int n = v.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char ch = v.charAt(i);
      if (ch < 0x80) {
        continue;
      }
      if (ch < 0x800) {
        bytes += 1;
      } else if (!Character.isSurrogate(ch)) {
        bytes += 2;
      } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(v.charAt(i + 1))) {
        bytes += 2; // two chars, four bytes
        i++;
      }
    }
    return bytes;
  }

  public static int bytesLength(byte[] v) {
    return Integer.BYTES + v.length;
  }
}
