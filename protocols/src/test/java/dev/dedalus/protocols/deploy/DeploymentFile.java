package dev.dedalus.protocols.deploy;

import dev.dedalus.protocols.load.Workload;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A deployment as the {@code node} and {@code run} commands read it: a HOCON topology file naming
 * the program, the plan, the role counts, each node's host and UDP port, the clients' host and
 * ports, the data directory and the log sync. Written from the topology a {@link Workload} runs, so
 * the file lists exactly the nodes the protocol has.
 *
 * @param file where the file is
 * @param topology the deployment it describes
 * @param nodeIds each node's id on the command line ({@code Role/instance[.partition]}), in the
 *     order of {@link Topology#nodes()}
 */
public record DeploymentFile(Path file, Topology topology, List<String> nodeIds) {
  /** Where a node or the clients listen. */
  public record Endpoint(String host, int port) {}

  /** The data directory, relative to the file's directory. */
  public static final String DATA_DIR = "data";

  /**
   * Writes the file for {@code plan} of {@code workload} at {@code partitions} partitions, each node
   * where {@code place} puts it, {@code clientCount} clients listening from {@code clients}.
   */
  public static DeploymentFile write(Path file, Workload workload, String plan, int partitions,
      Function<Topology.Node, Endpoint> place, Endpoint clients, int clientCount, String sync) {
    Topology topology = workload.topology(plan, partitions);
    DedalusProgram program = topology.program();
    StringBuilder s = new StringBuilder();
    s.append("# ").append(workload.name()).append(", plan ").append(plan).append(", ").append(partitions)
        .append(" partition(s): written by a test\n");
    s.append("program = ").append(quote(program.name())).append('\n');
    s.append("plan = ").append(plan).append('\n');
    s.append("roles {\n");
    for (String role : program.roles()) {
      List<String> counts = new ArrayList<>();
      if (!program.instanceSources().containsKey(role)) {
        counts.add("instances = " + topology.addressesOf(role).size());
      }
      if (program.partitionedRoles().contains(role)) {
        counts.add("partitions = " + topology.partitionsOf(role));
      }
      if (!counts.isEmpty()) {
        s.append("  ").append(role).append(" { ").append(String.join(", ", counts)).append(" }\n");
      }
    }
    s.append("}\n");
    s.append("nodes {\n");
    List<String> ids = new ArrayList<>();
    for (Topology.Node node : topology.nodes()) {
      String id = nodeId(node);
      ids.add(id);
      Endpoint at = place.apply(node);
      s.append("  ").append(quote(id)).append(" { host = ").append(quote(at.host())).append(", port = ").append(at.port())
          .append(" }\n");
    }
    s.append("}\n");
    s.append("clients { host = ").append(quote(clients.host())).append(", port = ").append(clients.port())
        .append(", count = ").append(clientCount).append(" }\n");
    s.append("data-dir = ").append(quote(DATA_DIR)).append('\n');
    s.append("sync = ").append(sync).append('\n');
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DeploymentFile(file, topology, List.copyOf(ids));
  }

  /** {@code Role/instance}, or {@code Role/instance.partition} for a partition other than the first. */
  static String nodeId(Topology.Node node) {
    return dev.dedalus.runtime.deploy.NodeId.of(node).toString();
  }

  /** The id of the node at index {@code k} of {@link Topology#nodes()}. */
  public String id(int k) {
    return nodeIds.get(k);
  }

  /** The ids of every instance (partitions included) of {@code role}. */
  public List<String> idsOf(String role) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < topology.nodes().size(); k++) {
      if (topology.nodes().get(k).role().equals(role)) {
        out.add(nodeIds.get(k));
      }
    }
    return out;
  }

  /** The data directory the nodes use. */
  public Path dataDirectory() {
    return file.toAbsolutePath().getParent().resolve(DATA_DIR);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
