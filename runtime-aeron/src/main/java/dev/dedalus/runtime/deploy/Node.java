package dev.dedalus.runtime.deploy;

import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.aeron.EndpointCounters;
import dev.dedalus.runtime.aeron.LocalCluster;
import java.util.List;

/**
 * One node of a deployment, running in this process: the way a service embeds a node. It has its
 * own embedded media driver (or uses the external one the topology file names), listens on the UDP
 * endpoint the file gives it, reaches the other nodes and the clients at theirs, and keeps its
 * durable relations under the file's data directory, recovering them at start.
 *
 * <pre>{@code
 * TopologyFile topology = TopologyFile.read(Path.of("voting.conf"));
 * try (Node node = Node.start(topology, "Leader/0")) {
 *   node.awaitClose();   // until close() from another thread, or the JVM shuts down
 * }
 * }</pre>
 *
 * <p>The JVM's shutdown (SIGTERM, Ctrl-C) closes a node that is still running, and closing removes
 * its Aeron directory.
 */
public final class Node implements AutoCloseable {
  private final NodeId id;
  private final Topology.Node node;
  private final HostPort endpoint;
  private final LocalCluster cluster;
  private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

  private Node(NodeId id, Topology.Node node, HostPort endpoint, LocalCluster cluster) {
    this.id = id;
    this.node = node;
    this.endpoint = endpoint;
    this.cluster = cluster;
  }

  /**
   * Starts the node {@code nodeId} ({@code Role/instance} or {@code Role/instance.partition}) of
   * {@code topology} and returns once it runs.
   *
   * @throws IllegalArgumentException if the id is malformed or names no node of the topology
   * @throws dev.dedalus.runtime.DurableStateException if its durable state cannot be recovered
   */
  public static Node start(TopologyFile topology, String nodeId) {
    return start(topology, NodeId.parse(nodeId));
  }

  /** As {@link #start(TopologyFile, String)}, with a parsed id. */
  public static Node start(TopologyFile topology, NodeId nodeId) {
    Topology.Node node = topology.node(nodeId);
    LocalCluster cluster = LocalCluster.startNodes(topology.topology(), List.of(node), topology.options());
    return new Node(nodeId, node, topology.nodes().get(nodeId), cluster);
  }

  /** This node's id. */
  public NodeId id() {
    return id;
  }

  /** This node in the topology: role, instance, partition and location. */
  public Topology.Node node() {
    return node;
  }

  /** Where this node listens. */
  public HostPort endpoint() {
    return endpoint;
  }

  /** This node's live counters. */
  public EndpointCounters counters() {
    return cluster.counters(node.location());
  }

  /** The Aeron directory of this node's media driver, for {@code AeronStat}. */
  public String aeronDirectory() {
    return cluster.aeronDirectory();
  }

  /** Blocks until {@link #close()} is called (from another thread or by the JVM's shutdown). */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Stops the node's agent, closes its durable log and its media driver, removing its Aeron directory. */
  @Override
  public void close() {
    try {
      cluster.close();
    } finally {
      closed.countDown();
    }
  }

  @Override
  public String toString() {
    return node + " at " + endpoint;
  }
}
