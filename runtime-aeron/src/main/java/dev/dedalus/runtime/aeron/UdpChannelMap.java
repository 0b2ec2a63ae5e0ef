package dev.dedalus.runtime.aeron;

import dev.dedalus.Location;
import dev.dedalus.runtime.Topology;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Each node on its own UDP endpoint ({@code aeron:udp?endpoint=host:port}), given explicitly, and
 * clients on consecutive ports from a base on one host: client {@code FIRST_CLIENT_ID + k} listens
 * on {@code clientBasePort + k mod maxClients}. Client locations wrap around the ports so that runs
 * against one durable state can number their clients apart ({@code LocalCluster.Options#firstClientId});
 * a frame that reaches a client it was not addressed to (one of an earlier run) is dropped there. The subscriber binds the endpoint and every sender publishes to it,
 * so a process needs only the map and a media driver of its own.
 */
public final class UdpChannelMap implements ChannelMap {
  /** One stream per endpoint suffices; a fixed id keeps the channels easy to read in tools. */
  public static final int STREAM_ID = 10_001;

  private final Map<Long, String> nodes;
  private final String clientHost;
  private final int clientBasePort;
  private final int maxClients;

  private UdpChannelMap(Map<Long, String> nodes, String clientHost, int clientBasePort, int maxClients) {
    this.nodes = Collections.unmodifiableMap(new TreeMap<>(nodes)); // sorted: readable in logs
    this.clientHost = clientHost;
    this.clientBasePort = clientBasePort;
    this.maxClients = maxClients;
  }

  /**
   * Node {@code k} (location id k, from 1) on {@code host:nodeBasePort + k - 1}, client
   * {@code FIRST_CLIENT_ID + k} on {@code host:clientBasePort + k mod maxClients}: a whole
   * deployment on one host.
   *
   * @param topology the deployment
   * @param host the host every node and client listens on
   * @param nodeBasePort the port of the node at location 1
   * @param clientBasePort the port of the first client
   * @param maxClients how many client ports, from {@code clientBasePort} up
   * @return the map
   * @throws IllegalArgumentException if the client ports are out of range, as
   *     {@link Builder#clients} checks
   */
  public static UdpChannelMap forTopology(Topology topology, String host, int nodeBasePort, int clientBasePort, int maxClients) {
    Builder b = builder().clients(host, clientBasePort, maxClients);
    for (Topology.Node node : topology.nodes()) {
      b.node(node.location(), host + ":" + (nodeBasePort + node.location().id() - 1));
    }
    return b.build();
  }

  /** {@return a new builder, with no nodes and no clients} */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Endpoint endpointOf(Location location) {
    String hostPort = nodes.get(location.id());
    if (hostPort == null && Topology.isClient(location) && clientHost != null) {
      long k = location.id() - Topology.FIRST_CLIENT_ID;
      hostPort = clientHost + ":" + (clientBasePort + k % maxClients);
    }
    return hostPort == null ? null : new Endpoint("aeron:udp?endpoint=" + hostPort, STREAM_ID);
  }

  @Override
  public String toString() {
    return "udp(nodes=" + nodes + ", clients=" + clientHost + ":" + clientBasePort + "+" + maxClients + ")";
  }

  /** Builds a UDP map. */
  public static final class Builder {
    private final Map<Long, String> nodes = new LinkedHashMap<>();
    private String clientHost;
    private int clientBasePort;
    private int maxClients;

    /**
     * The node at {@code location} listens on {@code hostPort}, replacing what was given for it
     * before.
     *
     * @param location the node's location
     * @param hostPort {@code host:port}, e.g. {@code host5.example.net:20121}, with an IPv6 address in
     *     brackets
     * @return this builder
     * @throws NullPointerException if {@code hostPort} is null
     */
    public Builder node(Location location, String hostPort) {
      nodes.put(location.id(), Objects.requireNonNull(hostPort, "hostPort"));
      return this;
    }

    /**
     * Client {@code FIRST_CLIENT_ID + k} listens on {@code host:basePort + k mod maxClients}.
     *
     * @param host the host every client listens on
     * @param basePort the port of the first client
     * @param maxClients how many client ports, from {@code basePort} up
     * @return this builder
     * @throws IllegalArgumentException if {@code basePort} is not positive, {@code maxClients} is
     *     below 1, or the ports go past 65535
     * @throws NullPointerException if {@code host} is null
     */
    public Builder clients(String host, int basePort, int maxClients) {
      if (basePort <= 0 || maxClients < 1 || basePort + (long) maxClients > 65_536) {
        throw new IllegalArgumentException("client ports " + basePort + "+" + maxClients + " are out of range");
      }
      this.clientHost = Objects.requireNonNull(host, "host");
      this.clientBasePort = basePort;
      this.maxClients = maxClients;
      return this;
    }

    /**
     * {@return the map} Without {@link #clients}, it has no endpoint for any client.
     */
    public UdpChannelMap build() {
      return new UdpChannelMap(nodes, clientHost, clientBasePort, maxClients);
    }
  }
}
