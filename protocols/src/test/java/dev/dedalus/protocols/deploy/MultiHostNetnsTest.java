package dev.dedalus.protocols.deploy;

import dev.dedalus.protocols.load.Workload;
import dev.dedalus.protocols.twopc.TwoPhaseCommitWorkload;
import dev.dedalus.protocols.voting.VotingWorkload;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployments across hosts: every node of a protocol in a network namespace of its own, with an
 * address of its own on a bridge, and the clients in one more; each node a {@code dedalus node}
 * process, the clients a {@code dedalus run --topology} process. Voting (base plan), voting
 * (optimized, 3 partitions) and 2PC (base) must each answer every request once.
 *
 * <p>Skips where this machine does not let a test make namespaces (not root, no {@code ip}, a
 * container that refuses). Either way it prints one line, {@code NETNS: ran ...} or
 * {@code NETNS: skipped: <reason>} (or {@code NETNS: failed ...}), and writes it to
 * {@code protocols/target/netns-status.txt}, so that CI shows whether it ran.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES) // guards against a hang, not a speed goal
class MultiHostNetnsTest {
  /** Requests per protocol. */
  static final int REQUESTS = 400;
  static final int CLIENTS = 8;
  static final int NODE_PORT = 20_100;
  static final int CLIENT_PORT = 21_000;
  static final int CLIENT_PORTS = 64;

  @TempDir
  Path work;

  /** One deployment to run: a protocol, a plan, its partitions. */
  record Case(String name, Workload workload, String plan, int partitions) {}

  static final List<Case> CASES = List.of(
      new Case("voting-base", new VotingWorkload(), "base", 1),
      new Case("voting-optimized-3", new VotingWorkload(), "optimized", 3),
      new Case("2pc", new TwoPhaseCommitWorkload(), "base", 1));

  @Test
  void votingAndTwoPhaseCommitAnswerEveryRequestAcrossNamespaces() throws Exception {
    NetNamespaces.Availability available = NetNamespaces.available();
    if (!available.ok()) {
      status("NETNS: skipped: " + available.reason());
      Assumptions.assumeTrue(false, "network namespaces are not permitted here: " + available.reason());
    }
    status("NETNS: started, did not finish"); // what a run killed by its timeout leaves
    List<String> ran = new ArrayList<>();
    int namespaces = 0;
    for (Case c : CASES) {
      try {
        namespaces += runAcrossNamespaces(c);
      } catch (Throwable t) {
        status("NETNS: failed in " + c.name() + " (ran " + (ran.isEmpty() ? "nothing" : String.join(", ", ran)) + " before): "
            + String.valueOf(t.getMessage()).lines().findFirst().orElse(""));
        throw t;
      }
      ran.add(c.name());
    }
    status("NETNS: ran " + String.join(", ", ran) + " across " + namespaces + " namespaces");
  }

  /** Runs one case on hosts of its own; returns how many namespaces it used. */
  private int runAcrossNamespaces(Case c) throws Exception {
    Path dir = work.resolve(c.name());
    int nodes = c.workload().topology(c.plan(), c.partitions()).nodes().size();
    // Nodes in namespaces 0..n-1, the clients in namespace n; the switch is one more.
    try (NetNamespaces net = NetNamespaces.create(nodes + 1);
         NodeProcesses processes = new NodeProcesses(dir.resolve("logs"))) {
      DeploymentFile file = DeploymentFile.write(dir.resolve("topology.conf"), c.workload(), c.plan(), c.partitions(),
          node -> new DeploymentFile.Endpoint(net.address((int) node.location().id() - 1), NODE_PORT),
          new DeploymentFile.Endpoint(net.address(nodes), CLIENT_PORT), CLIENT_PORTS, "os");
      DeployedNodes deployed = new DeployedNodes(processes, file, net::exec);
      processes.check(() -> {
        deployed.startAll();
        Path replies = dir.resolve("replies.log");
        NodeProcesses.Node run = deployed.run(c.name(), net.exec(nodes), c.workload().name(), "--requests",
            Integer.toString(REQUESTS), "--duration", "90s", "--clients", Integer.toString(CLIENTS), "--reply-log",
            replies.toString());
        int exit = DeployedNodes.awaitRun(run, Duration.ofSeconds(150));
        DeployedNodes.assertAllAnswered(run, exit, REQUESTS, replies);
        deployed.stopAll();
      });
      return net.namespaces().size();
    }
  }

  /** Prints the status line and writes it to target/netns-status.txt. */
  private static void status(String line) throws IOException, URISyntaxException {
    System.out.println(line);
    // target/test-classes is where this class was loaded from.
    Path target = Path.of(MultiHostNetnsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    Files.writeString(target.resolve("netns-status.txt"), line + "\n", StandardCharsets.UTF_8);
  }
}
