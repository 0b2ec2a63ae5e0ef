package dev.dedalus.runtime.durable;

import static com.google.common.truth.Truth.assertThat;
import static dev.dedalus.runtime.durable.DurableFixtures.DECIDED;
import static dev.dedalus.runtime.durable.DurableFixtures.DECIDED_HASH;
import static dev.dedalus.runtime.durable.DurableFixtures.NODE;
import static dev.dedalus.runtime.durable.DurableFixtures.PROGRAM;
import static dev.dedalus.runtime.durable.DurableFixtures.VOTE;
import static dev.dedalus.runtime.durable.DurableFixtures.VOTE_HASH;
import static dev.dedalus.runtime.durable.DurableFixtures.commitBatches;
import static dev.dedalus.runtime.durable.DurableFixtures.open;
import static dev.dedalus.runtime.durable.DurableFixtures.recoverAll;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dedalus.runtime.DurableLog;
import dev.dedalus.runtime.DurableStateException;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.durable.DurableFixtures.DecidedCodec;
import dev.dedalus.runtime.durable.DurableFixtures.Recovered;
import dev.dedalus.runtime.durable.DurableFixtures.Vote;
import dev.dedalus.runtime.durable.DurableFixtures.VoteCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChronicleDurableLogTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(value = LogSync.class, names = {"OS", "DISK"})
  void committedBatchesComeBackInOrderAfterReopen(LogSync sync) {
    List<Recovered> written;
    try (DurableLog log = open(dir, sync)) {
      assertThat(recoverAll(log)).isEmpty();
      written = commitBatches(log, 0, 5, 3);
    }
    try (DurableLog log = open(dir, sync)) {
      assertThat(recoverAll(log)).containsExactlyElementsIn(written).inOrder();
      assertThat(((ChronicleDurableLog) log).committedBatches()).isEqualTo(5);
      written.addAll(commitBatches(log, 5, 2, 1));
      assertThat(recoverAll(log)).containsExactlyElementsIn(written).inOrder();
    }
    try (DurableLog log = open(dir, LogSync.OS)) {
      assertThat(recoverAll(log)).containsExactlyElementsIn(written).inOrder();
    }
  }

  @Test
  void uncommittedAppendsAreNotRecovered() {
    List<Recovered> written;
    try (DurableLog log = open(dir, LogSync.OS)) {
      written = commitBatches(log, 0, 2, 2);
      log.append(VOTE, new Vote(99, "never committed"));
      log.append(DECIDED, new DurableFixtures.Decided(99, true));
    }
    try (DurableLog log = open(dir, LogSync.OS)) {
      assertThat(recoverAll(log)).containsExactlyElementsIn(written).inOrder();
      assertThat(log.commit()).isEqualTo(0);
      written.addAll(commitBatches(log, 2, 1, 1));
    }
    try (DurableLog log = open(dir, LogSync.OS)) {
      assertThat(recoverAll(log)).containsExactlyElementsIn(written).inOrder();
      assertThat(((ChronicleDurableLog) log).committedBatches()).isEqualTo(3);
    }
  }

  /**
   * Erasures: a fact erased in a later batch is not recovered, one erased and appended again is,
   * erasing a fact never appended changes nothing, and an erasure only counts once committed.
   */
  @ParameterizedTest
  @EnumSource(value = LogSync.class, names = {"OS", "DISK"})
  void erasedFactsAreNotRecovered(LogSync sync) {
    Vote a = new Vote(1, "a");
    Vote b = new Vote(2, "b");
    Vote c = new Vote(3, "c");
    try (DurableLog log = open(dir, sync)) {
      log.append(VOTE, a);
      log.append(VOTE, b);
      log.append(VOTE, c);
      assertThat(log.commit()).isEqualTo(3);
      log.erase(VOTE, a);
      log.erase(VOTE, b);
      log.erase(VOTE, new Vote(9, "never appended"));
      log.append(VOTE, a);
      assertThat(log.commit()).isEqualTo(4);
      log.erase(VOTE, c); // never committed
    }
    try (DurableLog log = open(dir, sync)) {
      assertThat(recoverAll(log)).containsExactly(new Recovered(VOTE.relationId(), c), new Recovered(VOTE.relationId(), a))
          .inOrder();
      log.erase(VOTE, a);
      log.append(DECIDED, new DurableFixtures.Decided(7, true));
      log.commit();
    }
    try (DurableLog log = open(dir, LogSync.OS)) {
      assertThat(recoverAll(log)).containsExactly(new Recovered(VOTE.relationId(), c),
          new Recovered(DECIDED.relationId(), new DurableFixtures.Decided(7, true))).inOrder();
    }
  }

  @Test
  void noneWritesNothingAndRecoversNothing() {
    Path node = dir.resolve("node");
    try (DurableLog log = open(node, LogSync.NONE)) {
      assertThat(commitBatches(log, 0, 3, 4)).hasSize(15);
      assertThat(log.commit()).isEqualTo(0);
      assertThat(recoverAll(log)).isEmpty();
    }
    assertThat(Files.exists(node)).isFalse();
    try (DurableLog log = open(node, LogSync.NONE)) {
      assertThat(recoverAll(log)).isEmpty();
    }
  }

  @Test
  void closeReleasesTheLockAndIsIdempotent() {
    DurableLog first = open(dir, LogSync.OS);
    List<Recovered> written = commitBatches(first, 0, 1, 1);
    first.close();
    first.close();
    assertThrows(IllegalStateException.class, () -> first.append(VOTE, new Vote(1, "late")));
    assertThrows(IllegalStateException.class, first::commit);
    try (DurableLog second = open(dir, LogSync.OS)) {
      assertThat(recoverAll(second)).containsExactlyElementsIn(written);
    }
    try (DurableLog third = open(dir, LogSync.DISK)) {
      assertThat(recoverAll(third)).containsExactlyElementsIn(written);
    }
  }

  @Test
  void renumberedRelationIdsAreMatchedByName() {
    try (DurableLog log = open(dir, LogSync.OS)) {
      commitBatches(log, 0, 2, 1);
    }
    RelationCodec<Vote> vote = new VoteCodec(7, VOTE_HASH);
    RelationCodec<DurableFixtures.Decided> decided = new DecidedCodec(3, DECIDED_HASH);
    try (DurableLog log = ChronicleDurableLog.open(dir, PROGRAM, NODE, List.of(decided, vote), LogSync.OS)) {
      List<Recovered> recovered = recoverAll(log);
      assertThat(recovered).hasSize(4);
      assertThat(recovered.get(0)).isEqualTo(new Recovered(7, new Vote(0, "voter-0-0")));
      assertThat(recovered.get(1)).isEqualTo(new Recovered(3, new DurableFixtures.Decided(0, true)));
      log.append(vote, new Vote(5, "renumbered"));
      log.commit();
    }
    try (DurableLog log = open(dir, LogSync.OS)) {
      List<Recovered> recovered = recoverAll(log);
      assertThat(recovered).hasSize(5);
      assertThat(recovered.get(4)).isEqualTo(new Recovered(VOTE.relationId(), new Vote(5, "renumbered")));
    }
  }

  @Test
  void aRelationThatBecameDurableIsAddedToTheLog() throws Exception {
    try (DurableLog log = ChronicleDurableLog.open(dir, PROGRAM, NODE, List.of(VOTE), LogSync.OS)) {
      log.append(VOTE, new Vote(1, "a"));
      log.commit();
      assertThrows(IllegalArgumentException.class, () -> log.append(DECIDED, new DurableFixtures.Decided(1, true)));
    }
    // a relation id that collides with nothing stored, and one that the new relation takes
    try (DurableLog log = open(dir, LogSync.OS)) {
      log.append(DECIDED, new DurableFixtures.Decided(2, false));
      log.commit();
    }
    assertThat(Files.readString(dir.resolve(LogHeader.FILE_NAME))).contains(" Decided\n");
    try (DurableLog log = open(dir, LogSync.OS)) {
      assertThat(recoverAll(log)).containsExactly(new Recovered(0, new Vote(1, "a")),
          new Recovered(1, new DurableFixtures.Decided(2, false))).inOrder();
    }
  }

  @Test
  void aBatchLargerThanAQueueBlockRoundTrips() {
    List<Recovered> written = new ArrayList<>();
    String body = "x".repeat(1000);
    try (DurableLog log = open(dir, LogSync.DISK)) {
      for (int i = 0; i < 6_000; i++) {
        Vote vote = new Vote(i, body + i);
        log.append(VOTE, vote);
        written.add(new Recovered(VOTE.relationId(), vote));
      }
      assertThat(log.commit()).isEqualTo(6_000);
    }
    try (DurableLog log = open(dir, LogSync.OS)) {
      assertThat(recoverAll(log)).containsExactlyElementsIn(written).inOrder();
      written.addAll(commitBatches(log, 1, 1, 1));
    }
    try (DurableLog log = open(dir, LogSync.OS)) {
      assertThat(recoverAll(log)).containsExactlyElementsIn(written).inOrder();
    }
  }

  @Test
  void aLogOpenedOnOneThreadIsUsedOnAnother() throws Exception {
    try (DurableLog log = open(dir, LogSync.OS)) {
      List<Recovered> written = CompletableFuture.supplyAsync(() -> commitBatches(log, 0, 3, 2)).get(30, TimeUnit.SECONDS);
      assertThat(CompletableFuture.supplyAsync(() -> recoverAll(log)).get(30, TimeUnit.SECONDS))
          .containsExactlyElementsIn(written).inOrder();
    }
  }

  @Test
  void aFactOfANonDurableRelationIsRefused() {
    try (DurableLog log = ChronicleDurableLog.open(dir, PROGRAM, NODE, List.of(DECIDED), LogSync.OS)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> log.append(VOTE, new Vote(1, "a")));
      assertThat(e).hasMessageThat().contains("Vote is not a durable relation");
    }
  }

  @Test
  void cycleFileNamesAreChronicles() throws Exception {
    try (DurableLog log = open(dir, LogSync.OS)) {
      commitBatches(log, 0, 1, 1);
    }
    int cycle;
    try (CommitRecord record = CommitRecord.open(dir.resolve(CommitRecord.FILE_NAME))) {
      assertThat(record.count()).isEqualTo(1);
      cycle = record.cycle();
    }
    try (Stream<Path> files = Files.list(dir.resolve(ChronicleDurableLog.QUEUE_DIRECTORY))) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".cq4")).toList())
          .containsExactly(ChronicleDurableLog.cycleFileName(cycle));
    }
  }

  @Test
  void theHeaderSaysWhoseLogItIs() throws Exception {
    open(dir, LogSync.OS).close();
    String header = Files.readString(dir.resolve(LogHeader.FILE_NAME));
    assertThat(header).contains("program=" + PROGRAM + "\n");
    assertThat(header).contains("node=" + NODE + "\n");
    assertThat(header).contains("relation=0 " + LogHeader.hex(VOTE_HASH) + " Vote\n");
    assertThat(header).contains("relation=1 " + LogHeader.hex(DECIDED_HASH) + " Decided\n");
  }

  @Test
  void syncLevelsParseFromTheirCommandLineNames() {
    assertThat(LogSync.parse("none")).isEqualTo(LogSync.NONE);
    assertThat(LogSync.parse("os")).isEqualTo(LogSync.OS);
    assertThat(LogSync.parse(" DISK ")).isEqualTo(LogSync.DISK);
    assertThat(LogSync.DISK.cliName()).isEqualTo("disk");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogSync.parse("fsync"));
    assertThat(e).hasMessageThat().isEqualTo("unknown log sync level 'fsync': expected none, os or disk");
    assertThrows(IllegalArgumentException.class, () -> LogSync.parse(null));
  }

  @Test
  void nodeDirectoriesFollowTheLayout() {
    Path data = Path.of("/data");
    assertThat(ChronicleDurableLog.nodeDirectory(data, "a.B", "Participant", 2, 0)).isEqualTo(Path.of("/data/a.B/Participant-2"));
    assertThat(ChronicleDurableLog.nodeDirectory(data, "a.B", "Participant", 2, 3)).isEqualTo(Path.of("/data/a.B/Participant-2.3"));
    assertThat(ChronicleDurableLog.nodeName("Coordinator", 0, 0)).isEqualTo("Coordinator-0");
    assertThrows(IllegalArgumentException.class, () -> ChronicleDurableLog.nodeDirectory(data, "../x", "r", 0, 0));
    assertThrows(IllegalArgumentException.class, () -> ChronicleDurableLog.nodeName("r", -1, 0));
  }
}
