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

  /**
   * Reads a little-endian {@code int} at the cursor and advances it by 4 bytes.
   *
   * @param b the buffer holding the frame
   * @param c the cursor; its limit bounds the read
   * @return the value read
   * @throws MalformedFrameException if fewer than 4 bytes remain before the limit
   */
  public static int readInt(DirectBuffer b, DecodeCursor c) {
    return b.getInt(c.take(Integer.BYTES), ORDER);
  }

  /**
   * Reads a little-endian {@code long} at the cursor and advances it by 8 bytes.
   *
   * @param b the buffer holding the frame
   * @param c the cursor; its limit bounds the read
   * @return the value read
   * @throws MalformedFrameException if fewer than 8 bytes remain before the limit
   */
  public static long readLong(DirectBuffer b, DecodeCursor c) {
    return b.getLong(c.take(Long.BYTES), ORDER);
  }

  /**
   * Reads a little-endian {@code double} at the cursor and advances it by 8 bytes.
   *
   * @param b the buffer holding the frame
   * @param c the cursor; its limit bounds the read
   * @return the value read
   * @throws MalformedFrameException if fewer than 8 bytes remain before the limit
   */
  public static double readDouble(DirectBuffer b, DecodeCursor c) {
    return b.getDouble(c.take(Double.BYTES), ORDER);
  }

  /**
   * Reads a {@code boolean}, one byte that must be 0 or 1, and advances the cursor by 1 byte.
   *
   * @param b the buffer holding the frame
   * @param c the cursor; its limit bounds the read
   * @return the value read
   * @throws MalformedFrameException if no byte remains before the limit, or the byte is neither 0 nor 1
   */
  public static boolean readBoolean(DirectBuffer b, DecodeCursor c) {
    byte v = b.getByte(c.take(1));
    if (v != 0 && v != 1) {
      throw MalformedFrameException.INSTANCE;
    }
    return v == 1;
  }

  /**
   * Reads a location. Locations are values; the one returned is usually a cached instance (see
   * {@link LocationCache}), so decoding the same ids again allocates nothing. The wire form is the
   * location's id, a little-endian {@code long}; the cursor advances by 8 bytes.
   *
   * @param b the buffer holding the frame
   * @param c the cursor; its limit bounds the read
   * @return the location read
   * @throws MalformedFrameException if fewer than 8 bytes remain before the limit
   */
  public static Location readLocation(DirectBuffer b, DecodeCursor c) {
    return LOCATIONS.get(b.getLong(c.take(Long.BYTES), ORDER));
  }

  /**
   * Reads a string written by {@link #writeString}: a little-endian {@code int} byte length, then
   * that many bytes of UTF-8. The cursor advances past both.
   *
   * @param b the buffer holding the frame
   * @param c the cursor; its limit bounds the read
   * @return the string read
   * @throws MalformedFrameException if the length is negative or over {@link #MAX_VARIABLE_LENGTH},
   *     or the bytes run past the limit
   */
  public static String readString(DirectBuffer b, DecodeCursor c) {
    int length = readLength(b, c);
    int at = c.take(length);
    return b.getStringWithoutLengthUtf8(at, length);
  }

  /**
   * Reads a byte array written by {@link #writeBytes}: a little-endian {@code int} length, then that
   * many bytes. The cursor advances past both.
   *
   * @param b the buffer holding the frame
   * @param c the cursor; its limit bounds the read
   * @return a new array holding the bytes read
   * @throws MalformedFrameException if the length is negative or over {@link #MAX_VARIABLE_LENGTH},
   *     or the bytes run past the limit
   */
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

  /**
   * Writes {@code v} as a little-endian {@code int}. Writers do not check bounds beyond what the
   * buffer itself checks: callers size the buffer first.
   *
   * @param b the buffer to write to
   * @param offset where to write
   * @param v the value
   * @return the offset just past what was written ({@code offset + 4})
   */
  public static int writeInt(MutableDirectBuffer b, int offset, int v) {
    b.putInt(offset, v, ORDER);
    return offset + Integer.BYTES;
  }

  /**
   * Writes {@code v} as a little-endian {@code long}.
   *
   * @param b the buffer to write to
   * @param offset where to write
   * @param v the value
   * @return the offset just past what was written ({@code offset + 8})
   */
  public static int writeLong(MutableDirectBuffer b, int offset, long v) {
    b.putLong(offset, v, ORDER);
    return offset + Long.BYTES;
  }

  /**
   * Writes {@code v} as a little-endian {@code double}.
   *
   * @param b the buffer to write to
   * @param offset where to write
   * @param v the value
   * @return the offset just past what was written ({@code offset + 8})
   */
  public static int writeDouble(MutableDirectBuffer b, int offset, double v) {
    b.putDouble(offset, v, ORDER);
    return offset + Double.BYTES;
  }

  /**
   * Writes {@code v} as one byte, 1 for {@code true} and 0 for {@code false}.
   *
   * @param b the buffer to write to
   * @param offset where to write
   * @param v the value
   * @return the offset just past what was written ({@code offset + 1})
   */
  public static int writeBoolean(MutableDirectBuffer b, int offset, boolean v) {
    b.putByte(offset, (byte) (v ? 1 : 0));
    return offset + 1;
  }

  /**
   * Writes a location as its id, a little-endian {@code long}.
   *
   * @param b the buffer to write to
   * @param offset where to write
   * @param v the location; not null
   * @return the offset just past what was written ({@code offset + 8})
   */
  public static int writeLocation(MutableDirectBuffer b, int offset, Location v) {
    b.putLong(offset, v.id(), ORDER);
    return offset + Long.BYTES;
  }

  /**
   * Writes the length then the UTF-8 bytes, encoding straight into the buffer (no byte array);
   * {@link #stringLength} gives the exact size. Like {@link String#getBytes} with UTF-8, an unpaired
   * surrogate is written as {@code '?'}.
   *
   * @param b the buffer to write to; it must have {@link #stringLength stringLength(v)} bytes from
   *     {@code offset}
   * @param offset where to write
   * @param v the string; not null
   * @return the offset just past what was written
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

  /**
   * Writes a byte array: its length as a little-endian {@code int}, then its bytes.
   *
   * @param b the buffer to write to; it must have {@link #bytesLength bytesLength(v)} bytes from
   *     {@code offset}
   * @param offset where to write
   * @param v the bytes; not null
   * @return the offset just past what was written
   */
  public static int writeBytes(MutableDirectBuffer b, int offset, byte[] v) {
    b.putInt(offset, v.length, ORDER);
    b.putBytes(offset + Integer.BYTES, v);
    return offset + Integer.BYTES + v.length;
  }

  /**
   * The encoded size of a string: its length prefix and its UTF-8 bytes, counted without encoding
   * (the same count as {@link #writeString} writes and {@link String#getBytes} with UTF-8 gives).
   *
   * @param v the string; not null
   * @return the number of bytes {@link #writeString} writes for {@code v}
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

  /**
   * The encoded size of a byte array: its length prefix and its bytes.
   *
   * @param v the bytes; not null
   * @return the number of bytes {@link #writeBytes} writes for {@code v}
   */
  public static int bytesLength(byte[] v) {
    return Integer.BYTES + v.length;
  }
}
