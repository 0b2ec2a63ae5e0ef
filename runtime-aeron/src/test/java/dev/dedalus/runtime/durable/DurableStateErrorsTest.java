package dev.dedalus.runtime.durable;

import static com.google.common.truth.Truth.assertThat;
import static dev.dedalus.runtime.durable.DurableFixtures.DECIDED;
import static dev.dedalus.runtime.durable.DurableFixtures.NODE;
import static dev.dedalus.runtime.durable.DurableFixtures.PROGRAM;
import static dev.dedalus.runtime.durable.DurableFixtures.VOTE;
import static dev.dedalus.runtime.durable.DurableFixtures.VOTE_HASH;
import static dev.dedalus.runtime.durable.DurableFixtures.commitBatches;
import static dev.dedalus.runtime.durable.DurableFixtures.open;
import static dev.dedalus.runtime.durable.DurableFixtures.recoverAll;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dedalus.runtime.Codecs;
import dev.dedalus.runtime.DecodeCursor;
import dev.dedalus.runtime.DurableLog;
import dev.dedalus.runtime.DurableStateException;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.durable.DurableFixtures.Recovered;
import dev.dedalus.runtime.durable.DurableFixtures.Vote;
import dev.dedalus.runtime.durable.DurableFixtures.VoteCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of unusable state on disk makes the node refuse to start with a
 * {@link DurableStateException} naming the file and the problem, and refuse again on the next try
 * (a failed open releases the directory): never a hang, a crash, or a shorter or different log.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DurableStateErrorsTest {
  @TempDir
  Path dir;

  /** Two batches of two votes and a decision, then closed. */
  private List<Recovered> writeLog(Path directory) {
    try (DurableLog log = open(directory, LogSync.OS)) {
      return commitBatches(log, 0, 2, 2);
    }
  }

  private Path queueFile(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory.resolve(ChronicleDurableLog.QUEUE_DIRECTORY))) {
      return files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
    }
  }

  private static long committedEnd(Path directory) {
    try (CommitRecord record = CommitRecord.open(directory.resolve(CommitRecord.FILE_NAME))) {
      return record.end();
    }
  }

  /** Offsets in a queue file where a batch part starts (its magic). */
  private static List<Long> partStarts(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    DirectBuffer b = new UnsafeBuffer(bytes);
    List<Long> starts = new ArrayList<>();
    for (int i = 0; i + 4 <= bytes.length; i++) {
      if (b.getInt(i, BatchFormat.ORDER) == BatchFormat.MAGIC) {
        starts.add((long) i);
      }
    }
    return starts;
  }

  /** The length Chronicle's 4-byte header gives the document that starts at {@code start}. */
  private static int documentLength(Path file, long start) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      raf.seek(start - 4);
      return Integer.reverseBytes(raf.readInt()) & 0x3FFFFFFF;
    }
  }

  private static void flip(Path file, long offset) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      int b = raf.read();
      raf.seek(offset);
      raf.write(b ^ 0x5A);
    }
  }

  private static void zero(Path file, long from, long to) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(from);
      raf.write(new byte[(int) (to - from)]);
    }
  }

  /** Opening fails with a message naming {@code file} and holding each fragment, twice in a row. */
  private static DurableStateException assertRefused(Path directory, List<RelationCodec<?>> codecs, String program,
      Path file, String... fragments) {
    DurableStateException first = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      DurableStateException e = assertThrows(DurableStateException.class,
          () -> ChronicleDurableLog.open(directory, program, NODE, codecs, LogSync.OS).close());
      assertThat(e.file()).isEqualTo(file);
      assertThat(e).hasMessageThat().startsWith(file.toString());
      for (String fragment : fragments) {
        assertThat(e).hasMessageThat().contains(fragment);
      }
      if (first == null) {
        first = e;
      } else {
        assertThat(e).hasMessageThat().isEqualTo(first.getMessage());
      }
    }
    return first;
  }

  private static DurableStateException assertRefused(Path directory, Path file, String... fragments) {
    return assertRefused(directory, DurableFixtures.RELATIONS, PROGRAM, file, fragments);
  }

  // ---- (a) truncation ----

  @ParameterizedTest(name = "cut {0}")
  @ValueSource(strings = {"inside the last batch", "at the last batch's document", "inside Chronicle's header", "to nothing"})
  void aTruncatedQueueFileIsRefused(String where) throws IOException {
    writeLog(dir);
    Path file = queueFile(dir);
    long end = committedEnd(dir);
    List<Long> starts = partStarts(file);
    long cut = switch (where) {
      case "inside the last batch" -> end - 5;
      case "at the last batch's document" -> starts.get(starts.size() - 1) - 4;
      case "inside Chronicle's header" -> 100;
      default -> 0;
    };
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(cut);
    }
    assertRefused(dir, file, "truncated: " + cut + " bytes, but committed batch 2 ends at byte " + end);
  }

  @Test
  void aLostLastBatchIsRefusedThoughTheFileKeptItsSize() throws IOException {
    writeLog(dir);
    Path file = queueFile(dir);
    List<Long> starts = partStarts(file);
    // the pages of the last batch never reached the disk: zeros where it was, the file as long as before
    zero(file, starts.get(starts.size() - 1) - 4, committedEnd(dir));
    assertRefused(dir, file, "the queue holds 1 committed batches but the commit record dedalus-log.commits says 2"
        + " were committed: it was truncated, or lost writes");
  }

  @Test
  void aTornLastBatchIsRefused() throws IOException {
    writeLog(dir);
    Path file = queueFile(dir);
    long end = committedEnd(dir);
    zero(file, end - 3, end);
    assertRefused(dir, file, "a part of batch 2 fails its checksum");
  }

  @Test
  void aMissingQueueFileIsRefused() throws IOException {
    writeLog(dir);
    Path file = queueFile(dir);
    Files.delete(file);
    assertRefused(dir, file, "missing: it holds committed batch 2");
  }

  // ---- (b) flipped bytes ----

  @Test
  void aFlippedPayloadByteIsRefused() throws IOException {
    writeLog(dir);
    Path file = queueFile(dir);
    flip(file, partStarts(file).get(0) + BatchFormat.PART_HEADER_LENGTH + 3);
    assertRefused(dir, file, "a part of batch 1 fails its checksum (stored ", "its bytes were changed or torn");
  }

  /**
   * Each byte of every batch document, Chronicle's 4-byte document headers included, is refused;
   * a flip in the alignment padding between documents changes nothing that is recovered.
   */
  @Test
  void everyFlippedByteOfTheBatchesIsRefused() throws IOException {
    List<Recovered> written = writeLog(dir.resolve("pristine"));
    Path pristine = queueFile(dir.resolve("pristine"));
    List<Long> starts = partStarts(pristine);
    List<long[]> documents = new ArrayList<>(); // [first byte of Chronicle's header, end)
    for (long start : starts) {
      documents.add(new long[] {start - 4, start + documentLength(pristine, start)});
    }
    long from = starts.get(0) - 4;
    long to = committedEnd(dir.resolve("pristine"));
    assertThat(to - from).isLessThan(400L);
    int refused = 0;
    for (long offset = from; offset < to; offset++) {
      Path node = dir.resolve("flip-" + offset);
      assertThat(writeLog(node)).isEqualTo(written);
      Path file = queueFile(node);
      flip(file, offset);
      long at = offset;
      boolean inDocument = documents.stream().anyMatch(d -> at >= d[0] && at < d[1]);
      try (DurableLog log = open(node, LogSync.OS)) {
        assertThat(inDocument).isFalse();
        assertThat(recoverAll(log)).isEqualTo(written);
      } catch (DurableStateException e) {
        assertThat(e.file().startsWith(node.resolve(ChronicleDurableLog.QUEUE_DIRECTORY))).isTrue();
        refused++;
      }
      deleteTree(node);
    }
    assertThat(refused).isAtLeast((int) (to - from) - 8);
  }

  /** A flip in Chronicle's own file header either is refused or changes nothing that is recovered. */
  @Test
  void aFlippedByteOfChroniclesHeaderNeverChangesWhatIsRecovered() throws IOException {
    List<Recovered> written = writeLog(dir.resolve("pristine"));
    int refused = 0;
    for (long offset = 0; offset < 240; offset += 3) {
      Path node = dir.resolve("flip-" + offset);
      writeLog(node);
      flip(queueFile(node), offset);
      try (DurableLog log = open(node, LogSync.OS)) {
        assertThat(recoverAll(log)).isEqualTo(written);
      } catch (DurableStateException e) {
        assertThat(e.file().startsWith(node.resolve(ChronicleDurableLog.QUEUE_DIRECTORY))).isTrue();
        refused++;
      }
      deleteTree(node);
    }
    assertThat(refused).isGreaterThan(0);
  }

  @Test
  void chroniclesOwnErrorsAreWrappedNamingTheQueue() throws IOException {
    writeLog(dir);
    flip(queueFile(dir), 8); // inside the word "header" of Chronicle's first document
    assertRefused(dir, dir.resolve(ChronicleDurableLog.QUEUE_DIRECTORY), "Chronicle cannot read the queue (");
  }

  // ---- (c) another program or schema ----

  @Test
  void aLogOfAnotherProgramIsRefused() {
    writeLog(dir);
    assertRefused(dir, DurableFixtures.RELATIONS, "other.Program", dir.resolve(LogHeader.FILE_NAME),
        "written by program test.Paxos, this node runs other.Program");
  }

  @Test
  void aLogOfAnotherNodeIsRefused() {
    writeLog(dir);
    DurableStateException e = assertThrows(DurableStateException.class,
        () -> ChronicleDurableLog.open(dir, PROGRAM, "Acceptor-2", DurableFixtures.RELATIONS, LogSync.OS));
    assertThat(e).hasMessageThat().isEqualTo(dir.resolve(LogHeader.FILE_NAME)
        + ": written by node Acceptor-1, this is node Acceptor-2");
  }

  @Test
  void aChangedSchemaIsRefused() {
    writeLog(dir);
    assertRefused(dir, List.of(new VoteCodec(0, VOTE_HASH + 1), DECIDED), PROGRAM, dir.resolve(LogHeader.FILE_NAME),
        "relation Vote was logged with schema hash " + LogHeader.hex(VOTE_HASH) + ", the program now has "
            + LogHeader.hex(VOTE_HASH + 1));
  }

  @Test
  void aStoredRelationTheProgramNoLongerHasIsRefused() {
    writeLog(dir);
    assertRefused(dir, List.of(VOTE), PROGRAM, dir.resolve(LogHeader.FILE_NAME),
        "stores facts of relation Decided (log id 1), which is no longer a durable relation of this node in program test.Paxos");
  }

  @Test
  void aFactThatDoesNotDecodeToItsLengthIsRefusedOnRecovery() {
    writeLog(dir);
    RelationCodec<Vote> shortVote = new VoteCodec(0, VOTE_HASH) {
      @Override
      public Vote decode(DirectBuffer b, DecodeCursor c) {
        return new Vote(Codecs.readLong(b, c), "?");
      }
    };
    try (DurableLog log = ChronicleDurableLog.open(dir, PROGRAM, NODE, List.of(shortVote, DECIDED), LogSync.OS)) {
      DurableStateException e = assertThrows(DurableStateException.class, () -> recoverAll(log));
      assertThat(e).hasMessageThat().contains("fact 0 of batch 1 (Vote) decodes from 8 of its 21 bytes");
    }
  }

  @Test
  void aBatchOfAnotherLogIsRefused() throws IOException {
    writeLog(dir.resolve("a"));
    writeLog(dir.resolve("b"));
    Path queueA = queueFile(dir.resolve("a"));
    Files.copy(queueFile(dir.resolve("b")), queueA, StandardCopyOption.REPLACE_EXISTING);
    assertRefused(dir.resolve("a"), queueA, "a part of batch 1 belongs to another log (log id ");
  }

  @Test
  void aMissingOrDamagedHeaderIsRefused() throws IOException {
    writeLog(dir);
    Path header = dir.resolve(LogHeader.FILE_NAME);
    String text = Files.readString(header);
    Files.writeString(header, text.replace("Acceptor-1", "Acceptor-7"));
    assertRefused(dir, header, "the log header is damaged: checksum mismatch");
    Files.delete(header);
    assertRefused(dir, header, "missing, but " + dir.resolve(ChronicleDurableLog.QUEUE_DIRECTORY) + " holds queue files");
  }

  @Test
  void aMissingOrDamagedCommitRecordIsRefused() throws IOException {
    writeLog(dir);
    Path record = dir.resolve(CommitRecord.FILE_NAME);
    byte[] bytes = Files.readAllBytes(record);
    bytes[3] ^= 1;
    bytes[64 + 3] ^= 1;
    Files.write(record, bytes);
    assertRefused(dir, record, "the commit record is damaged: neither of its two slots passes its checksum");
    Files.delete(record);
    assertRefused(dir, record, "the commit record cannot be opened (");
  }

  /**
   * The record is a lower bound: a process that died between writing a batch and recording it, or
   * a power loss that took the record's last updates, leaves it behind; the whole batches count.
   */
  @Test
  void aCommitRecordBehindTheQueueCatchesUp() throws IOException {
    Path record = dir.resolve(CommitRecord.FILE_NAME);
    try (DurableLog log = open(dir, LogSync.DISK)) {
      commitBatches(log, 0, 1, 1);
      Files.copy(record, dir.resolve("record-1"));
      commitBatches(log, 1, 2, 1);
    }
    Files.copy(dir.resolve("record-1"), record, StandardCopyOption.REPLACE_EXISTING);
    try (DurableLog log = open(dir, LogSync.OS)) {
      assertThat(recoverAll(log)).hasSize(6);
    }
    Path file = queueFile(dir);
    List<Long> starts = partStarts(file);
    long lastStart = starts.get(starts.size() - 1);
    try (CommitRecord caughtUp = CommitRecord.open(record)) {
      assertThat(caughtUp.count()).isEqualTo(3);
      assertThat(caughtUp.end()).isEqualTo(lastStart + documentLength(file, lastStart));
    }
    // and the caught-up record guards the last batch: losing it is refused
    zero(file, starts.get(starts.size() - 1) - 4, committedEnd(dir));
    assertRefused(dir, file, "the queue holds 2 committed batches but the commit record dedalus-log.commits says 3");
  }

  @Test
  void aFactTheNodeRefusesIsAnError() {
    writeLog(dir);
    try (DurableLog log = open(dir, LogSync.OS)) {
      DurableStateException e = assertThrows(DurableStateException.class,
          () -> log.recover((relationId, fact) -> relationId != DECIDED.relationId()));
      assertThat(e).hasMessageThat().contains("the node refused recovered fact Decided[slot=0, commit=true] (Decided, relation id 1)");
      // the log as a whole: a refused fact is found after the batches were folded together
      assertThat(e.file()).isEqualTo(dir.resolve(ChronicleDurableLog.QUEUE_DIRECTORY));
    }
  }

  // ---- (d) a directory in use ----

  @Test
  void aDirectoryInUseInThisJvmIsRefused() {
    try (DurableLog running = open(dir, LogSync.OS)) {
      commitBatches(running, 0, 1, 1);
      assertRefused(dir, dir, "the data directory is in use by a running node: a log of this JVM holds its lock file");
    }
    try (DurableLog again = open(dir, LogSync.OS)) {
      assertThat(recoverAll(again)).hasSize(2);
    }
  }

  @Test
  void aDirectoryInUseByAnotherProcessIsRefused() throws Exception {
    Process child = ChildJvm.start("hold-lock", dir);
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("ready");
      assertRefused(dir, dir, "the data directory is in use by a running node: process " + child.pid()
          + " holds its lock file dedalus-log.lock");
    } finally {
      child.getOutputStream().close();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    open(dir, LogSync.OS).close();
  }

  // ---- crashes ----

  @Test
  void aProcessKilledInTheMiddleOfACommitLosesOnlyThatCommit() throws Exception {
    Process child = ChildJvm.start("die-mid-commit", dir);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(9);
    List<Recovered> expected = commitBatches(open(dir, LogSync.NONE), 0, 2, 2); // what the child committed
    try (DurableLog log = open(dir, LogSync.OS)) {
      assertThat(recoverAll(log)).isEqualTo(expected);
      expected.addAll(commitBatches(log, 2, 1, 1));
    }
    try (DurableLog log = open(dir, LogSync.OS)) {
      assertThat(recoverAll(log)).isEqualTo(expected);
    }
  }

  @Test
  void anUnfinishedBatchIsDroppedAndItsSequenceRestarted() throws IOException {
    List<Recovered> expected = writeLog(dir);
    long logId = LogHeader.read(dir.resolve(LogHeader.FILE_NAME)).logId;
    appendRawPart(dir, logId, 3, 0, 2); // batch 3, part 1 of 2, and then the process died
    try (DurableLog log = open(dir, LogSync.OS)) {
      assertThat(recoverAll(log)).isEqualTo(expected);
      expected.addAll(commitBatches(log, 2, 1, 1));
    }
    try (DurableLog log = open(dir, LogSync.OS)) {
      assertThat(recoverAll(log)).isEqualTo(expected);
    }
    appendRawPart(dir, logId, 4, 0, 2);
    appendRawPart(dir, logId, 5, 0, 1);
    assertRefused(dir, queueFile(dir), "found part 0 of batch 5 where part 1 of batch 4 should follow");
  }

  /** Appends one part of a batch of one vote, as a commit would, straight to the queue. */
  private static void appendRawPart(Path directory, long logId, long sequence, int part, int parts) {
    UnsafeBuffer facts = new UnsafeBuffer(new byte[64]);
    Vote vote = new Vote(sequence, "raw");
    facts.putInt(BatchFormat.FACT_RELATION, VOTE.relationId(), BatchFormat.ORDER);
    facts.putInt(BatchFormat.FACT_LENGTH, VOTE.encodedLength(vote), BatchFormat.ORDER);
    int length = VOTE.encode(vote, facts, BatchFormat.FACT_HEADER_LENGTH);
    UnsafeBuffer header = new UnsafeBuffer(new byte[BatchFormat.PART_HEADER_LENGTH]);
    BatchFormat.writeHeader(header, logId, sequence, part, parts, 1, length);
    UnsafeBuffer trailer = new UnsafeBuffer(new byte[BatchFormat.TRAILER_LENGTH]);
    trailer.putInt(0, BatchFormat.checksum(header, facts, 0, length, new CRC32C()), BatchFormat.ORDER);
    try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory.resolve(ChronicleDurableLog.QUEUE_DIRECTORY))
        .rollCycle(ChronicleDurableLog.ROLL_CYCLE).blockSize(ChronicleDurableLog.BLOCK_SIZE).build();
        ExcerptAppender appender = queue.createAppender();
        DocumentContext document = appender.writingDocument()) {
      document.wire().bytes().write(header.byteArray()).write(facts.byteArray(), 0, length).write(trailer.byteArray());
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
