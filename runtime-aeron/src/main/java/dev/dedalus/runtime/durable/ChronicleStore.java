package dev.dedalus.runtime.durable;

import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.DurableLog;
import dev.dedalus.runtime.DurableStore;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Keeps every node's durable relations in a Chronicle queue of its own under one data directory:
 * {@code <data-dir>/<program>/<role>-<instance>[.<partition>]} ({@link ChronicleDurableLog}). A node
 * whose role keeps no durable relation gets no log.
 */
public final class ChronicleStore implements DurableStore {
  private final Path dataDirectory;
  private final LogSync sync;

  private ChronicleStore(Path dataDirectory, LogSync sync) {
    this.dataDirectory = dataDirectory;
    this.sync = sync;
  }

  /**
   * The store of a deployment: {@link DurableStore#NONE} at {@link LogSync#NONE} (nothing is
   * written), else one queue per node under {@code dataDirectory}. Nothing is created until a node's
   * log is {@linkplain #open opened}.
   *
   * @param dataDirectory the data directory, made absolute and normalized
   * @param sync how far each commit goes
   * @return the store
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code dataDirectory} is under {@code /dev/shm}: memory,
   *     which a restart of the machine empties, is no place for durable state
   */
  public static DurableStore of(Path dataDirectory, LogSync sync) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(sync, "sync");
    Path absolute = dataDirectory.toAbsolutePath().normalize();
    if (absolute.startsWith(Path.of("/dev/shm"))) {
      throw new IllegalArgumentException("the data directory " + absolute + " is in /dev/shm, which is memory: "
          + "durable relations need a directory on a disk");
    }
    return sync == LogSync.NONE ? DurableStore.NONE : new ChronicleStore(absolute, sync);
  }

  @Override
  public DurableLog open(DedalusProgram program, Topology.Node node) {
    List<RelationCodec<?>> relations = program.durableRelations(node.role());
    if (relations.isEmpty()) {
      return null;
    }
    Path directory = ChronicleDurableLog.nodeDirectory(dataDirectory, program.name(), node.role(), node.instance(), node.partition());
    return ChronicleDurableLog.open(directory, program.name(),
        ChronicleDurableLog.nodeName(node.role(), node.instance(), node.partition()), relations, sync);
  }

  /** {@return the data directory, absolute and normalized} */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** {@return how far each commit goes: {@link LogSync#OS} or {@link LogSync#DISK}} */
  public LogSync sync() {
    return sync;
  }

  @Override
  public String toString() {
    return "chronicle(" + dataDirectory + ", sync " + sync.cliName() + ")";
  }
}
