package dev.dedalus.jmh.acluster;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The wire format of the replicated key-value store, little-endian, behind Aeron Cluster's own
 * session header. Keys are longs; values are byte strings of any length (the benchmark uses a fixed
 * size, 16 bytes by default).
 *
 * <pre>
 * request  = op:byte requestId:long key:long body
 *   PUT    body = value (the rest of the message)
 *   GET    body = (empty)
 *   CAS    body = expectedLength:int (-1: the key must be absent) expected new (the rest)
 * reply    = requestId:long status:byte [value (the rest), for FOUND only]
 * </pre>
 *
 * A request id is chosen by the client and grows within one cluster session; the service answers
 * each id once and keeps the last reply of each session, so a retried request is answered again
 * from that reply rather than applied twice.
 */
public final class KvCodec {
  public static final byte PUT = 1;
  public static final byte GET = 2;
  public static final byte CAS = 3;

  /** PUT applied. */
  public static final byte OK = 0;
  /** GET of a key that has no value. */
  public static final byte ABSENT = 1;
  /** GET of a key with a value: the value follows. */
  public static final byte FOUND = 2;
  /** CAS found the expected value (or absence) and stored the new value. */
  public static final byte SWAPPED = 3;
  /** CAS found something else and changed nothing. */
  public static final byte NOT_SWAPPED = 4;

  static final int OP_OFFSET = 0;
  static final int ID_OFFSET = 1;
  static final int KEY_OFFSET = 9;
  public static final int REQUEST_HEADER_LENGTH = 17;
  static final int CAS_EXPECTED_OFFSET = REQUEST_HEADER_LENGTH + Integer.BYTES;

  static final int REPLY_ID_OFFSET = 0;
  static final int REPLY_STATUS_OFFSET = 8;
  public static final int REPLY_HEADER_LENGTH = 9;

  private KvCodec() {}

  /** Writes a PUT at {@code offset}; returns its length. */
  public static int put(MutableDirectBuffer buffer, int offset, long requestId, long key, byte[] value) {
    header(buffer, offset, PUT, requestId, key);
    buffer.putBytes(offset + REQUEST_HEADER_LENGTH, value);
    return REQUEST_HEADER_LENGTH + value.length;
  }

  /** Writes a GET at {@code offset}; returns its length. */
  public static int get(MutableDirectBuffer buffer, int offset, long requestId, long key) {
    header(buffer, offset, GET, requestId, key);
    return REQUEST_HEADER_LENGTH;
  }

  /**
   * Writes a CAS at {@code offset}; returns its length.
   *
   * @param expected the value the key must hold, or null if it must have none
   */
  public static int cas(MutableDirectBuffer buffer, int offset, long requestId, long key, byte[] expected,
      byte[] replacement) {
    header(buffer, offset, CAS, requestId, key);
    int expectedLength = expected == null ? 0 : expected.length;
    buffer.putInt(offset + REQUEST_HEADER_LENGTH, expected == null ? -1 : expectedLength);
    if (expected != null) {
      buffer.putBytes(offset + CAS_EXPECTED_OFFSET, expected);
    }
    buffer.putBytes(offset + CAS_EXPECTED_OFFSET + expectedLength, replacement);
    return CAS_EXPECTED_OFFSET + expectedLength + replacement.length;
  }

  private static void header(MutableDirectBuffer buffer, int offset, byte op, long requestId, long key) {
    buffer.putByte(offset + OP_OFFSET, op);
    buffer.putLong(offset + ID_OFFSET, requestId);
    buffer.putLong(offset + KEY_OFFSET, key);
  }

  public static byte op(DirectBuffer buffer, int offset) {
    return buffer.getByte(offset + OP_OFFSET);
  }

  public static long requestId(DirectBuffer buffer, int offset) {
    return buffer.getLong(offset + ID_OFFSET);
  }

  public static long key(DirectBuffer buffer, int offset) {
    return buffer.getLong(offset + KEY_OFFSET);
  }

  /** Writes a reply without a value at {@code offset}; returns its length. */
  public static int reply(MutableDirectBuffer buffer, int offset, long requestId, byte status) {
    buffer.putLong(offset + REPLY_ID_OFFSET, requestId);
    buffer.putByte(offset + REPLY_STATUS_OFFSET, status);
    return REPLY_HEADER_LENGTH;
  }

  /** Writes a FOUND reply carrying {@code value} at {@code offset}; returns its length. */
  public static int found(MutableDirectBuffer buffer, int offset, long requestId, byte[] value) {
    reply(buffer, offset, requestId, FOUND);
    buffer.putBytes(offset + REPLY_HEADER_LENGTH, value);
    return REPLY_HEADER_LENGTH + value.length;
  }

  public static long replyId(DirectBuffer buffer, int offset) {
    return buffer.getLong(offset + REPLY_ID_OFFSET);
  }

  public static byte replyStatus(DirectBuffer buffer, int offset) {
    return buffer.getByte(offset + REPLY_STATUS_OFFSET);
  }

  /** The value of a FOUND reply of {@code length} bytes, copied. */
  public static byte[] replyValue(DirectBuffer buffer, int offset, int length) {
    byte[] value = new byte[length - REPLY_HEADER_LENGTH];
    buffer.getBytes(offset + REPLY_HEADER_LENGTH, value);
    return value;
  }
}
