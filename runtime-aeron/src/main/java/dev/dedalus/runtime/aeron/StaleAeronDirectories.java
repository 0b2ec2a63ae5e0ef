package dev.dedalus.runtime.aeron;

import io.aeron.CommonContext;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agrona.IoUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and removes the Aeron directories that embedded drivers of killed processes left behind.
 * A driver closed normally deletes its directory; one whose process was killed ({@code kill -9},
 * a crash, a power cut of a container) cannot, and its term buffers keep holding memory in
 * {@code /dev/shm}. Each embedded driver's directory is named {@code dedalus-aeron-<pid>-<uuid>}
 * ({@link AeronMedia}), so a directory is stale when no process has that id any more and its
 * driver's heartbeat has stopped; both are checked, so a live driver of a process in another pid
 * namespace that happens to share /dev/shm is never touched. The driver's heartbeat is written
 * about once a second, so a process killed a moment ago still looks alive for a little while: its
 * directory is waited for, up to {@link #HEARTBEAT_WAIT_MS}, then removed.
 */
public final class StaleAeronDirectories {
  private static final Logger LOG = LoggerFactory.getLogger(StaleAeronDirectories.class);
  static final String PREFIX = "dedalus-aeron-";
  private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-[0-9a-f-]+");
  /** A driver whose heartbeat is older than this is not running (it beats about once a second). */
  private static final long DRIVER_TIMEOUT_MS = 2_500;
  /** How long a start waits for the heartbeat of a dead process's driver to age. */
  static final long HEARTBEAT_WAIT_MS = 4_000;

  private StaleAeronDirectories() {}

  /**
   * Removes the stale directories under {@code parent} and returns them. Blocks up to
   * {@code HEARTBEAT_WAIT_MS} for each one whose process is gone but whose driver's heartbeat is
   * still fresh; if interrupted, keeps each directory it would wait for and leaves the interrupt
   * set.
   *
   * @param parent where embedded drivers put their directories, e.g. {@code /dev/shm}
   * @return the directories removed; empty if {@code parent} cannot be listed
   */
  public static List<File> removeUnder(File parent) {
    List<File> removed = new ArrayList<>();
    File[] candidates = parent.listFiles((dir, name) -> name.startsWith(PREFIX));
    if (candidates == null) {
      return removed;
    }
    for (File dir : candidates) {
      if (isStale(dir)) {
        IoUtil.delete(dir, true);
        if (!dir.exists()) {
          removed.add(dir);
          LOG.info("removed the Aeron directory {} of a process that no longer runs", dir);
        }
      }
    }
    return removed;
  }

  /** Whether {@code dir} is an embedded driver's directory whose process and driver are gone. */
  static boolean isStale(File dir) {
    Matcher m = NAME.matcher(dir.getName());
    if (!dir.isDirectory() || !m.matches()) {
      return false;
    }
    long pid;
    try {
      pid = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return false;
    }
    if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    long deadline = System.currentTimeMillis() + HEARTBEAT_WAIT_MS;
    while (driverActive(dir)) {
      if (System.currentTimeMillis() > deadline) {
        return false; // a live driver after all (another pid namespace): not ours to remove
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static boolean driverActive(File dir) {
    try {
      return CommonContext.isDriverActive(dir, DRIVER_TIMEOUT_MS, message -> { });
    } catch (RuntimeException unreadable) {
      // A CnC file cut short by the kill: no driver can be using it.
      return false;
    }
  }
}
