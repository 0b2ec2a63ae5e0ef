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
   * {@code firstClientId}, the next ones count up. Starts this process's own embedded media
   * driver, unless the file names an external one. Close the result when done.
   *
   * @param topology the deployment, whose client endpoints this process's clients listen on
   * @param firstClientId the location id of the first client, at least
   *     {@link dev.dedalus.runtime.Topology#FIRST_CLIENT_ID}
   * @return a cluster that runs no node, whose {@link LocalCluster#newClient()} gives the clients
   * @throws IllegalArgumentException if {@code firstClientId} is below
   *     {@link dev.dedalus.runtime.Topology#FIRST_CLIENT_ID}
   */
  public static LocalCluster connect(TopologyFile topology, long firstClientId) {
    return LocalCluster.startNodes(topology.topology(), List.of(), topology.options().withFirstClientId(firstClientId));
  }
}
