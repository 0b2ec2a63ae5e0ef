package dev.dedalus.jmh.acluster;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import io.aeron.exceptions.TimeoutException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.NoOpLock;

/**
 * A three-member Aeron Cluster in this JVM, on loopback, each member replicating a {@link KvService}
 * map, plus a client-side media driver from which any number of {@link AeronCluster} sessions
 * connect. Built for the Paxos comparison: the anchor a benchmark of our own Paxos runs beside, with
 * {@link KvClients} as its closed-loop load. No static state: several can run in one JVM.
 *
 * <p><b>A member</b> is a {@link ClusteredMediaDriver} (a {@code MediaDriver} in {@code SHARED}
 * threading mode, an {@code Archive} in {@code SHARED} mode, a {@code ConsensusModule}) and a
 * {@code ClusteredServiceContainer} running its {@code KvService}: four threads, each with Aeron's
 * default back-off idle strategy (spin, yield, then park up to 1 ms), which suits a small box.
 *
 * <p><b>Directories.</b> Each member keeps its archive in {@code member-N/archive} and its cluster
 * files (recording log, mark files, node state) in {@code member-N/cluster} under one directory: a
 * fresh one under {@code java.io.tmpdir} (a real disk for {@link Sync#DISK} to mean anything; the
 * start warns on tmpfs), deleted at {@link #close}, or one the caller gives and keeps. The drivers'
 * own directories (term buffers, counters) are unique per run under Aeron's default parent
 * ({@code /dev/shm} on Linux) and deleted when each driver closes.
 *
 * <p><b>Terms and channels.</b> Everything a member publishes defaults to {@link Options#termLength}
 * (1 MiB) instead of Aeron's 16 MiB (UDP) and 64 MiB (IPC, and the cluster log channel's default):
 * the log channel is {@code aeron:udp?term-length=1m}, snapshots and the archive's IPC control
 * channels get the driver's IPC default of the same size, and the archive's segment files are eight
 * terms long. Each client session's ingress and egress channels use {@link Options#sessionTermLength}
 * (128 KiB, as Aeron's own cluster tests do): 64 sessions of 1 MiB terms would map 64 × 3 MiB per
 * direction on each side for no gain, as a session holds one small message in flight.
 *
 * <p><b>Ports.</b> A member listens on four UDP ports (ingress, consensus, log, archive control; the
 * catch-up and replication endpoints are ephemeral). With {@link Options#basePort} 0 they are free
 * ports the OS picks (each bound once on loopback and released just before the start, so a
 * collision needs another process to take one in between); otherwise member N uses
 * {@code basePort + 10 N + 0..3}.
 *
 * <p><b>Durability.</b> An entry of the log is committed, and only then applied by the services,
 * once a majority of members have recorded it in their archives; {@link Sync} says how far a
 * recording goes before it counts (see there). Sessions time out after {@link Options#sessionTimeout}
 * without traffic (a minute by default, so a paused benchmark loses none); at most
 * {@link Options#maxSessions} may be open.
 */
public final class AeronClusterKv implements AutoCloseable {
  public static final int MEMBERS = 3;
  private static final int PORTS_PER_MEMBER = 4;
  private static final String HOST = "localhost";
  private static final Duration CONNECT_ATTEMPT = Duration.ofSeconds(5);

  /**
   * How far a member's archive takes a log entry before the member reports it recorded, the
   * position a commit needs a majority of. The mapping to our durable log's {@code LogSync}:
   *
   * <ul>
   *   <li>{@link #NONE}, Aeron's default ({@code fileSyncLevel} 0, also for the catalog and the
   *       cluster's own files): the recording is a {@code write} into the OS page cache, no system
   *       call forces it. It survives the crash of the process, not a power loss or a kernel crash:
   *       that is our {@code os} level, not our {@code none} (which keeps nothing at all; Aeron
   *       Cluster cannot run without its archive). Named {@code none} after Aeron's "no sync";
   *       {@code os} is accepted as a synonym.
   *   <li>{@link #DISK} ({@code fileSyncLevel} 1): after each block the recorder writes, and before
   *       it reports the new position, {@code FileChannel.force(false)} (fdatasync) of the segment
   *       file; creating a segment file also forces the archive directory, and the catalog, the
   *       recording log and the node state file are forced too. Our {@code disk}: one fdatasync
   *       per recorded block, however many entries it holds (Aeron's group commit). Level 2 (also
   *       file metadata) is available through {@link Options#withFileSyncLevel}.
   * </ul>
   */
  public enum Sync {
    NONE(0),
    DISK(1);

