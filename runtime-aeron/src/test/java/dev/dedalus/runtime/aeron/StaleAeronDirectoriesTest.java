package dev.dedalus.runtime.aeron;

import static com.google.common.truth.Truth.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory an embedded driver of a killed process left behind is removed at the next start;
 * one of a live process, a live driver, or not ours by name is kept.
 */
class StaleAeronDirectoriesTest {
  @TempDir
  Path parent;

  @Test
  void removesOnlyTheDirectoriesOfDeadProcesses() throws Exception {
    long deadPid = deadPid();
    File dead = directory(StaleAeronDirectories.PREFIX + deadPid + "-" + UUID.randomUUID());
    Files.writeString(dead.toPath().resolve("cnc.dat"), "cut short by a kill");
    File ours = directory(StaleAeronDirectories.PREFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
    Process sleeper = new ProcessBuilder("sleep", "30").start();
    try {
      File living = directory(StaleAeronDirectories.PREFIX + sleeper.pid() + "-" + UUID.randomUUID());
      File foreign = directory("aeron-" + deadPid);
      File unnumbered = directory(StaleAeronDirectories.PREFIX + "x-" + UUID.randomUUID());

      assertThat(StaleAeronDirectories.removeUnder(parent.toFile())).containsExactly(dead);

      assertThat(dead.exists()).isFalse();
      assertThat(ours.exists()).isTrue();
      assertThat(living.exists()).isTrue();
      assertThat(foreign.exists()).isTrue();
      assertThat(unnumbered.exists()).isTrue();
    } finally {
      sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void keepsTheDirectoryOfADriverThatStillBeats() throws Exception {
    // A running driver under a dead process's name (as a driver in another pid namespace would look).
    try (AeronMedia media = AeronMedia.launchEmbedded(64 * 1024)) {
      File live = new File(media.directory());
      File renamed = parent.resolve(StaleAeronDirectories.PREFIX + deadPid() + "-" + UUID.randomUUID()).toFile();
      Files.createSymbolicLink(renamed.toPath(), live.toPath());
      assertThat(StaleAeronDirectories.isStale(renamed)).isFalse();
      assertThat(live.exists()).isTrue();
    }
  }

  /** The id of a process that has exited. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor(10, TimeUnit.SECONDS);
    long pid = p.pid();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    return pid;
  }

  private File directory(String name) throws Exception {
    return Files.createDirectory(parent.resolve(name)).toFile();
  }
}
