package dev.dedalus.runtime.durable;

import dev.dedalus.runtime.DurableStateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive use of a node directory: an OS file lock ({@code fcntl}) on a lock file in it, held
 * while the log is open and released by the OS when the process dies, however it dies. The lock
 * file keeps the holder's process id, for the message a second node gets. The file is never
 * deleted (deleting a lock file races with the next locker).
 */
final class DirectoryLock implements AutoCloseable {
  static final String FILE_NAME = "dedalus-log.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code directory}.
   *
   * @throws DurableStateException if another process, or another open log in this JVM, holds it
   */
  static DirectoryLock acquire(Path directory) {
    Path file = directory.resolve(FILE_NAME);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new DurableStateException(directory, "cannot open the lock file " + file + ": " + e, e);
    }
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        throw new DurableStateException(directory, "the data directory is in use by a running node: a log of this"
            + " JVM holds its lock file " + FILE_NAME + " (close that log first)", e);
      }
      if (lock == null) {
        throw new DurableStateException(directory, "the data directory is in use by a running node: process "
            + holder(file) + " holds its lock file " + FILE_NAME);
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      return new DirectoryLock(channel, lock);
    } catch (IOException e) {
      Io.closeQuietly(channel);
      throw new DurableStateException(directory, "cannot lock " + file + ": " + e, e);
    } catch (RuntimeException e) {
      Io.closeQuietly(channel);
      throw e;
    }
  }

  private static String holder(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return pid.isEmpty() ? "(unknown)" : pid;
    } catch (IOException e) {
      return "(unknown)";
    }
  }

  /** Releases the lock; the OS would on exit anyway. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    Io.closeQuietly(channel);
  }

}
