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
 * the Aeron directory of its embedded driver.
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
   * {@code topology} and returns once it runs. Close it when done.
   *
   * @param topology the deployment
   * @param nodeId the node's id as an operator writes it
   * @return the running node
   * @throws IllegalArgumentException if the id is malformed or names no node of the topology
   * @throws dev.dedalus.runtime.DurableStateException if its durable state cannot be recovered
   */
  public static Node start(TopologyFile topology, String nodeId) {
    return start(topology, NodeId.parse(nodeId));
  }

  /**
   * As {@link #start(TopologyFile, String)}, with a parsed id.
   *
   * @param topology the deployment
   * @param nodeId the node's id
   * @return the running node
   * @throws IllegalArgumentException if the id names no node of the topology
   * @throws dev.dedalus.runtime.DurableStateException if its durable state cannot be recovered
   */
  public static Node start(TopologyFile topology, NodeId nodeId) {
    Topology.Node node = topology.node(nodeId);
    LocalCluster cluster = LocalCluster.startNodes(topology.topology(), List.of(node), topology.options());
    return new Node(nodeId, node, topology.nodes().get(nodeId), cluster);
  }

  /** {@return this node's id} */
  public NodeId id() {
    return id;
  }

  /** {@return this node in the topology: role, instance, partition and location} */
  public Topology.Node node() {
    return node;
  }

  /** {@return where this node listens, as the topology file gives it} */
  public HostPort endpoint() {
    return endpoint;
  }

  /**
   * {@return this node's live counters}
   *
   * @throws IllegalArgumentException once the node is closed
   */
  public EndpointCounters counters() {
    return cluster.counters(node.location());
  }

  /** {@return the Aeron directory of this node's media driver, for {@code AeronStat}} */
  public String aeronDirectory() {
    return cluster.aeronDirectory();
  }

  /**
   * Blocks until {@link #close()} is called on this node, from another thread. The JVM's shutdown
   * closes the node through the cluster's own hook without ending this wait: the JVM exits instead.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /**
   * Stops the node's agent and closes its durable log and its Aeron client; an embedded media
   * driver is closed too, which removes its Aeron directory, while an external one keeps running.
   * Then ends {@link #awaitClose()}. A second call does nothing more.
   */
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
