package dev.dedalus.runtime.durable;

import dev.dedalus.runtime.DecodeCursor;
import dev.dedalus.runtime.DurableLog;
import dev.dedalus.runtime.RecoveredFacts;
import dev.dedalus.runtime.DurableStateException;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.wire.FactConsumer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A node's {@code @Durable} relations in a Chronicle Queue: a write-ahead log with group commit.
 * {@link #append} encodes a fact into a reusable buffer; {@link #commit} writes the tick's facts as
 * one self-checking batch (one Chronicle document, or several for a large tick, see
 * {@link BatchFormat}) and syncs it as the {@link LogSync} level says; {@link #erase} records a fact a
 * relation lost the same way; {@link #recover} reads every committed batch back, checks it, replays
 * its appends and erasures and hands the facts that remain to the stage.
 *
 * <h2>The node directory</h2>
 *
 * {@code <data-dir>/<program>/<role>-<instance>[.<partition>]} ({@link #nodeDirectory}), on a real
 * disk (not {@code /dev/shm}), holding:
 *
 * <ul>
 *   <li>{@value DirectoryLock#FILE_NAME}: locked while a node runs ({@link DirectoryLock});
 *   <li>{@value LogHeader#FILE_NAME}: program, node, log id, durable relations ({@link LogHeader});
 *   <li>{@value CommitRecord#FILE_NAME}: batches committed and where the last ends ({@link CommitRecord});
 *   <li>{@code queue/}: Chronicle's files, roll cycle {@code FAST_DAILY} (one {@code .cq4} file a
 *       day, UTC; pinned, as Chronicle fixes it once persisted) and 4 MiB blocks (mappings of 5 MiB,
 *       sparse files), so dozens of nodes on one machine map little.
 * </ul>
 *
 * <h2>What makes a node refuse to start</h2>
 *
 * {@link #open} and {@link #recover} throw {@link DurableStateException}, naming the file and the
 * problem, for:
 *
 * <ul>
 *   <li>a directory in use: another process holds the lock, or a log of this JVM has it open;
 *   <li>a log of another program or node, a relation whose schema hash changed, a stored relation
 *       the program no longer has as durable (checked on the header, before Chronicle opens);
 *   <li>a truncated or missing queue file: the cycle file of the last committed batch must exist
 *       and reach the batch's end (checked before Chronicle maps and grows it back with zeros),
 *       and the queue must hold at least as many whole batches as the commit record says, in
 *       sequence from 1, the last one recorded ending where the record says;
 *   <li>a changed byte: every batch carries its log id, sequence number, fact count, fact lengths
 *       and a CRC32C, and every fact must decode to exactly its length;
 *   <li>anything Chronicle throws while opening or reading the queue (a damaged queue header, for
 *       instance), wrapped with the queue directory named;
 *   <li>a missing or damaged header or commit record next to an existing queue.
 * </ul>
 *
 * <h2>Limits</h2>
 *
 * <ul>
 *   <li>The checksums find accidents, not attacks: a tool that rewrites a batch with a fresh CRC is
 *       not detected, nor is a node directory replaced whole by an older copy of itself. A queue
 *       file copied in from another node's log is (every batch carries its log's id).
 *   <li>A damaged Chronicle file header can make Chronicle grow the (sparse) file before the damage
 *       is reported; the error is still raised and nothing is recovered from it.
 *   <li>{@link LogSync#OS} after a power loss: whatever reached the disk. A torn batch, or a queue
 *       shorter than the commit record, is refused (never read as a shorter valid log); but the
 *       last commits can also be lost together with the record's updates of them, and that is
 *       undetectable: hence {@link LogSync#DISK}.
 *   <li>The commit record is a lower bound that may lag (see {@link CommitRecord}): a truncation
 *       that removes only batches the record does not count yet is not detected.
 *   <li>A full disk while Chronicle writes into a sparse mapping can kill the JVM with SIGBUS
 *       (Chronicle's known limit); keep free space on the data disk.
 * </ul>
 *
 * <p>Single-threaded like {@link DurableLog}: open it on one thread and use it on another (the node's
 * thread) if that hand-over is safely published, as starting a thread is.
 */
public final class ChronicleDurableLog implements DurableLog {
  static {
    // Chronicle reports usage to Google Analytics unless told not to, before its first class loads.
    System.setProperty("chronicle.analytics.disable", "true");
    if (System.getProperty("chronicle.announcer.disable") == null) {
      System.setProperty("chronicle.announcer.disable", "true");
    }
  }

  /** The queue's subdirectory of the node directory. */
  static final String QUEUE_DIRECTORY = "queue";
  /** Pinned: Chronicle persists the roll cycle of a queue and ignores a later, different one. */
  static final RollCycles ROLL_CYCLE = RollCycles.FAST_DAILY;
  /** Chronicle maps a queue file in blocks of this size plus a quarter of overlap. */
  static final long BLOCK_SIZE = 4L << 20;

  private static final String QUEUE_SUFFIX = ".cq4";
  private static final String TABLE_STORE = "metadata.cq4t";
  private static final DateTimeFormatter CYCLE_FORMAT =
      DateTimeFormatter.ofPattern(ROLL_CYCLE.format()).withZone(ZoneOffset.UTC);

  private final Path directory;
  private final Path queueDirectory;
  private final LogSync sync;
  private final long logId;
  private final DirectoryLock lock;
  private final CommitRecord record;
  private final SingleChronicleQueue queue;
  /** Log id of each current relation id, -1 for relations that are not durable. */
  private final int[] logIdOfRelation;
  /** Current codec of each log id, null for log ids of no relation. */
  private final RelationCodec<?>[] codecOfLogId;
  private final boolean[] knownLogIds;

  /** The facts appended since the last commit, encoded as in a batch's payload. */
  private final ExpandableArrayBuffer batch = new ExpandableArrayBuffer(4096);
  private final UnsafeBuffer partHeader = new UnsafeBuffer(new byte[BatchFormat.PART_HEADER_LENGTH]);
  private final UnsafeBuffer partTrailer = new UnsafeBuffer(new byte[BatchFormat.TRAILER_LENGTH]);
  /** The part just read, then (recovery) the payload of the batch being read. */
  private final ExpandableArrayBuffer readBuffer = new ExpandableArrayBuffer(4096);
  private final ExpandableArrayBuffer readPayload = new ExpandableArrayBuffer(4096);
  private final DecodeCursor cursor = new DecodeCursor();
  private final CRC32C crc = new CRC32C();
  private int position;
  private int pendingFacts;
  private long nextSequence;

  private ExcerptAppender appender;
  /** The cycle file whose channel is open for forcing under {@link LogSync#DISK}, and its cycle. */
  private FileChannel cycleChannel;
  private int channelCycle = Integer.MIN_VALUE;
  private RuntimeException failure;
  private boolean closed;

  // set by readNext for the document just read
  private int readLength;
  private int readCycle;
  private long readEnd;
  private Path readFile;
  // set by scan for the last whole batch
  private int lastBatchCycle;
  private long lastBatchEnd;

  private ChronicleDurableLog(Path directory, LogSync sync, LogHeader header, DirectoryLock lock, CommitRecord record,
      SingleChronicleQueue queue, List<RelationCodec<?>> codecs) {
    this.directory = directory;
    this.queueDirectory = directory.resolve(QUEUE_DIRECTORY);
    this.sync = sync;
    this.logId = header.logId;
    this.lock = lock;
    this.record = record;
    this.queue = queue;
    int maxRelationId = codecs.stream().mapToInt(RelationCodec::relationId).max().orElse(-1);
    this.logIdOfRelation = new int[maxRelationId + 1];
    Arrays.fill(logIdOfRelation, -1);
    this.codecOfLogId = new RelationCodec<?>[header.maxLogId() + 1];
    this.knownLogIds = new boolean[header.maxLogId() + 1];
    for (LogHeader.Relation stored : header.relations) {
      knownLogIds[stored.logId()] = true;
      for (RelationCodec<?> codec : codecs) {
        if (codec.relationName().equals(stored.name())) {
          logIdOfRelation[codec.relationId()] = stored.logId();
          codecOfLogId[stored.logId()] = codec;
        }
      }
    }
  }

  /**
   * Opens (creating if needed) the durable log of one node and checks everything already stored in
   * it, so that a node whose state is unusable does not start. Under {@link LogSync#NONE} nothing is
   * touched and the log keeps nothing.
   *
   * @param directory the node's directory ({@link #nodeDirectory}); created if missing
   * @param program the program's name ({@code DedalusProgram.name()})
   * @param node the node's name ({@link #nodeName}), e.g. {@code Participant-2}
   * @param durableRelations the codecs of the node's durable relations
   * @param sync how far each commit goes
   * @return the open log, holding the directory's lock until {@link #close}: a
   *     {@code ChronicleDurableLog}, or under {@link LogSync#NONE} a log that keeps nothing
   * @throws NullPointerException if {@code directory}, {@code sync}, {@code program}, {@code node} or
   *     {@code durableRelations} is null
   * @throws IllegalArgumentException if a name is not usable as a directory name (empty, {@code .},
   *     {@code ..}, or with a slash, backslash or control character), or two durable relations share
   *     an id or a name, or an id is outside 0..65535
   * @throws DurableStateException if the directory is in use or what it stores cannot be used
   */
  public static DurableLog open(Path directory, String program, String node, List<RelationCodec<?>> durableRelations,
      LogSync sync) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(sync, "sync");
    checkName("program", program);
    checkName("node", node);
    checkCodecs(durableRelations);
    if (sync == LogSync.NONE) {
      return new MemoryOnlyLog();
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new DurableStateException(directory, "cannot create the node directory: " + e, e);
    }
    DirectoryLock lock = DirectoryLock.acquire(directory);
    CommitRecord record = null;
    SingleChronicleQueue queue = null;
    try {
      Path headerFile = directory.resolve(LogHeader.FILE_NAME);
      Path recordFile = directory.resolve(CommitRecord.FILE_NAME);
      Path queueDirectory = directory.resolve(QUEUE_DIRECTORY);
      LogHeader header;
      List<RelationCodec<?>> added = List.of();
      if (Files.exists(headerFile)) {
        header = LogHeader.read(headerFile);
        header.checkOwner(headerFile, program, node);
        added = header.unknownRelations(headerFile, program, durableRelations);
        record = CommitRecord.open(recordFile);
        checkLastCycleFile(queueDirectory, record);
      } else {
        if (hasQueueFiles(queueDirectory)) {
          throw new DurableStateException(headerFile, "missing, but " + queueDirectory
              + " holds queue files: whose log they are cannot be told, so they are not used or overwritten");
        }
        record = CommitRecord.create(recordFile);
        header = LogHeader.create(program, node, ThreadLocalRandom.current().nextLong(), durableRelations);
        header.write(headerFile); // the log exists from here on
      }
      queue = buildQueue(queueDirectory, sync);
      LogHeader current = header.withAdded(added);
      ChronicleDurableLog log = new ChronicleDurableLog(directory, sync, current, lock, record, queue, durableRelations);
      log.verify();
      if (!added.isEmpty()) {
        current.write(headerFile); // only once the stored log has proved readable
      }
      return log;
    } catch (Throwable e) {
      if (queue != null) {
        Io.closeQuietly(queue);
      }
      if (record != null) {
        Io.closeQuietly(record);
      }
      lock.close();
      throw e;
    }
  }

  /**
   * The directory of one node: {@code <dataDir>/<program>/<role>-<instance>}, with
   * {@code .<partition>} appended for partitions above 0. Creates nothing.
   *
   * @param dataDir the data directory
   * @param program the program's name
   * @param role the node's role
   * @param instance the node's instance, from 0
   * @param partition the node's partition within its instance, from 0
   * @return the node's directory
   * @throws IllegalArgumentException if {@code instance} or {@code partition} is negative, or a name
   *     is not usable as a directory name
   */
  public static Path nodeDirectory(Path dataDir, String program, String role, int instance, int partition) {
    checkName("program", program);
    return dataDir.resolve(program).resolve(nodeName(role, instance, partition));
  }

  /**
   * A node's name and directory name: {@code <role>-<instance>}, or
   * {@code <role>-<instance>.<partition>} for partition &gt; 0.
   *
   * @param role the node's role
   * @param instance the node's instance, from 0
   * @param partition the node's partition within its instance, from 0
   * @return the name
   * @throws IllegalArgumentException if {@code instance} or {@code partition} is negative, or the name
   *     is not usable as a directory name
   */
  public static String nodeName(String role, int instance, int partition) {
    if (instance < 0 || partition < 0) {
      throw new IllegalArgumentException("instance and partition must not be negative: " + instance + ", " + partition);
    }
    String name = role + "-" + instance + (partition > 0 ? "." + partition : "");
    checkName("node", name);
    return name;
  }

  /** {@return the node directory} */
  public Path directory() {
    return directory;
  }

  /** {@return the sync level of every commit} */
  public LogSync sync() {
    return sync;
  }

  /** {@return the number of batches committed over the log's life, across restarts} */
  public long committedBatches() {
    return nextSequence - 1;
  }

  @Override
  public <T> void append(RelationCodec<T> codec, T fact) {
    addToBatch(codec, fact, false);
  }

  @Override
  public <T> void erase(RelationCodec<T> codec, T fact) {
    addToBatch(codec, fact, true);
  }

  /** Encodes one append or erasure into the tick's batch. */
  private <T> void addToBatch(RelationCodec<T> codec, T fact, boolean erasure) {
    checkUsable();
    int relationId = codec.relationId();
    int relationLogId = relationId >= 0 && relationId < logIdOfRelation.length ? logIdOfRelation[relationId] : -1;
    if (relationLogId < 0) {
      throw new IllegalArgumentException(codec.relationName() + " is not a durable relation of the node logging to " + directory);
    }
    int length = codec.encodedLength(fact);
    int at = position;
    batch.checkLimit(at + BatchFormat.FACT_HEADER_LENGTH + length);
    batch.putInt(at + BatchFormat.FACT_RELATION, BatchFormat.relationField(relationLogId, erasure), BatchFormat.ORDER);
    batch.putInt(at + BatchFormat.FACT_LENGTH, length, BatchFormat.ORDER);
    int end = codec.encode(fact, batch, at + BatchFormat.FACT_HEADER_LENGTH);
    if (end != at + BatchFormat.FACT_HEADER_LENGTH + length) {
      throw new IllegalStateException("the codec of " + codec.relationName() + " wrote " + (end - at - BatchFormat.FACT_HEADER_LENGTH)
          + " bytes where encodedLength said " + length);
    }
    position = end;
    pendingFacts++;
  }

  /**
   * Writes the facts appended since the last commit as one batch and syncs it per {@link LogSync};
   * writes nothing if there are none.
   *
   * @throws IllegalStateException if the write or the sync fails; the log then refuses every later
   *     call, as the node must stop: what the disk holds is unknown
   */
  @Override
  public int commit() {
    checkUsable();
    int facts = pendingFacts;
    if (facts == 0) {
      return 0;
    }
    long sequence = nextSequence;
    try {
      ExcerptAppender out = appender();
      int parts = BatchFormat.partCount(position);
      long end = 0;
      for (int part = 0; part < parts; part++) {
        int from = part * BatchFormat.MAX_PART_PAYLOAD;
        end = writePart(out, sequence, part, parts, facts, from, Math.min(BatchFormat.MAX_PART_PAYLOAD, position - from));
      }
      int cycle = out.cycle();
      if (sync == LogSync.DISK) {
        force(out, cycle);
      }
      record.write(sequence, cycle, end); // a lower bound: not forced, see CommitRecord
    } catch (RuntimeException | Error e) {
      failure = new IllegalStateException(directory + ": committing batch " + sequence + " failed; the log is unusable", e);
      throw failure;
    }
    nextSequence++;
    position = 0;
    pendingFacts = 0;
    return facts;
  }

  /** Writes one part as one document; returns the offset in the cycle file just past it. */
  private long writePart(ExcerptAppender out, long sequence, int part, int parts, int facts, int from, int length) {
    BatchFormat.writeHeader(partHeader, logId, sequence, part, parts, facts, length);
    partTrailer.putInt(0, BatchFormat.checksum(partHeader, batch, from, length, crc), BatchFormat.ORDER);
    try (DocumentContext document = out.writingDocument()) {
      try {
        Bytes<?> bytes = document.wire().bytes();
        bytes.write(partHeader.byteArray(), 0, BatchFormat.PART_HEADER_LENGTH);
        bytes.write(batch.byteArray(), from, length);
        bytes.write(partTrailer.byteArray(), 0, BatchFormat.TRAILER_LENGTH);
        return bytes.writePosition();
      } catch (RuntimeException | Error e) {
        document.rollbackOnClose();
        throw e;
      }
    }
  }

  private ExcerptAppender appender() {
    if (appender == null) {
      appender = queue.createAppender();
      appender.singleThreadedCheckDisabled(true); // opened on one thread, used on the node's
    }
    return appender;
  }

  /**
   * {@link LogSync#DISK}: fdatasync of the queue file, which writes back every page of it that is
   * dirty, mapped or not: the batch's parts, whatever chunk they are in, and Chronicle's header and
   * index. Chronicle's own {@code ExcerptAppender.sync()} (5.27ea11) msyncs only the mapping being
   * written, from the last page it synced, and reports a failed msync only in a log line, so it is
   * not what a commit relies on. A new cycle file also forces Chronicle's table store, the queue
   * directory and the node directory, so that the file and its directory survive a power loss.
   */
  private void force(ExcerptAppender out, int cycle) {
    try {
      if (cycle != channelCycle) {
        if (cycleChannel != null) {
          cycleChannel.force(false); // parts of this batch may have gone to the previous cycle's file
          cycleChannel.close();
          cycleChannel = null;
        }
        File file = out.currentFile();
        cycleChannel = FileChannel.open(file.toPath(), StandardOpenOption.READ);
        channelCycle = cycle;
        Path tableStore = queueDirectory.resolve(TABLE_STORE);
        if (Files.exists(tableStore)) {
          Io.force(tableStore);
        }
        Io.force(queueDirectory);
        Io.force(directory); // the queue directory's own entry, made after the header was forced
      }
      cycleChannel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot force the queue file of cycle " + cycle + " to disk", e);
    }
  }

  /**
   * Delivers every committed fact in commit order.
   *
   * @throws DurableStateException if a batch or fact cannot be read back whole, or {@code sink}
   *     refuses a fact
   */
  @Override
  public void recover(FactConsumer sink) {
    checkUsable();
    Objects.requireNonNull(sink, "sink");
    RecoveredFacts facts = new RecoveredFacts();
    scan(facts);
    facts.deliverTo(sink, (relationId, fact) -> new DurableStateException(queueDirectory, "the node refused recovered fact "
        + fact + " (" + codecOfLogId[logIdOfRelation[relationId]].relationName() + ", relation id " + relationId
        + "): recovering without it would drop state"));
  }

  /** Reads and checks every stored batch against the commit record; finishes a commit a crash interrupted. */
  private void verify() {
    long stored = scan(null);
    long recorded = record.count();
    if (stored < recorded) {
      Path file = queueDirectory.resolve(cycleFileName(record.cycle()));
      throw new DurableStateException(file, "the queue holds " + stored + " committed batches but the commit record "
          + record.file().getFileName() + " says " + recorded + " were committed: it was truncated, or lost writes");
    }
    if (stored > recorded) {
      // whole batches the record has not caught up with: the process died between writing a batch
      // and recording it, or (DISK) the unforced record lost its last updates with the power
      record.write(stored, lastBatchCycle, lastBatchEnd);
      if (sync == LogSync.DISK) {
        record.force();
      }
    }
    nextSequence = stored + 1;
  }

  /**
   * Reads every batch in order, checking each part and each whole batch, and replays the appends
   * and erasures of whole batches into {@code sink} if it is not null. An unfinished batch (its process died between
   * two parts) is skipped: at the end of the queue, or when the same batch starts again at part 0.
   *
   * @return the number of whole batches
   */
  private long scan(RecoveredFacts sink) {
    long recorded = record.count();
    long batches = 0;
    int nextPart = 0;
    int partCount = 0;
    int factCount = 0;
    int payloadLength = 0;
    try (ExcerptTailer tailer = tailer()) {
      while (readNext(tailer)) {
        long sequence = batches + 1;
        String problem = BatchFormat.checkPart(readBuffer, readLength, logId, crc);
        if (problem != null) {
          throw new DurableStateException(readFile, "a part of batch " + sequence + " " + problem);
        }
        long partSequence = readBuffer.getLong(BatchFormat.SEQUENCE, BatchFormat.ORDER);
        int part = readBuffer.getInt(BatchFormat.PART_INDEX, BatchFormat.ORDER);
        if (partSequence == sequence && part == 0) {
          // a batch starts (again, if an earlier attempt died before its last part)
          nextPart = 0;
          partCount = readBuffer.getInt(BatchFormat.PART_COUNT, BatchFormat.ORDER);
          factCount = readBuffer.getInt(BatchFormat.FACT_COUNT, BatchFormat.ORDER);
          payloadLength = 0;
        }
        if (partSequence != sequence || part != nextPart
            || readBuffer.getInt(BatchFormat.PART_COUNT, BatchFormat.ORDER) != partCount
            || readBuffer.getInt(BatchFormat.FACT_COUNT, BatchFormat.ORDER) != factCount) {
          throw new DurableStateException(readFile, "found part " + part + " of batch " + partSequence + " where "
              + (nextPart == 0 ? "batch " + sequence + " should start" : "part " + nextPart + " of batch " + sequence
              + " should follow") + ": batches or parts are missing or repeated");
        }
        int length = readLength - BatchFormat.PART_HEADER_LENGTH - BatchFormat.TRAILER_LENGTH;
        readPayload.putBytes(payloadLength, readBuffer, BatchFormat.PART_HEADER_LENGTH, length);
        payloadLength += length;
        if (++nextPart < partCount) {
          continue;
        }
        problem = BatchFormat.checkFacts(readPayload, payloadLength, factCount, knownLogIds);
        if (problem != null) {
          throw new DurableStateException(readFile, "batch " + sequence + " " + problem);
        }
        if (sequence == recorded && (readCycle != record.cycle() || readEnd != record.end())) {
          throw new DurableStateException(readFile, "batch " + sequence + " ends at byte " + readEnd + " of cycle "
              + readCycle + ", but the commit record says byte " + record.end() + " of cycle " + record.cycle());
        }
        if (sink != null) {
          deliver(sequence, payloadLength, sink);
        }
        batches = sequence;
        nextPart = 0;
        lastBatchCycle = readCycle;
        lastBatchEnd = readEnd;
      }
    }
    return batches;
  }

  private ExcerptTailer tailer() {
    try {
      ExcerptTailer tailer = queue.createTailer();
      tailer.singleThreadedCheckDisabled(true);
      return tailer;
    } catch (Exception | AssertionError | InternalError e) { // Chronicle throws checked exceptions unchecked, too
      throw unreadable(e);
    }
  }

  /** Copies the next document into {@link #readBuffer}; false at the end of the queue. */
  private boolean readNext(ExcerptTailer tailer) {
    try (DocumentContext document = tailer.readingDocument()) {
      if (!document.isPresent()) {
        return false;
      }
      Bytes<?> bytes = document.wire().bytes();
      long length = bytes.readRemaining();
      File file = tailer.currentFile();
      readFile = file == null ? queueDirectory : file.toPath();
      if (length > BatchFormat.PART_HEADER_LENGTH + BatchFormat.MAX_PART_PAYLOAD + BatchFormat.TRAILER_LENGTH) {
        throw new DurableStateException(readFile, "a document of " + length + " bytes, longer than any batch part");
      }
      readLength = (int) length;
      readBuffer.checkLimit(readLength);
      long at = bytes.readPosition();
      for (int done = 0; done < readLength; ) {
        bytes.readByte(at); // maps the chunk holding `at`: a bulk read copies from one mapping only
        long copied = bytes.read(at, readBuffer.byteArray(), done, readLength - done);
        if (copied <= 0) {
          throw new DurableStateException(readFile, "Chronicle returned no bytes at offset " + at + " of a document");
        }
        at += copied;
        done += (int) copied;
      }
      readEnd = bytes.readLimit();
      readCycle = tailer.cycle();
      return true;
    } catch (DurableStateException e) {
      throw e;
    } catch (Exception | AssertionError | InternalError e) { // Chronicle throws checked exceptions unchecked, too
      throw unreadable(e);
    }
  }

  private DurableStateException unreadable(Throwable e) {
    return new DurableStateException(queueDirectory, "Chronicle cannot read the queue (" + e + "): a queue file is damaged", e);
  }

  private void deliver(long sequence, int payloadLength, RecoveredFacts sink) {
    int at = 0;
    for (int index = 0; at < payloadLength; index++) {
      int relationField = readPayload.getInt(at + BatchFormat.FACT_RELATION, BatchFormat.ORDER);
      int relationLogId = BatchFormat.relationLogId(relationField);
      int length = readPayload.getInt(at + BatchFormat.FACT_LENGTH, BatchFormat.ORDER);
      int start = at + BatchFormat.FACT_HEADER_LENGTH;
      RelationCodec<?> codec = codecOfLogId[relationLogId];
      Object fact;
      try {
        fact = codec.decode(readPayload, cursor.reset(start, start + length));
      } catch (RuntimeException e) {
        throw new DurableStateException(readFile, "fact " + index + " of batch " + sequence + " (" + codec.relationName()
            + ") cannot be decoded: " + e.getMessage(), e);
      }
      if (cursor.position() != start + length) {
        throw new DurableStateException(readFile, "fact " + index + " of batch " + sequence + " (" + codec.relationName()
            + ") decodes from " + (cursor.position() - start) + " of its " + length + " bytes");
      }
      if (BatchFormat.isErasure(relationField)) {
        sink.erase(codec.relationId(), fact);
      } else {
        sink.append(codec.relationId(), fact);
      }
      at = start + length;
    }
  }

  /** Closes the queue, the commit record and the lock; idempotent. Uncommitted facts are dropped. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (appender != null) {
      Io.closeQuietly(appender);
    }
    if (cycleChannel != null) {
      Io.closeQuietly(cycleChannel);
    }
    if (sync == LogSync.DISK && failure == null) {
      Io.closeQuietly(record::force); // a clean stop leaves the record exact on disk, too
    }
    Io.closeQuietly(queue);
    Io.closeQuietly(record);
    lock.close();
  }

  private void checkUsable() {
    if (closed) {
      throw new IllegalStateException("the durable log of " + directory + " is closed");
    }
    if (failure != null) {
      throw new IllegalStateException(directory + ": an earlier commit failed; the log is unusable", failure);
    }
  }

  /** The file name Chronicle gives the queue file of {@code cycle}. */
  static String cycleFileName(int cycle) {
    return CYCLE_FORMAT.format(Instant.ofEpochMilli((long) cycle * ROLL_CYCLE.lengthInMillis())) + QUEUE_SUFFIX;
  }

  private static SingleChronicleQueue buildQueue(Path queueDirectory, LogSync sync) {
    try {
      return SingleChronicleQueueBuilder.binary(queueDirectory)
          .rollCycle(ROLL_CYCLE)
          .blockSize(BLOCK_SIZE)
          .syncMode(SyncMode.NONE) // no msync when Chronicle releases a mapping: DISK forces the file itself
          .build();
    } catch (Exception | AssertionError | InternalError e) { // Chronicle throws checked exceptions unchecked, too
      throw new DurableStateException(queueDirectory, "Chronicle cannot open the queue (" + e + "): a queue file is damaged", e);
    }
  }

  /** Refuses a truncated or missing file of the last committed batch before Chronicle maps it (and grows it back). */
  private static void checkLastCycleFile(Path queueDirectory, CommitRecord record) {
    if (record.count() == 0) {
      return;
    }
    Path file = queueDirectory.resolve(cycleFileName(record.cycle()));
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new DurableStateException(file, "missing: it holds committed batch " + record.count() + " (" + e + ")", e);
    }
    if (size < record.end()) {
      throw new DurableStateException(file, "truncated: " + size + " bytes, but committed batch " + record.count()
          + " ends at byte " + record.end());
    }
  }

  private static boolean hasQueueFiles(Path queueDirectory) {
    if (!Files.isDirectory(queueDirectory)) {
      return false;
    }
    try (Stream<Path> files = Files.list(queueDirectory)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(QUEUE_SUFFIX));
    } catch (IOException e) {
      throw new DurableStateException(queueDirectory, "cannot list the queue directory: " + e, e);
    }
  }

  private static void checkName(String what, String name) {
    Objects.requireNonNull(name, what);
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("not a usable " + what + " name for a directory or log header: '" + name + "'");
    }
  }

  private static void checkCodecs(List<RelationCodec<?>> codecs) {
    Objects.requireNonNull(codecs, "durableRelations");
    Set<Integer> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (RelationCodec<?> codec : codecs) {
      checkName("relation", codec.relationName());
      if (codec.relationId() < 0 || codec.relationId() > 0xFFFF || !ids.add(codec.relationId()) || !names.add(codec.relationName())) {
        throw new IllegalArgumentException("durable relation " + codec.relationName() + " (id " + codec.relationId()
            + ") has a negative, too large or repeated id or a repeated name");
      }
    }
  }

}
