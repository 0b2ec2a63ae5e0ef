package dev.dedalus.runtime.aeron;

import dev.dedalus.runtime.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each node of a run cost: busy CPU seconds and facts received and sent, and the projected
 * throughput, committed requests divided by the largest busy CPU time of any node: the rate the
 * run would reach if every node had a core of its own and the network were free. The node with
 * that largest time is the bottleneck.
 *
 * @param nodes each node's cost
 * @param committed how many requests the run committed
 */
public record CpuReport(List<NodeCost> nodes, long committed) {

  /**
   * One node's cost.
   *
   * @param node the node's name, as {@link Topology.Node#toString()} writes it
   * @param busyCpuSeconds thread CPU time spent in duty cycles that did work
   *     ({@link Counter#BUSY_CPU_NANOS}), in seconds
   * @param factsReceived facts the node received
   * @param factsSent facts the node sent
   */
  public record NodeCost(String node, double busyCpuSeconds, long factsReceived, long factsSent) {}

  /**
   * {@return the report of a run}
   *
   * @param counters each node's counters, e.g. {@link LocalCluster#counters()}; the report keeps
   *     their order
   * @param committed how many requests the run committed
   */
  public static CpuReport of(Map<Topology.Node, EndpointCounters> counters, long committed) {
    List<NodeCost> nodes = new ArrayList<>();
    counters.forEach((node, c) -> nodes.add(new NodeCost(node.toString(), c.get(Counter.BUSY_CPU_NANOS) / 1e9,
        c.get(Counter.FACTS_RECEIVED), c.get(Counter.FACTS_SENT))));
    return new CpuReport(List.copyOf(nodes), committed);
  }

  /**
   * {@return the node with the most busy CPU time, the first of them on a tie}
   *
   * @throws IndexOutOfBoundsException if the report has no node
   */
  public NodeCost bottleneck() {
    NodeCost worst = nodes.get(0);
    for (NodeCost n : nodes) {
      if (n.busyCpuSeconds() > worst.busyCpuSeconds()) {
        worst = n;
      }
    }
    return worst;
  }

  /**
   * {@return committed requests per second of the bottleneck's busy CPU; 0 if it was never busy}
   *
   * @throws IndexOutOfBoundsException if the report has no node
   */
  public double projectedThroughput() {
    double busiest = bottleneck().busyCpuSeconds();
    return busiest > 0 ? committed / busiest : 0;
  }

  /**
   * {@return a table, one node a line, and the projection, labelled as what it is}
   *
   * @throws IndexOutOfBoundsException if the report has no node
   */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "  %-24s %12s %14s %14s %16s%n", "node", "busy CPU s", "facts in", "facts out", "CPU us/request"));
    for (NodeCost n : nodes) {
      s.append(String.format(Locale.ROOT, "  %-24s %12.3f %,14d %,14d %16.2f%n", n.node(), n.busyCpuSeconds(),
          n.factsReceived(), n.factsSent(), committed > 0 ? n.busyCpuSeconds() * 1e6 / committed : 0));
    }
    s.append(String.format(Locale.ROOT,
        "projected throughput: %,.0f requests/s, bottleneck %s (if every node had its own core and the network were free)%n",
        projectedThroughput(), bottleneck().node()));
    return s.toString();
  }
}
