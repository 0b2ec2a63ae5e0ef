package dev.dedalus.runtime.durable;

import dev.dedalus.runtime.DurableStateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * How many batches the log has committed, and where the last one ends: what lets a truncated queue
 * be told from a shorter valid one. Chronicle itself cannot: a queue file cut at a document
 * boundary, or cut inside its header, reads back as a shorter queue or an empty one, and Chronicle
 * grows a short file back with zeros when it maps it.
 *
 * <p>A one-page file, memory-mapped, with two self-checking slots written alternately (batch
 * {@code n} goes to slot {@code n & 1}): a slot torn by a crash in the middle of its update fails
 * its CRC32C and the other slot, one commit older, stands. Each slot holds the number of committed
 * batches, the Chronicle cycle of the last one and the byte offset in that cycle's file where it
 * ends. It is written after the batch is in the queue (under {@link LogSync#DISK}, after the queue
 * file is forced), so it is a lower bound: the queue never holds fewer whole batches than it says,
 * and may hold more, when the process died between the two writes, or when a power loss took the
 * record's last updates. It is not forced on each commit (under DISK that would double the cost of
 * a commit for a number that may lag anyway), only when it is created, when it catches up on open
 * and when the log is closed. A queue shorter than the record is truncated, or lost writes.
 */
final class CommitRecord implements AutoCloseable {
  static final String FILE_NAME = "dedalus-log.commits";

  private static final int FILE_LENGTH = 4096;
  private static final int SLOT_STRIDE = 64;
  private static final int COUNT = 0;
  private static final int END = 8;
  private static final int CYCLE = 16;
  private static final int CRC = 20;
  private static final int SLOT_LENGTH = 24;
  private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

  private final Path file;
  private final FileChannel channel;
  private final MappedByteBuffer mapped;
  private final UnsafeBuffer page;
  private final UnsafeBuffer slot = new UnsafeBuffer(new byte[SLOT_LENGTH]);
  private final CRC32C crc = new CRC32C();
  private long count;
  private int cycle;
  private long end;

  private CommitRecord(Path file, FileChannel channel) throws IOException {
    this.file = file;
    this.channel = channel;
    this.mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_LENGTH);
    this.page = new UnsafeBuffer(mapped);
  }

  /** A new record of zero batches, forced to disk, replacing any file left by an interrupted creation. */
  static CommitRecord create(Path file) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        channel.write(ByteBuffer.allocate(FILE_LENGTH), 0);
        CommitRecord record = new CommitRecord(file, channel);
        record.write(0, 0, 0);
        record.force();
        return record;
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the commit record " + file, e);
    }
  }

  /**
   * Opens an existing record and reads its newest valid slot.
   *
   * @throws DurableStateException if the file is missing, short, or neither slot is valid
   */
  static CommitRecord open(Path file) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new DurableStateException(file, "the commit record cannot be opened (" + e + "); without it a truncated"
          + " queue cannot be told from a shorter one", e);
    }
    try {
      long size = channel.size();
      if (size != FILE_LENGTH) {
        throw new DurableStateException(file, "the commit record is " + size + " bytes long, not " + FILE_LENGTH
            + ": truncated or not a commit record");
      }
      CommitRecord record = new CommitRecord(file, channel);
      if (!record.readNewestSlot()) {
        record.close();
        throw new DurableStateException(file, "the commit record is damaged: neither of its two slots passes its checksum");
      }
      return record;
    } catch (IOException e) {
      Io.closeQuietly(channel);
      throw new DurableStateException(file, "the commit record cannot be read: " + e, e);
    } catch (RuntimeException e) {
      Io.closeQuietly(channel);
      throw e;
    }
  }

  private boolean readNewestSlot() {
    boolean found = false;
    for (int i = 0; i < 2; i++) {
      page.getBytes(i * SLOT_STRIDE, slot, 0, SLOT_LENGTH);
      if (slot.getInt(CRC, ORDER) == slotCrc()) {
        long slotCount = slot.getLong(COUNT, ORDER);
        if (!found || slotCount > count) {
          count = slotCount;
          end = slot.getLong(END, ORDER);
          cycle = slot.getInt(CYCLE, ORDER);
          found = true;
        }
      }
    }
    return found && count >= 0;
  }

  /** Records {@code newCount} committed batches, the last ending at {@code newEnd} in cycle {@code newCycle}. */
  void write(long newCount, int newCycle, long newEnd) {
    slot.putLong(COUNT, newCount, ORDER);
    slot.putLong(END, newEnd, ORDER);
    slot.putInt(CYCLE, newCycle, ORDER);
    slot.putInt(CRC, slotCrc(), ORDER);
    int offset = (int) (newCount & 1) * SLOT_STRIDE;
    page.putBytes(offset, slot, 0, SLOT_LENGTH);
    count = newCount;
    cycle = newCycle;
    end = newEnd;
  }

  /** msync of the record's page. */
  void force() {
    mapped.force();
  }

  private int slotCrc() {
    crc.reset();
    crc.update(slot.byteArray(), 0, CRC);
    return (int) crc.getValue();
  }

  Path file() {
    return file;
  }

  /** The number of committed batches. */
  long count() {
    return count;
  }

  /** The Chronicle cycle of the last committed batch (0 if none). */
  int cycle() {
    return cycle;
  }

  /** The offset in its cycle file just past the last committed batch (0 if none). */
  long end() {
    return end;
  }

  @Override
  public void close() {
    IoUtil.unmap(mapped);
    Io.closeQuietly(channel);
  }

}
