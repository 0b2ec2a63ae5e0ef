package dev.dedalus.protocols.cli;

import dev.dedalus.runtime.DurableStateException;
import dev.dedalus.runtime.deploy.Node;
import dev.dedalus.runtime.deploy.NodeId;
import dev.dedalus.runtime.deploy.TopologyFile;
import dev.dedalus.runtime.deploy.TopologyFileException;
import dev.dedalus.runtime.security.KeyFileException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs one node of a deployment in this process until the process is stopped: SIGTERM or Ctrl-C
 * closes it cleanly (its durable log closed, its Aeron directory removed).
 */
@Command(name = "node", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs one node of a deployed topology in this process until stopped (SIGTERM or Ctrl-C).")
final class NodeCommand implements Callable<Integer> {
  /** The line a started node prints first; scripts and tests wait for it. */
  static final String READY = "ready ";

  @Option(names = "--topology", paramLabel = "FILE", required = true, description = "The topology file (see docs/DEPLOYMENT.md).")
  Path topology;

  @Option(names = "--node", paramLabel = "ID", required = true,
      description = "Which node to run: Role/instance, or Role/instance.partition for a partitioned role, e.g. Leader/0.")
  String node;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    NodeId id;
    try {
      id = NodeId.parse(node);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--node " + e.getMessage());
    }
    PrintStream out = System.out;
    Node running;
    try {
      TopologyFile file = TopologyFile.read(topology);
      try {
        file.node(id);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--node " + node + ": " + e.getMessage());
      }
      running = Node.start(file, id);
      out.println(READY + id + " of " + file.programName() + " (plan " + file.plan() + ") listening on " + running.endpoint()
          + ", Aeron directory " + running.aeronDirectory() + ", durable relations " + file.sync().cliName() + " in "
          + file.dataDirectory());
      out.flush();
    } catch (TopologyFileException | KeyFileException | DurableStateException | IllegalArgumentException e) {
      return Main.fail(spec, e.getMessage());
    }
    // Runs until the JVM shuts down; LocalCluster's shutdown hook closes the node.
    running.awaitClose();
    return 0;
  }
}
