package dev.dedalus.runtime.aeron;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import java.io.File;
import java.util.UUID;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A media driver and the Aeron client connected to it: embedded by default, each in its own fresh
 * directory, or only a client of an external driver. Closes the client before the driver.
 */
public final class AeronMedia implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AeronMedia.class);

  private final MediaDriver driver;
  private final Aeron aeron;

  private AeronMedia(MediaDriver driver, Aeron aeron) {
    this.driver = driver;
    this.aeron = aeron;
  }

  /**
   * Launches an embedded driver with small terms and one shared thread: dozens of nodes share a
   * small box, so the driver must not take a core per duty (DEDICATED) nor 16 MiB per stream.
   * First removes directories that killed processes left under the same parent.
   *
   * @param termLength the term buffer length of IPC and network publications, in bytes
   * @return the launched driver and a client connected to it
   */
  public static AeronMedia launchEmbedded(int termLength) {
    String directory = uniqueDirectory();
    // Directories that killed processes left behind hold memory until someone removes them.
    StaleAeronDirectories.removeUnder(new File(directory).getParentFile());
    MediaDriver.Context ctx = new MediaDriver.Context()
        .aeronDirectoryName(directory)
        .dirDeleteOnStart(true)
        .dirDeleteOnShutdown(true)
        .ipcTermBufferLength(termLength)
        .publicationTermBufferLength(termLength)
        // Sparse files: a mostly idle stream costs address space, not pages of /dev/shm.
        .termBufferSparseFile(true)
        .threadingMode(ThreadingMode.SHARED)
        .sharedIdleStrategy(new BackoffIdleStrategy(10, 5, 1_000, 1_000_000))
        .errorHandler(t -> LOG.error("media driver error", t));
    MediaDriver driver = MediaDriver.launch(ctx);
    try {
      return new AeronMedia(driver, connect(driver.aeronDirectoryName()));
    } catch (RuntimeException e) {
      CloseHelper.quietClose(driver);
      throw e;
    }
  }

  /**
   * {@return a client of a driver already running in {@code aeronDirectory}; closing it leaves the
   * driver running}
   *
   * @param aeronDirectory the driver's Aeron directory
   */
  public static AeronMedia connectTo(String aeronDirectory) {
    return new AeronMedia(null, connect(aeronDirectory));
  }

  private static Aeron connect(String directory) {
    return Aeron.connect(new Aeron.Context()
        .aeronDirectoryName(directory)
        .errorHandler(t -> LOG.error("aeron client error", t)));
  }

  /**
   * A directory of its own under /dev/shm (memory, like Aeron's default) or the temp directory, so
   * that two drivers never share CnC files.
   */
  static String uniqueDirectory() {
    // The name's pid lets StaleAeronDirectories tell a killed process's directory from a live one.
    File shm = new File("/dev/shm");
    String parent = shm.isDirectory() && shm.canWrite() ? shm.getPath() : System.getProperty("java.io.tmpdir");
    return new File(parent, "dedalus-aeron-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID()).getPath();
  }

  /** {@return the Aeron client} */
  public Aeron aeron() {
    return aeron;
  }

  /** {@return the driver's Aeron directory} */
  public String directory() {
    return aeron.context().aeronDirectoryName();
  }

  /** {@return whether this owns an embedded driver} */
  public boolean embedded() {
    return driver != null;
  }

  @Override
  public void close() {
    CloseHelper.closeAll(aeron, driver);
  }
}
