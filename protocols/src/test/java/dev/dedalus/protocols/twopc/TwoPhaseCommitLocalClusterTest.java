package dev.dedalus.protocols.twopc;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dedalus.Location;
import dev.dedalus.protocols.load.ClosedLoop;
import dev.dedalus.protocols.load.LoadResult;
import dev.dedalus.runtime.DurableStateException;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.aeron.Counter;
import dev.dedalus.runtime.aeron.LocalCluster;
import dev.dedalus.runtime.durable.ChronicleStore;
import dev.dedalus.runtime.durable.LogSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 2PC on a LocalCluster over Aeron IPC with durable relations on Chronicle queues: both plans
 * answer every transaction; a participant stopped and restarted mid-run recovers its prepare
 * records (it asks the coordinator about each of them) and the run goes on; and a node whose state
 * on disk is damaged or in use refuses to start.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS) // guards against a hang, not a speed goal
class TwoPhaseCommitLocalClusterTest {
  private static final TwoPhaseCommitWorkload TWO_PC = new TwoPhaseCommitWorkload();

  @TempDir
  Path data;

  private LocalCluster start(String plan, int partitions) {
    Topology topology = TWO_PC.topology(plan, partitions);
    return LocalCluster.start(topology, LocalCluster.Options.defaults().withDurableStore(ChronicleStore.of(data, LogSync.OS)));
  }

  private static LoadResult drive(LocalCluster cluster, long requests, long idBase) throws InterruptedException {
    return new ClosedLoop(cluster, TWO_PC, 8, 2, idBase, (client, id, outcome) -> { })
        .run(TimeUnit.SECONDS.toNanos(60), requests, TimeUnit.SECONDS.toNanos(30));
  }

  private static void assertAllAnswered(LoadResult result, long requests) {
    assertWithMessage(result.describe() + result.errors()).that(result.committed()).isEqualTo(requests);
    assertWithMessage(result.describe() + result.errors()).that(result.wrong()).isEqualTo(0);
    // One transaction in ABORT_EVERY is voted down; the ids of 8 clients spread them evenly enough.
    assertWithMessage(result.describe()).that(result.count("aborted")).isGreaterThan(0);
    assertWithMessage(result.describe()).that(result.count("committed")).isGreaterThan(result.count("aborted"));
  }

  @ParameterizedTest(name = "{0} plan, {1} partitions")
  @CsvSource({"base, 1", "optimized, 3"})
  void everyTransactionIsAnsweredWithItsOutcomeAndLoggedBeforeItsVote(String plan, int partitions) throws Exception {
    try (LocalCluster cluster = start(plan, partitions)) {
      LoadResult result = drive(cluster, 2_000, 0);
      assertAllAnswered(result, 2_000);
      // Every participant node committed durable facts: its prepare and commit records.
      long logged = cluster.counters().entrySet().stream()
          .filter(e -> Atomicity.rootRole(cluster.program(), e.getKey().role()).equals("Participant"))
          .mapToLong(e -> e.getValue().get(Counter.LOG_FACTS)).sum();
      assertWithMessage(cluster.report()).that(logged).isAtLeast(3 * 2_000L);
    }
  }

  @Test
  void aStoppedParticipantRestartsFromItsLogAndTheRunGoesOn() throws Exception {
    try (LocalCluster cluster = start("base", 1)) {
      assertAllAnswered(drive(cluster, 1_000, 0), 1_000);
      Location participant = cluster.topology().addressesOf("Participant").get(1);
      cluster.stop(participant);
      assertThat(cluster.isRunning(participant)).isFalse();
      IllegalStateException twice = assertThrows(IllegalStateException.class, () -> cluster.stop(participant));
      assertThat(twice).hasMessageThat().contains("already stopped");

      cluster.restart(participant);
      assertThat(cluster.isRunning(participant)).isTrue();
      // At its first tick the restarted participant asks about every transaction it prepared: it
      // can only know them from its log.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (cluster.counters(participant).get(Counter.FACTS_SENT) < 1_000 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertWithMessage(cluster.report()).that(cluster.counters(participant).get(Counter.FACTS_SENT)).isAtLeast(1_000L);
      assertAllAnswered(drive(cluster, 1_000, 1L << 48), 1_000);
    }
  }

  @Test
  void aDamagedLogStopsTheClusterFromStartingAndNamesTheFile() throws Exception {
    try (LocalCluster cluster = start("base", 1)) {
      assertAllAnswered(drive(cluster, 200, 0), 200);
    }
    Path queueFile = queueFile(ChronicleStoreLayout.participant(data, 2));
    flipFirstPayloadByte(queueFile);
    DurableStateException e = assertThrows(DurableStateException.class, () -> start("base", 1));
    assertThat(e.getMessage()).contains("Participant-2");
  }

  @Test
  void aDataDirectoryInUseIsRefused() throws Exception {
    try (LocalCluster running = start("base", 1)) {
      DurableStateException e = assertThrows(DurableStateException.class, () -> start("base", 1));
      assertThat(e.getMessage()).contains("in use");
      assertAllAnswered(drive(running, 200, 0), 200); // the refused start took nothing from the running one
    }
  }

  /** Where the Chronicle store keeps a 2PC participant's queue. */
  private static final class ChronicleStoreLayout {
    static Path participant(Path data, int instance) {
      return dev.dedalus.runtime.durable.ChronicleDurableLog.nodeDirectory(data, TwoPhaseCommit_Plans.plan("base").name(),
          "Participant", instance, 0);
    }
  }

  private static Path queueFile(Path nodeDirectory) throws IOException {
    try (var files = Files.walk(nodeDirectory)) {
      List<Path> cycles = files.filter(p -> p.toString().endsWith(".cq4")).toList();
      assertWithMessage("queue files under %s", nodeDirectory).that(cycles).hasSize(1);
      return cycles.get(0);
    }
  }

  /** Flips a byte inside the first stored payload string, so only a checksum can tell. */
  private static void flipFirstPayloadByte(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    byte[] needle = "tx-".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + needle.length < bytes.length; i++) {
      if (bytes[i] == needle[0] && bytes[i + 1] == needle[1] && bytes[i + 2] == needle[2]) {
        bytes[i + 3] ^= 0x01;
        Files.write(file, bytes);
        return;
      }
    }
    throw new AssertionError("no payload found in " + file);
  }
}
