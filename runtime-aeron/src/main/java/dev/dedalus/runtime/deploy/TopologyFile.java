package dev.dedalus.runtime.deploy;

import static dev.dedalus.runtime.deploy.ConfigReader.error;
import static dev.dedalus.runtime.deploy.ConfigReader.integer;
import static dev.dedalus.runtime.deploy.ConfigReader.object;
import static dev.dedalus.runtime.deploy.ConfigReader.onlyKnown;
import static dev.dedalus.runtime.deploy.ConfigReader.path;
import static dev.dedalus.runtime.deploy.ConfigReader.required;
import static dev.dedalus.runtime.deploy.ConfigReader.string;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.aeron.ChannelMap;
import dev.dedalus.runtime.aeron.LocalCluster;
import dev.dedalus.runtime.aeron.UdpChannelMap;
import dev.dedalus.runtime.durable.ChronicleStore;
import dev.dedalus.runtime.durable.LogSync;
import dev.dedalus.runtime.security.FrameKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deployment as its operator writes it once: the program and plan, each role's instances and
 * partitions, where every node listens, where clients listen, the data directory, the sync level of
 * durable relations, the key files, and the media driver. Written in HOCON (Typesafe Config):
 *
 * <pre>
 * program = "dev.dedalus.protocols.voting.Voting"   # the &#64;Dedalus interface
 * plan = base                                        # one of its plans (default base)
 * roles { Participant { instances = 3 } }            # unlisted roles: 1 instance, 1 partition
 * nodes {
 *   "Leader/0"      { host = "host1.example.net", port = 20100 }
 *   "Participant/0" { host = "host2.example.net", port = 20100 }
 *   "Participant/1" { host = "host3.example.net", port = 20100 }
 *   "Participant/2" { host = "host4.example.net", port = 20100 }
 * }
 * clients { host = "clients.example.net", port = 21000, count = 256 }   # client k listens on port + k mod count
 * data-dir = "data"            # relative to this file; one directory per node inside
 * sync = os                    # none | os | disk
 * keys { cluster = "cluster.key", clients = "clients.key" }  # optional
 * media-driver { directory = "/dev/shm/aeron-node" }        # optional: an external driver
 * term-length = 1m             # Aeron term length of each publication (default 1 MiB)
 * </pre>
 *
 * <p>{@link #read(Path)} checks everything it can without starting anything: unknown fields, types
 * and ranges, that the program and plan exist on the class path, that the role counts make a valid
 * topology, that {@code nodes} lists each of its nodes exactly once, and that no two endpoints
 * share a host and port. Every error names the file, the line and the field. Immutable.
 */
public final class TopologyFile {
  static final List<String> FIELDS =
      List.of("program", "plan", "roles", "nodes", "clients", "data-dir", "sync", "keys", "media-driver", "term-length");

  /** The default term length: small, since a box may run many nodes (3 terms per publication). */
  public static final int DEFAULT_TERM_LENGTH = 1 << 20;

  private final Path source;
  private final String programName;
  private final String plan;
  private final Topology topology;
  private final Map<NodeId, HostPort> nodes;
  private final HostPort clients;
  private final int clientCount;
  private final Path dataDirectory;
  private final LogSync sync;
  private final Path clusterKeyFile;
  private final Path clientKeyFile;
  private final String mediaDriverDirectory;
  private final int termLength;

  private TopologyFile(Builder b) {
    this.source = b.source;
    this.programName = b.programName;
    this.plan = b.plan;
    this.topology = b.topology;
    this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(b.nodes));
    this.clients = b.clients;
    this.clientCount = b.clientCount;
    this.dataDirectory = b.dataDirectory;
    this.sync = b.sync;
    this.clusterKeyFile = b.clusterKeyFile;
    this.clientKeyFile = b.clientKeyFile;
    this.mediaDriverDirectory = b.mediaDriverDirectory;
    this.termLength = b.termLength;
  }

  /**
   * Reads and checks a topology file; relative paths in it are relative to its directory.
   *
   * @param file the file, absolute or relative to the working directory
   * @return the checked deployment
   * @throws TopologyFileException naming the file, line and field of the first mistake, or the
   *     file if it cannot be read or parsed
   */
  public static TopologyFile read(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute)) {
      throw new TopologyFileException(file + ": no such topology file");
    }
    Config config;
    try {
      config = ConfigFactory.parseFile(absolute.toFile(),
          ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
    } catch (ConfigException e) {
      throw ConfigReader.error(e);
    }
    return of(config, absolute, absolute.getParent());
  }

  /**
   * Reads a topology from text, for tests and tools; {@code name} stands for the file in messages,
   * and relative paths are relative to {@code baseDirectory}. Checks as {@link #read(Path)} does.
   *
   * @param text the file's HOCON text
   * @param name the file name that messages and {@link #source()} give
   * @param baseDirectory the directory relative paths in the text resolve against
   * @return the checked deployment
   * @throws TopologyFileException naming {@code name}, the line and the field of the first mistake
   */
  public static TopologyFile parse(String text, String name, Path baseDirectory) {
    Config config;
    try {
      config = ConfigFactory.parseString(text, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setOriginDescription(name));
    } catch (ConfigException e) {
      throw ConfigReader.error(e);
    }
    return of(config, Path.of(name), baseDirectory.toAbsolutePath().normalize());
  }

  private static TopologyFile of(Config config, Path source, Path base) {
    try {
      config = config.resolve();
    } catch (ConfigException e) {
      throw ConfigReader.error(e);
    }
    ConfigObject root = config.root();
    onlyKnown(root, "", FIELDS);
    Builder b = new Builder();
    b.source = source;
    b.programName = string(required(root, "", "program"), "program");
    ConfigValue planValue = root.get("plan");
    b.plan = planValue == null ? "base" : string(planValue, "plan");
    DedalusProgram program = ProgramLoader.load(b.programName, b.plan, root);
    b.topology = topology(program, root);
    b.clients = readClients(root, b);
    b.nodes = readNodes(root, b.topology);
    checkEndpointsDistinct(root, b);
    ConfigValue dataDir = root.get("data-dir");
    b.dataDirectory = base.resolve(dataDir == null ? "data" : string(dataDir, "data-dir")).normalize();
    ConfigValue sync = root.get("sync");
    try {
      b.sync = sync == null ? LogSync.OS : LogSync.parse(string(sync, "sync"));
    } catch (IllegalArgumentException e) {
      throw error(sync, "sync", "must be none, os or disk, got '" + sync.unwrapped() + "'");
    }
    if (b.sync != LogSync.NONE) {
      try {
        ChronicleStore.of(b.dataDirectory, b.sync); // refuses /dev/shm
      } catch (IllegalArgumentException e) {
        throw error(dataDir == null ? root : dataDir, "data-dir", e.getMessage());
      }
    }
    readKeys(root, base, b);
    readMediaDriver(root, b);
    b.termLength = termLength(config, root);
    return new TopologyFile(b);
  }

  private static Topology topology(DedalusProgram program, ConfigObject root) {
    Topology.Builder builder = Topology.builder(program);
    ConfigValue rolesValue = root.get("roles");
    if (rolesValue != null) {
      ConfigObject roles = object(rolesValue, "roles");
      for (String role : new TreeSet<>(roles.keySet())) {
        String rolePath = path("roles", role);
        ConfigObject spec = object(roles.get(role), rolePath);
        if (!program.roles().contains(role)) {
          throw error(spec, rolePath, "program " + program.name() + " has no role '" + role + "'; its roles are "
              + String.join(", ", program.roles()));
        }
        onlyKnown(spec, rolePath, List.of("instances", "partitions"));
        try {
          if (spec.get("instances") != null) {
            builder.instances(role, integer(spec.get("instances"), path(rolePath, "instances"), 1, 10_000));
          }
          if (spec.get("partitions") != null) {
            builder.partitions(role, integer(spec.get("partitions"), path(rolePath, "partitions"), 1, 10_000));
          }
        } catch (IllegalArgumentException e) {
          throw error(spec, rolePath, e.getMessage());
        }
      }
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw error(rolesValue == null ? root : rolesValue, "roles", e.getMessage());
    }
  }

  private static HostPort readClients(ConfigObject root, Builder b) {
    ConfigObject clients = object(required(root, "", "clients"), "clients");
    onlyKnown(clients, "clients", List.of("host", "port", "count"));
    HostPort first = hostPort(clients, "clients");
    b.clientCount = integer(required(clients, "clients", "count"), "clients.count", 1, 65_535);
    if (first.port() + (long) b.clientCount - 1 > 65_535) {
      throw error(clients, "clients", "ports " + first.port() + " to " + (first.port() + b.clientCount - 1) + " go past 65535");
    }
    return first;
  }

  private static Map<NodeId, HostPort> readNodes(ConfigObject root, Topology topology) {
    ConfigObject nodes = object(required(root, "", "nodes"), "nodes");
    Map<NodeId, ConfigValue> given = new HashMap<>();
    for (String key : new TreeSet<>(nodes.keySet())) {
      NodeId id;
      try {
        id = NodeId.parse(key);
      } catch (IllegalArgumentException e) {
        throw error(nodes.get(key), path("nodes", key), e.getMessage());
      }
      if (topology.nodes().stream().noneMatch(id::names)) {
        throw error(nodes.get(key), path("nodes", key), "no such node in this topology; its nodes are " + ids(topology));
      }
      if (given.put(id, nodes.get(key)) != null) {
        throw error(nodes.get(key), path("nodes", key), "listed twice (as " + id + ")");
      }
    }
    Map<NodeId, HostPort> out = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Topology.Node node : topology.nodes()) {
      NodeId id = NodeId.of(node);
      ConfigValue value = given.get(id);
      if (value == null) {
        missing.add(id.toString());
        continue;
      }
      String nodePath = path("nodes", id.toString());
      ConfigObject spec = object(value, nodePath);
      onlyKnown(spec, nodePath, List.of("host", "port"));
      out.put(id, hostPort(spec, nodePath));
    }
    if (!missing.isEmpty()) {
      throw error(nodes, "nodes", "every node needs an endpoint; missing: " + String.join(", ", missing));
    }
    return out;
  }

  private static HostPort hostPort(ConfigObject spec, String at) {
    String host = string(required(spec, at, "host"), path(at, "host"));
    int port = integer(required(spec, at, "port"), path(at, "port"), 1, 65_535);
    return new HostPort(host, port);
  }

  /** No two nodes on one host and port, and no node inside the clients' port range on their host. */
  private static void checkEndpointsDistinct(ConfigObject root, Builder b) {
    ConfigObject nodes = (ConfigObject) root.get("nodes");
    Map<HostPort, NodeId> seen = new HashMap<>();
    for (Map.Entry<NodeId, HostPort> e : b.nodes.entrySet()) {
      HostPort hp = e.getValue();
      NodeId earlier = seen.put(hp, e.getKey());
      if (earlier != null) {
        throw error(nodeValue(nodes, e.getKey()), path("nodes", e.getKey().toString()),
            "listens on " + hp + ", as " + earlier + " does; every node needs an endpoint of its own");
      }
      if (hp.host().equals(b.clients.host()) && hp.port() >= b.clients.port() && hp.port() < b.clients.port() + b.clientCount) {
        throw error(nodeValue(nodes, e.getKey()), path("nodes", e.getKey().toString()),
            "listens on " + hp + ", inside the clients' ports " + b.clients.port() + " to " + (b.clients.port() + b.clientCount - 1));
      }
    }
  }

  private static ConfigValue nodeValue(ConfigObject nodes, NodeId id) {
    for (String key : nodes.keySet()) {
      if (NodeId.parse(key).equals(id)) {
        return nodes.get(key);
      }
    }
    return nodes;
  }

  private static void readKeys(ConfigObject root, Path base, Builder b) {
    ConfigValue value = root.get("keys");
    if (value == null) {
      return;
    }
    ConfigObject keys = object(value, "keys");
    onlyKnown(keys, "keys", List.of("cluster", "clients"));
    b.clusterKeyFile = base.resolve(string(required(keys, "keys", "cluster"), "keys.cluster")).normalize();
    b.clientKeyFile = base.resolve(string(required(keys, "keys", "clients"), "keys.clients")).normalize();
    if (b.clusterKeyFile.equals(b.clientKeyFile)) {
      throw error(keys.get("clients"), "keys.clients", "must be a file other than keys.cluster: clients must not hold the cluster key");
    }
  }

  private static void readMediaDriver(ConfigObject root, Builder b) {
    ConfigValue value = root.get("media-driver");
    if (value == null) {
      return;
    }
    ConfigObject driver = object(value, "media-driver");
    onlyKnown(driver, "media-driver", List.of("directory"));
    b.mediaDriverDirectory = string(required(driver, "media-driver", "directory"), "media-driver.directory");
  }

  private static int termLength(Config config, ConfigObject root) {
    ConfigValue value = root.get("term-length");
    if (value == null) {
      return DEFAULT_TERM_LENGTH;
    }
    long bytes;
    try {
      bytes = config.getBytes("term-length");
    } catch (ConfigException e) {
      throw error(value, "term-length", "must be a size such as 1m, 4MiB or 1048576, got " + value.render());
    }
    if (bytes < 128 * 1024 || bytes > LocalCluster.Options.MAX_TERM_LENGTH || Long.bitCount(bytes) != 1) {
      throw error(value, "term-length", "must be a power of two from 128 KiB to 1 GiB, got " + bytes + " bytes");
    }
    return (int) bytes;
  }

  private static String ids(Topology topology) {
    List<String> ids = new ArrayList<>();
    topology.nodes().forEach(n -> ids.add(NodeId.of(n).toString()));
    return String.join(", ", ids);
  }

  /** {@return the file this was read from, absolute, or the name given to {@link #parse}} */
  public Path source() {
    return source;
  }

  /** {@return the program's name as the file gives it: the {@code @Dedalus} type's binary name} */
  public String programName() {
    return programName;
  }

  /** {@return the plan's name, e.g. {@code base} (the default) or {@code optimized}} */
  public String plan() {
    return plan;
  }

  /** {@return the deployment's nodes and their locations} */
  public Topology topology() {
    return topology;
  }

  /** {@return the compiled plan the nodes run} */
  public DedalusProgram program() {
    return topology.program();
  }

  /** {@return where each node listens, in location order; unmodifiable} */
  public Map<NodeId, HostPort> nodes() {
    return nodes;
  }

  /**
   * {@return the node {@code id} names}
   *
   * @param id a node's id
   * @throws IllegalArgumentException if this topology has no such node; the message lists its
   *     node ids
   */
  public Topology.Node node(NodeId id) {
    for (Topology.Node node : topology.nodes()) {
      if (id.names(node)) {
        return node;
      }
    }
    throw new IllegalArgumentException(source + " has no node " + id + "; its nodes are " + ids(topology));
  }

  /**
   * {@return the first client endpoint} Client {@code FIRST_CLIENT_ID + k} listens on
   * {@code port + k mod clientCount}.
   */
  public HostPort clients() {
    return clients;
  }

  /** {@return how many client ports there are, from {@link #clients()}'s port up} */
  public int clientCount() {
    return clientCount;
  }

  /**
   * {@return the parent of every node's data directory, absolute} Default {@code data} beside the
   * file.
   */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** {@return the sync level of durable relations} Default {@link LogSync#OS}. */
  public LogSync sync() {
    return sync;
  }

  /**
   * {@return the cluster key file {@code keys.cluster}, absolute, or null if the file names none}
   * Only nodes read it ({@link #nodeOptions()}): it authenticates frames between nodes.
   */
  public Path clusterKeyFile() {
    return clusterKeyFile;
  }

  /**
   * {@return the client key file {@code keys.clients}, absolute, or null if the file names none}
   * Nodes and clients read it: it authenticates every frame from or to a client.
   */
  public Path clientKeyFile() {
    return clientKeyFile;
  }

  /** {@return an external media driver's directory, or null to embed one per process} */
  public String mediaDriverDirectory() {
    return mediaDriverDirectory;
  }

  /** {@return the Aeron term length of each publication, in bytes} Default {@link #DEFAULT_TERM_LENGTH}. */
  public int termLength() {
    return termLength;
  }

  /** {@return the UDP endpoints of every node and of the clients, as a new map} */
  public ChannelMap channelMap() {
    UdpChannelMap.Builder b = UdpChannelMap.builder().clients(clients.host(), clients.port(), clientCount);
    for (Topology.Node node : topology.nodes()) {
      b.node(node.location(), nodes.get(NodeId.of(node)).toString());
    }
    return b.build();
  }

  /**
   * How a node process of this deployment runs: the UDP channel map, the term length, the media
   * driver, durable relations in {@link #dataDirectory()} at {@link #sync()}, and, if the file names
   * key files, frames authenticated under both keys.
   *
   * @return the options
   * @throws dev.dedalus.runtime.security.KeyFileException if a key file cannot be read or is not a key
   */
  public LocalCluster.Options nodeOptions() {
    LocalCluster.Options options = commonOptions().withDurableStore(ChronicleStore.of(dataDirectory, sync));
    return clusterKeyFile == null ? options : options.withKeys(FrameKeys.forNode(clusterKeyFile, clientKeyFile));
  }

  /**
   * How a process of clients of this deployment runs: as {@link #nodeOptions()}, with no durable
   * store and, if the file names key files, only the client key: a client process never reads the
   * cluster key.
   *
   * @return the options
   * @throws dev.dedalus.runtime.security.KeyFileException if the client key file cannot be read or is not a key
   */
  public LocalCluster.Options clientOptions() {
    LocalCluster.Options options = commonOptions();
    return clientKeyFile == null ? options : options.withKeys(FrameKeys.forClient(clientKeyFile));
  }

  private LocalCluster.Options commonOptions() {
    LocalCluster.Options options = LocalCluster.Options.defaults().withChannelMap(channelMap()).withTermLength(termLength);
    return mediaDriverDirectory == null ? options : options.withAeronDirectory(mediaDriverDirectory);
  }

  @Override
  public String toString() {
    return source + " (" + programName + ", plan " + plan + ", " + nodes.size() + " nodes)";
  }

  /** Fields as they are read, in order. */
  private static final class Builder {
    Path source;
    String programName;
    String plan;
    Topology topology;
    Map<NodeId, HostPort> nodes = new TreeMap<>();
    HostPort clients;
    int clientCount;
    Path dataDirectory;
    LogSync sync;
    Path clusterKeyFile;
    Path clientKeyFile;
    String mediaDriverDirectory;
    int termLength;
  }
}