    private final int fileSyncLevel;

    Sync(int fileSyncLevel) {
      this.fileSyncLevel = fileSyncLevel;
    }

    public int fileSyncLevel() {
      return fileSyncLevel;
    }

    /** Parses {@code none} (or {@code os}) and {@code disk}, in any case. */
    public static Sync parse(String text) {
      String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
      return switch (key) {
        case "none", "os" -> NONE;
        case "disk" -> DISK;
        default -> throw new IllegalArgumentException("unknown sync level '" + text + "': expected none, os or disk");
      };
    }
  }

  /**
   * How to build the cluster.
   *
   * @param fileSyncLevel Aeron's {@code fileSyncLevel} for archive, catalog and cluster files (0-2)
   * @param termLength term length of the log and the members' default for every publication
   * @param sessionTermLength term length of each client session's ingress and egress
   * @param maxSessions client sessions the cluster accepts at once
   * @param sessionTimeout a session without traffic this long is closed by the cluster
   * @param basePort 0 for free ports picked by the OS, else the first of {@code 10 * MEMBERS}
   * @param directory where members keep archive and cluster files; null for a fresh temporary one
   * @param clean whether members delete their archive and cluster files at start (false restarts
   *     from them: recovery from snapshot and log)
   * @param startTimeout how long the start may wait for a leader
   */
  public record Options(int fileSyncLevel, int termLength, int sessionTermLength, int maxSessions,
      Duration sessionTimeout, int basePort, Path directory, boolean clean, Duration startTimeout) {
    public static Options defaults() {
      return new Options(Sync.NONE.fileSyncLevel(), 1 << 20, 128 << 10, 128, Duration.ofMinutes(1), 0, null, true,
          Duration.ofMinutes(1));
    }

    public Options withSync(Sync sync) {
      return withFileSyncLevel(sync.fileSyncLevel());
    }

    public Options withFileSyncLevel(int level) {
      if (level < 0 || level > 2) {
        throw new IllegalArgumentException("fileSyncLevel is 0, 1 or 2, not " + level);
      }
      return new Options(level, termLength, sessionTermLength, maxSessions, sessionTimeout, basePort, directory, clean,
          startTimeout);
    }

    public Options withMaxSessions(int sessions) {
      return new Options(fileSyncLevel, termLength, sessionTermLength, sessions, sessionTimeout, basePort, directory,
          clean, startTimeout);
    }

    public Options withBasePort(int port) {
      return new Options(fileSyncLevel, termLength, sessionTermLength, maxSessions, sessionTimeout, port, directory,
          clean, startTimeout);
    }

    /** Members keep their files in {@code dir} (the caller's to delete); {@code clean} as above. */
    public Options withDirectory(Path dir, boolean cleanStart) {
      return new Options(fileSyncLevel, termLength, sessionTermLength, maxSessions, sessionTimeout, basePort, dir,
          cleanStart, startTimeout);
    }
  }

  /** One member: its driver, archive and consensus module, and its service's container. */
  private record Member(ClusteredMediaDriver node, ClusteredServiceContainer container, KvService service) {}

  private final Options options;
  private final Path directory;
  private final boolean ownsDirectory;
  private final int[] ports;
  private final String ingressEndpoints;
  private final Member[] members = new Member[MEMBERS];
  private final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
  private final Queue<String> warnings = new ConcurrentLinkedQueue<>();
  private final List<AeronCluster> sessions = new ArrayList<>();
  private MediaDriver clientDriver;
  private Aeron client;
  private volatile boolean closed;

