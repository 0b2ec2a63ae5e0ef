package dev.dedalus.protocols.twopc;

import org.agrona.IoUtil;
import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.protocols.ChildJvm;
import dev.dedalus.protocols.cli.Main;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.DurableLog;
import dev.dedalus.runtime.durable.ChronicleDurableLog;
import dev.dedalus.runtime.durable.LogSync;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM runs 2PC (base plan, four nodes over Aeron IPC, durable relations on
 * Chronicle queues with {@code --log-sync os}) under closed-loop clients that log every answer they
 * see; the test kills it with {@code kill -9} in the middle of the run, restarts it on the same data
 * directory for a second, shorter run, and then reads every node's recovered log: each transaction
 * a client saw committed before the kill must be committed (prepare and commit records) at every
 * participant, and recorded at the coordinator. The second run must complete: every request
 * answered, none wrongly. No process and no Aeron directory in /dev/shm is left behind.
 */
class TwoPhaseCommitProcessCrashTest {
  private static final int COMMITTED_BEFORE_KILL = 300;

  @TempDir
  Path work;

  /** A transaction as the reply log names it: the client's location id and the request id. */
  record Tx(long client, long id) {}

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void whatAClientSawCommittedSurvivesKillMinus9() throws Exception {
    Path data = work.resolve("data");
    Path firstReplies = work.resolve("replies-0.log");
    Process first = start(work.resolve("run-0.out"), "--data-dir", data.toString(), "--log-sync", "os",
        "--duration", "120s", "--clients", "16", "--reply-log", firstReplies.toString(), "--run", "0");
    Set<Tx> seenCommitted;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (committed(firstReplies).size() < COMMITTED_BEFORE_KILL) {
        assertWithMessage("the first run died early; its output:\n%s", output(work.resolve("run-0.out")))
            .that(first.isAlive()).isTrue();
        assertWithMessage("the first run did not commit %s transactions in 90 s", COMMITTED_BEFORE_KILL)
            .that(System.nanoTime() < deadline).isTrue();
        Thread.sleep(50);
      }
    } finally {
      first.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      removeAeronDirectories(first.pid());
    }
    assertThat(first.exitValue()).isEqualTo(137);
    seenCommitted = committed(firstReplies);
    assertThat(seenCommitted.size()).isAtLeast(COMMITTED_BEFORE_KILL);

    Path secondReplies = work.resolve("replies-1.log");
    Process second = start(work.resolve("run-1.out"), "--data-dir", data.toString(), "--log-sync", "os",
        "--duration", "2s", "--clients", "16", "--reply-log", secondReplies.toString(), "--run", "1");
    try {
      assertWithMessage("the second run did not finish in 120 s").that(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    } finally {
      second.destroyForcibly();
      second.waitFor(30, TimeUnit.SECONDS);
    }
    String secondOutput = output(work.resolve("run-1.out"));
    assertWithMessage("the second run failed; its output:\n%s", secondOutput).that(second.exitValue()).isEqualTo(0);
    assertWithMessage("second run:\n%s", secondOutput).that(secondOutput).contains(" 0 wrong replies, 0 unanswered");
    assertThat(committed(secondReplies)).isNotEmpty();
    assertWithMessage("Aeron directories of the second run").that(aeronDirectories(second.pid())).isEmpty();

    DedalusProgram program = TwoPhaseCommit_Plans.plan("base");
    Set<Tx> coordinator = recovered(data, program, "Coordinator", 0, "CommitRecord");
    for (Tx tx : seenCommitted) {
      assertWithMessage("the coordinator's commit record of %s", tx).that(coordinator).contains(tx);
    }
    for (int i = 0; i < TwoPhaseCommitWorkload.PARTICIPANTS; i++) {
      Set<Tx> prepared = recovered(data, program, "Participant", i, "Prepared");
      Set<Tx> committed = recovered(data, program, "Participant", i, "Committed");
      for (Tx tx : seenCommitted) {
        assertWithMessage("participant %s's prepare record of %s", i, tx).that(prepared).contains(tx);
        assertWithMessage("participant %s's commit record of %s", i, tx).that(committed).contains(tx);
      }
    }
  }

  /** Starts the command-line main job in a new JVM with this JVM's flags and class path. */
  private static Process start(Path output, String... options) throws IOException {
    List<String> arguments = new ArrayList<>(List.of("run", "2pc"));
    arguments.addAll(List.of(options));
    return ChildJvm.start(output, Main.class, arguments);
  }

  /** The transactions a reply log shows committed; a line cut by the kill is ignored. */
  private static Set<Tx> committed(Path replies) throws IOException {
    Set<Tx> out = new HashSet<>();
    if (!Files.exists(replies)) {
      return out;
    }
    for (String line : Files.readAllLines(replies, StandardCharsets.UTF_8)) {
      String[] parts = line.split(" ");
      if (parts.length == 3 && parts[2].equals("committed")) {
        out.add(new Tx(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
      }
    }
    return out;
  }

  /** The (client, id) of every fact of {@code relation} that one node's log gives back. */
  private static Set<Tx> recovered(Path data, DedalusProgram program, String role, int instance, String relation) {
    Set<Tx> out = new HashSet<>();
    Path directory = ChronicleDurableLog.nodeDirectory(data, program.name(), role, instance, 0);
    try (DurableLog log = ChronicleDurableLog.open(directory, program.name(), ChronicleDurableLog.nodeName(role, instance, 0),
        program.durableRelations(role), LogSync.OS)) {
      log.recover((relationId, fact) -> {
        if (program.codec(relationId).relationName().equals(relation)) {
          if (fact instanceof TwoPhaseCommit.Prepared p) {
            out.add(new Tx(p.client().id(), p.id()));
          } else if (fact instanceof TwoPhaseCommit.Committed c) {
            out.add(new Tx(c.client().id(), c.id()));
          } else if (fact instanceof TwoPhaseCommit.CommitRecord r) {
            out.add(new Tx(r.client().id(), r.id()));
          }
        }
        return true;
      });
    }
    return out;
  }

  private static List<File> aeronDirectories(long pid) {
    File[] found = new File("/dev/shm").listFiles((dir, name) -> name.startsWith("dedalus-aeron-" + pid + "-"));
    return found == null ? List.of() : List.of(found);
  }

  /** A killed driver cannot clean up: remove its directory, as an operator would. */
  private static void removeAeronDirectories(long pid) {
    for (File dir : aeronDirectories(pid)) {
      IoUtil.delete(dir, false);
    }
  }

  private static String output(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)";
  }
}
