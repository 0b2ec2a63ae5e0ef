package dev.dedalus.runtime.deploy;

import dev.dedalus.runtime.aeron.LocalCluster;
import java.util.List;

/**
 * Clients of a deployed cluster, in a process that runs none of its nodes: a
 * {@link LocalCluster} with no local nodes, whose {@link LocalCluster#newClient()} gives clients
 * that listen on the topology file's client endpoints and reach the nodes at theirs.
 */
public final class Clients {
  private Clients() {}

  /**
   * Connects to the cluster {@code topology} describes; the first client gets location
   * {@code firstClientId}, the next ones count up (at least {@code Topology.FIRST_CLIENT_ID}).
   * Close the result when done.
   */
  public static LocalCluster connect(TopologyFile topology, long firstClientId) {
    return LocalCluster.startNodes(topology.topology(), List.of(), topology.options().withFirstClientId(firstClientId));
  }
}