  private AeronClusterKv(Options options, Path directory, boolean ownsDirectory, int[] ports) {
    this.options = options;
    this.directory = directory;
    this.ownsDirectory = ownsDirectory;
    this.ports = ports;
    StringBuilder endpoints = new StringBuilder();
    for (int m = 0; m < MEMBERS; m++) {
      endpoints.append(m == 0 ? "" : ",").append(m).append('=').append(endpoint(m, 0));
    }
    this.ingressEndpoints = endpoints.toString();
  }

  /**
   * Starts the three members and the client driver and waits until a leader is elected.
   *
   * @throws IllegalStateException if no leader is elected within {@link Options#startTimeout}
   */
  public static AeronClusterKv start(Options options) {
    Path dir;
    boolean owned = options.directory() == null;
    try {
      dir = owned ? Files.createTempDirectory("dedalus-acluster-") : Files.createDirectories(options.directory());
      String store = Files.getFileStore(dir).type();
      if (store.equals("tmpfs") && options.fileSyncLevel() > 0) {
        System.err.println("WARNING: " + dir + " is on tmpfs: file sync level " + options.fileSyncLevel()
            + " measures memory, not a disk");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cluster's directory", e);
    }
    return new AeronClusterKv(options, dir, owned, ports(options.basePort())).launch();
  }

  /**
   * Closes this cluster but keeps its files, and starts it again on the same directory and ports:
   * each member recovers its map from its latest snapshot and the log after it. The new cluster
   * owns the directory if this one did.
   */
  public AeronClusterKv restart() {
    if (closed) {
      throw new IllegalStateException("the cluster is closed");
    }
    closeAll();
    return new AeronClusterKv(options.withDirectory(directory, false), directory, ownsDirectory, ports).launch();
  }

  private AeronClusterKv launch() {
    try {
      String aeronParent = CommonContext.generateRandomDirName();
      for (int m = 0; m < MEMBERS; m++) {
        members[m] = startMember(m, aeronParent + "-m" + m);
      }
      clientDriver = MediaDriver.launch(driverContext(aeronParent + "-client", options.sessionTermLength()));
      client = Aeron.connect(new Aeron.Context()
          .aeronDirectoryName(clientDriver.aeronDirectoryName())
          .errorHandler(errorHandler("client"))
          .clientName("kv-clients"));
      awaitLeader(options.startTimeout());
      return this;
    } catch (RuntimeException e) {
      try {
        close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private Member startMember(int m, String aeronDir) {
    ErrorHandler errorHandler = errorHandler("member " + m);
    File memberDir = directory.resolve("member-" + m).toFile();
    File clusterDir = new File(memberDir, "cluster");
    int syncLevel = options.fileSyncLevel();

    MediaDriver.Context driver = driverContext(aeronDir, options.termLength());
    Archive.Context archive = new Archive.Context()
        .archiveId(m)
        .archiveDir(new File(memberDir, "archive"))
        .deleteArchiveOnStart(options.clean())
        .controlChannel("aeron:udp?endpoint=" + endpoint(m, 3))
        .localControlChannel("aeron:ipc")
        .replicationChannel("aeron:udp?endpoint=" + HOST + ":0")
        .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:udp?endpoint=" + HOST + ":0"))
        .recordingEventsEnabled(false)
        .threadingMode(ArchiveThreadingMode.SHARED)
        .segmentFileLength(options.termLength() * 8)
        .fileSyncLevel(syncLevel)
        .catalogFileSyncLevel(syncLevel)
        .errorHandler(errorHandler);
    AeronArchive.Context localArchive = new AeronArchive.Context()
        .lock(NoOpLock.INSTANCE)
        .controlRequestChannel(archive.localControlChannel())
        .controlRequestStreamId(archive.localControlStreamId())
        .controlResponseChannel(archive.localControlChannel())
        .aeronDirectoryName(aeronDir);
    ConsensusModule.Context consensus = new ConsensusModule.Context()
        .clusterMemberId(m)
        .clusterMembers(clusterMembers())
        .clusterDir(clusterDir)
        .deleteDirOnStart(options.clean())
        .ingressChannel("aeron:udp?term-length=" + options.sessionTermLength())
        .logChannel("aeron:udp?term-length=" + options.termLength())
        .replicationChannel("aeron:udp?endpoint=" + HOST + ":0")
        .archiveContext(localArchive.clone())
        .serviceCount(1)
        .maxConcurrentSessions(options.maxSessions())
        .sessionTimeoutNs(options.sessionTimeout().toNanos())
        .fileSyncLevel(syncLevel)
        .errorHandler(errorHandler);
    ClusteredMediaDriver node = ClusteredMediaDriver.launch(driver, archive, consensus);
    KvService service = new KvService();
    ClusteredServiceContainer container;
    try {
      container = ClusteredServiceContainer.launch(new ClusteredServiceContainer.Context()
          .aeronDirectoryName(node.mediaDriver().aeronDirectoryName())
          .archiveContext(localArchive.clone())
          .clusterDir(clusterDir)
          .clusteredService(service)
          .serviceId(0)
          .errorHandler(errorHandler));
    } catch (RuntimeException e) {
      CloseHelper.quietClose(node);
      throw e;
    }
    return new Member(node, container, service);
  }

  private MediaDriver.Context driverContext(String aeronDir, int termLength) {
    return new MediaDriver.Context()
        .aeronDirectoryName(aeronDir)
        .threadingMode(ThreadingMode.SHARED)
        .dirDeleteOnStart(true)
        .dirDeleteOnShutdown(true)
        .termBufferSparseFile(true)
        .publicationTermBufferLength(termLength)
        .ipcTermBufferLength(termLength)
        .errorHandler(errorHandler("driver " + aeronDir));
  }

  /** {@code id,ingress,consensus,log,catchup,archive|...}, catch-up on an ephemeral port. */
  private String clusterMembers() {
    StringBuilder s = new StringBuilder();
    for (int m = 0; m < MEMBERS; m++) {
      s.append(m == 0 ? "" : "|").append(m).append(',').append(endpoint(m, 0)).append(',').append(endpoint(m, 1))
          .append(',').append(endpoint(m, 2)).append(',').append(HOST).append(":0,").append(endpoint(m, 3));
    }
    return s.toString();
  }

  private String endpoint(int member, int which) {
    return HOST + ":" + ports[member * PORTS_PER_MEMBER + which];
  }

  private static int[] ports(int basePort) {
    int[] ports = new int[MEMBERS * PORTS_PER_MEMBER];
    if (basePort > 0) {
      for (int i = 0; i < ports.length; i++) {
        ports[i] = basePort + 10 * (i / PORTS_PER_MEMBER) + i % PORTS_PER_MEMBER;
      }
      return ports;
    }
    List<DatagramSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < ports.length; i++) {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        held.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free UDP ports", e);
    } finally {
      held.forEach(DatagramSocket::close);
    }
  }

  /**
   * Collects errors; Aeron's warnings ({@code ClusterEvent}s and other exceptions of category
   * WARN, such as a follower catching up after an election) are events of a working cluster, so
   * they are counted apart and only errors fail a run.
   */
  private ErrorHandler errorHandler(String where) {
    return t -> {
      if (closed) {
        return;
      }
      if (t instanceof AeronException e && e.category() == AeronException.Category.WARN) {
        warnings.add(where + ": " + t.getMessage());
      } else {
        errors.add(new IllegalStateException(where + ": " + t, t));
      }
    };
  }

  /**
   * Waits until one member leads with its election closed.
   *
   * @return the leader's member id
   */
  public int awaitLeader(Duration timeout) {
    int[] leader = {-1};
    await(timeout, () -> {
      for (int m = 0; m < MEMBERS; m++) {
        ConsensusModule.Context ctx = members[m].node().consensusModule().context();
        if (Cluster.Role.get(ctx.clusterNodeRoleCounter()) == Cluster.Role.LEADER
            && ElectionState.get(ctx.electionStateCounter()) == ElectionState.CLOSED) {
          leader[0] = m;
          return true;
        }
      }
      return false;
    }, "a leader");
    return leader[0];
  }

  /**
   * Opens a client session on the client driver, retrying while the cluster is not ready. The
   * session is this cluster's to close, at {@link #close} at the latest. Poll it from one thread.
   */
  public AeronCluster connect(EgressListener listener) {
    long deadline = System.nanoTime() + options.startTimeout().toNanos();
    while (true) {
      try {
        AeronCluster session = AeronCluster.connect(new AeronCluster.Context()
            .aeron(client)
            .ownsAeronClient(false)
            .egressListener(listener)
            .ingressChannel("aeron:udp?term-length=" + options.sessionTermLength())
            .ingressEndpoints(ingressEndpoints)
            .egressChannel("aeron:udp?endpoint=" + HOST + ":0|term-length=" + options.sessionTermLength())
            .messageTimeoutNs(CONNECT_ATTEMPT.toNanos())
            .errorHandler(errorHandler("session")));
        synchronized (sessions) {
          sessions.add(session);
        }
        return session;
      } catch (TimeoutException e) {
        if (System.nanoTime() - deadline > 0) {
          throw e;
        }
      }
    }
  }

  /**
   * Has every member take a snapshot (through the leader's control toggle, as {@code ClusterTool
   * snapshot} does) and waits until all have recorded it.
   */
  public void takeSnapshot(Duration timeout) {
    int leader = awaitLeader(timeout);
    long[] before = new long[MEMBERS];
    for (int m = 0; m < MEMBERS; m++) {
      before[m] = members[m].node().consensusModule().context().snapshotCounter().get();
    }
    var toggle = members[leader].node().consensusModule().context().controlToggleCounter();
    await(timeout, () -> ClusterControl.ToggleState.SNAPSHOT.toggle(toggle), "the snapshot toggle");
    await(timeout, () -> {
      for (int m = 0; m < MEMBERS; m++) {
        if (members[m].node().consensusModule().context().snapshotCounter().get() <= before[m]) {
          return false;
        }
      }
      return ClusterControl.ToggleState.get(toggle) == ClusterControl.ToggleState.NEUTRAL;
    }, "a snapshot on every member");
  }

  private static void await(Duration timeout, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("no " + what + " after " + timeout);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  /** Member {@code m}'s replica of the map. */
  public KvService service(int m) {
    return members[m].service();
  }

  /** Errors reported by any driver, archive, consensus module, container or client so far. */
  public List<Throwable> errors() {
    return List.copyOf(errors);
  }

  /** Warnings reported so far (Aeron's category WARN), which do not count as errors. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** Where the members keep their archive and cluster files. */
  public Path directory() {
    return directory;
  }

  public Options options() {
    return options;
  }

  /**
   * Closes every session, the client, then the members' service containers, their consensus
   * modules, their archives and drivers, and deletes the directory if the cluster made it. Errors
   * while closing are not collected: a member closing sees its peers go.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      closeAll();
    } finally {
      if (ownsDirectory) {
        IoUtil.delete(directory.toFile(), true);
      }
    }
  }

  private void closeAll() {
    closed = true;
    List<AutoCloseable> all = new ArrayList<>();
    synchronized (sessions) {
      all.addAll(sessions);
    }
    all.add(client);
    all.add(clientDriver);
    // Layer by layer, so that no member's consensus module outlives its peers' by much.
    for (Member member : members) {
      if (member != null) {
        all.add(member.container());
      }
    }
    for (Member member : members) {
      if (member != null) {
        all.add(member.node().consensusModule());
      }
    }
    for (Member member : members) {
      if (member != null) {
        all.add(member.node());
      }
    }
    CloseHelper.closeAll(all);
  }
}
