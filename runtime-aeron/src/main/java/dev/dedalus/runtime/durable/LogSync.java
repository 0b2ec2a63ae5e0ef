package dev.dedalus.runtime.durable;

import java.util.Locale;

/**
 * How far a {@link ChronicleDurableLog} takes a commit before {@code commit()} returns, that is
 * before the tick's sends leave the node. Chosen per run ({@code --log-sync none|os|disk}).
 */
public enum LogSync {
  /**
   * Nothing is written, no file or directory is touched: durable relations live in memory only,
   * like {@code @Persist}, and a restarted node recovers nothing. For tests, the simulator and as
   * the baseline of the benchmarks.
   */
  NONE,

  /**
   * Each commit appends the tick's batch as one document to the memory-mapped queue file and
   * records it in the commit record, both stores into the OS page cache, no system call. A commit
   * survives the crash or {@code kill -9} of the process (the kernel writes the pages back later);
   * it does <em>not</em> survive a power loss or a kernel crash: after one, the log may have lost
   * its last commits, or be torn, which the next open reports as a {@code DurableStateException}
   * rather than starting from a shorter log.
   */
  OS,

  /**
   * As {@link #OS}, and before {@code commit()} returns the batch is on the device:
   * {@code FileChannel.force(false)} (fdatasync) of the queue file writes back every dirty page of
   * it, the batch's and Chronicle's header and index pages, and reports an I/O error, which fails
   * the commit. (Chronicle 5.27ea11's {@code ExcerptAppender.sync()} msyncs only the mapping being
   * written and merely logs a failed msync, so it is not used; nor is {@code SyncMode}, which only
   * says how that msync and the one on releasing a mapping are done.) The first commit to a new
   * cycle file also forces Chronicle's {@code metadata.cq4t} and the queue directory, so the new
   * file's name survives. A returned commit survives a power loss as far as the device honours
   * flushes (a drive cache without power protection that ignores them defeats any software). On
   * tmpfs it means nothing. One fdatasync per commit, however many facts: group commit.
   */
  DISK;

  /**
   * Parses {@code none}, {@code os} or {@code disk} (any case, surrounding blanks ignored).
   *
   * @param text the command-line value; null is refused like any unknown value
   * @return the level
   * @throws IllegalArgumentException naming the accepted values for anything else
   */
  public static LogSync parse(String text) {
    String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (LogSync level : values()) {
      if (level.cliName().equals(key)) {
        return level;
      }
    }
    throw new IllegalArgumentException("unknown log sync level '" + text + "': expected none, os or disk");
  }

  /** {@return the name on the command line: {@code none}, {@code os} or {@code disk}} */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
