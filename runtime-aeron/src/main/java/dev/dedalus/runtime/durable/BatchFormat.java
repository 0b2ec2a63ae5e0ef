package dev.dedalus.runtime.durable;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A committed batch: the facts of one tick, as one or more Chronicle documents (<em>parts</em>).
 * Chronicle writes a document in place only up to its overlap size (a quarter block) and asserts
 * that none spans more than a block, so a large batch is cut into parts of at most
 * {@link #MAX_PART_PAYLOAD} payload bytes. A part, little-endian:
 *
 * <pre>
 *   0  int   magic "DDLB"
 *   4  long  log id (the header's: a part of another log is refused)
 *  12  long  batch sequence number, 1 for the log's first batch, +1 per batch
 *  20  int   part index, from 0
 *  24  int   part count of the batch
 *  28  int   fact count of the whole batch
 *  32  int   payload length of this part
 *  36  payload: the next bytes of the batch's facts, each fact an int relation field (the
 *      relation's log id for an append, its bitwise complement, a negative number, for an
 *      erasure), an int length and that many bytes (the relation codec's encoding); a fact may
 *      span parts
 *  36+payload length: int CRC32C of every byte of the part before it
 * </pre>
 *
 * Counts, lengths and checksums make every part and every batch self-checking: a flipped byte, a
 * torn or zero-filled tail, a part of another log, a gap or repeat in the sequence are refused. A
 * batch counts only once its last part is read; a process that dies between parts leaves an
 * unfinished batch, which the next commit restarts from part 0 with the same sequence number.
 */
final class BatchFormat {
  static final int MAGIC = 0x424C4444; // "DDLB" in little-endian byte order
  static final int LOG_ID = 4;
  static final int SEQUENCE = 12;
  static final int PART_INDEX = 20;
  static final int PART_COUNT = 24;
  static final int FACT_COUNT = 28;
  static final int PAYLOAD_LENGTH = 32;
  static final int PART_HEADER_LENGTH = 36;
  static final int TRAILER_LENGTH = 4;
  static final int FACT_RELATION = 0;
  static final int FACT_LENGTH = 4;
  static final int FACT_HEADER_LENGTH = 8;
  /** Payload bytes per part: half the 1 MiB a document may take in place with 4 MiB blocks. */
  static final int MAX_PART_PAYLOAD = 512 * 1024;
  static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

  private BatchFormat() {}

  /** The number of parts of a batch whose facts take {@code payloadLength} bytes. */
  static int partCount(int payloadLength) {
    return Math.max(1, (payloadLength + MAX_PART_PAYLOAD - 1) / MAX_PART_PAYLOAD);
  }

  /** The relation field of a fact: the log id of an append, its complement for an erasure. */
  static int relationField(int relationLogId, boolean erasure) {
    return erasure ? ~relationLogId : relationLogId;
  }

  static boolean isErasure(int relationField) {
    return relationField < 0;
  }

  static int relationLogId(int relationField) {
    return relationField < 0 ? ~relationField : relationField;
  }

  /** Writes a part header into {@code b} at 0. */
  static void writeHeader(MutableDirectBuffer b, long logId, long sequence, int partIndex, int partCount, int factCount,
      int payloadLength) {
    b.putInt(0, MAGIC, ORDER);
    b.putLong(LOG_ID, logId, ORDER);
    b.putLong(SEQUENCE, sequence, ORDER);
    b.putInt(PART_INDEX, partIndex, ORDER);
    b.putInt(PART_COUNT, partCount, ORDER);
    b.putInt(FACT_COUNT, factCount, ORDER);
    b.putInt(PAYLOAD_LENGTH, payloadLength, ORDER);
  }

  /** The checksum of a part: its header, then its payload taken from {@code facts}. */
  static int checksum(DirectBuffer header, DirectBuffer facts, int from, int length, CRC32C crc) {
    crc.reset();
    crc.update(header.byteArray(), 0, PART_HEADER_LENGTH);
    crc.update(facts.byteArray(), from, length);
    return (int) crc.getValue();
  }

  /**
   * Checks one part of {@code length} bytes at the start of {@code b} on its own: shape, checksum
   * and log id.
   *
   * @return null if it is a whole part of log {@code logId}; else the problem
   */
  static String checkPart(DirectBuffer b, int length, long logId, CRC32C crc) {
    if (length < PART_HEADER_LENGTH + TRAILER_LENGTH || length > PART_HEADER_LENGTH + MAX_PART_PAYLOAD + TRAILER_LENGTH) {
      return "is a document of " + length + " bytes, not a batch part";
    }
    if (b.getInt(0, ORDER) != MAGIC) {
      return "is not a batch part (magic " + LogHeader.hex(b.getInt(0, ORDER)) + ")";
    }
    int end = length - TRAILER_LENGTH;
    crc.reset();
    crc.update(b.byteArray(), 0, end);
    int computed = (int) crc.getValue();
    int stored = b.getInt(end, ORDER);
    if (stored != computed) {
      return "fails its checksum (stored " + LogHeader.hex(stored) + ", computed " + LogHeader.hex(computed)
          + "): its bytes were changed or torn";
    }
    if (b.getLong(LOG_ID, ORDER) != logId) {
      return "belongs to another log (log id " + Long.toHexString(b.getLong(LOG_ID, ORDER)) + ", the header says "
          + Long.toHexString(logId) + ")";
    }
    if (b.getInt(PAYLOAD_LENGTH, ORDER) != end - PART_HEADER_LENGTH) {
      return "declares " + b.getInt(PAYLOAD_LENGTH, ORDER) + " payload bytes but holds " + (end - PART_HEADER_LENGTH);
    }
    int index = b.getInt(PART_INDEX, ORDER);
    int count = b.getInt(PART_COUNT, ORDER);
    if (count < 1 || index < 0 || index >= count || b.getInt(FACT_COUNT, ORDER) < 1) {
      return "declares part " + index + " of " + count + " with " + b.getInt(FACT_COUNT, ORDER) + " facts";
    }
    return null;
  }

  /**
   * Checks the facts of a whole batch: {@code declared} facts of declared relations exactly fill
   * {@code length} bytes at the start of {@code b}.
   *
   * @return null if they do; else the problem
   */
  static String checkFacts(DirectBuffer b, int length, int declared, boolean[] knownRelations) {
    int facts = 0;
    int at = 0;
    while (at < length) {
      if (length - at < FACT_HEADER_LENGTH) {
        return "has a fact header that runs past its payload";
      }
      int relation = relationLogId(b.getInt(at + FACT_RELATION, ORDER));
      int factLength = b.getInt(at + FACT_LENGTH, ORDER);
      if (relation < 0 || relation >= knownRelations.length || !knownRelations[relation]) {
        return "has fact " + facts + " of relation log id " + relation + ", which the header does not declare";
      }
      if (factLength < 0 || factLength > length - at - FACT_HEADER_LENGTH) {
        return "has fact " + facts + " of length " + factLength + ", past its payload";
      }
      at += FACT_HEADER_LENGTH + factLength;
      facts++;
    }
    if (facts != declared) {
      return "holds " + facts + " facts but declares " + declared;
    }
    return null;
  }
}
