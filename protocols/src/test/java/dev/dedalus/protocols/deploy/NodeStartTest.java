package dev.dedalus.protocols.deploy;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.protocols.voting.Voting;
import dev.dedalus.protocols.voting.Voting_Client;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.aeron.ClientEndpoint;
import dev.dedalus.runtime.aeron.Counter;
import dev.dedalus.runtime.aeron.LocalCluster;
import dev.dedalus.runtime.deploy.Clients;
import dev.dedalus.runtime.deploy.Node;
import dev.dedalus.runtime.deploy.NodeId;
import dev.dedalus.runtime.deploy.TopologyFile;
import dev.dedalus.runtime.security.FrameKeys;
import io.aeron.driver.MediaDriver;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library form of a deployment: {@code Node.start} runs each node of a topology file on its own
 * media driver and UDP endpoint, {@code Clients.connect} a process of clients, and voting answers
 * every request; with {@code media-driver.directory} a node uses that external driver instead.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NodeStartTest {
  @TempDir
  Path work;

  private String topology(int base, String extra) {
    return String.join("\n",
        "program = \"dev.dedalus.protocols.voting.Voting\"",
        "roles { Participant { instances = 3 } }",
        "nodes {",
        "  \"Leader/0\" { host = \"127.0.0.1\", port = " + base + " }",
        "  \"Participant/0\" { host = \"127.0.0.1\", port = " + (base + 1) + " }",
        "  \"Participant/1\" { host = \"127.0.0.1\", port = " + (base + 2) + " }",
        "  \"Participant/2\" { host = \"127.0.0.1\", port = " + (base + 3) + " }",
        "}",
        "clients { host = \"127.0.0.1\", port = " + (base + 4) + ", count = 4 }",
        "sync = none",
        extra, "");
  }

  @Test
  void eachNodeOnItsOwnDriverAnswersEveryRequest() throws Exception {
    TopologyFile file = TopologyFile.parse(topology(FreeUdpPorts.consecutive(8), ""), "voting.conf", work);
    List<Node> nodes = new ArrayList<>();
    try {
      for (NodeId id : file.nodes().keySet()) {
        nodes.add(Node.start(file, id.toString()));
      }
      Set<String> directories = new HashSet<>();
      nodes.forEach(n -> directories.add(n.aeronDirectory()));
      assertThat(directories).hasSize(4);
      assertThat(nodes.get(0).endpoint().toString()).isEqualTo(file.nodes().get(NodeId.parse("Leader/0")).toString());

      assertThat(answered(file, 200)).isEqualTo(200);
      assertThat(nodes.get(0).counters().get(Counter.FACTS_RECEIVED)).isAtLeast(200L * 4);
    } finally {
      nodes.forEach(CloseHelper::quietClose);
    }
    for (Node node : nodes) {
      assertThat(new File(node.aeronDirectory()).exists()).isFalse();
    }
  }

  @Test
  void aNodeUsesTheExternalDriverTheFileNames() throws Exception {
    String directory = new File("/dev/shm").canWrite() ? "/dev/shm/dedalus-test-external-" + ProcessHandle.current().pid()
        : work.resolve("aeron").toString();
    MediaDriver.Context ctx = new MediaDriver.Context().aeronDirectoryName(directory).dirDeleteOnStart(true)
        .dirDeleteOnShutdown(true).publicationTermBufferLength(256 * 1024).ipcTermBufferLength(256 * 1024);
    try (MediaDriver driver = MediaDriver.launchEmbedded(ctx)) {
      TopologyFile file = TopologyFile.parse(topology(FreeUdpPorts.consecutive(8),
          "media-driver { directory = \"" + driver.aeronDirectoryName() + "\" }\nterm-length = 256k"), "voting.conf", work);
      List<Node> nodes = new ArrayList<>();
      try {
        for (NodeId id : file.nodes().keySet()) {
          nodes.add(Node.start(file, id));
        }
        for (Node node : nodes) {
          assertThat(node.aeronDirectory()).isEqualTo(driver.aeronDirectoryName());
        }
        assertThat(answered(file, 50)).isEqualTo(50);
      } finally {
        nodes.forEach(CloseHelper::quietClose);
      }
      assertThat(new File(driver.aeronDirectoryName()).exists()).isTrue(); // the external driver owns it
    }
  }

  /**
   * With key files, the nodes answer a client process that holds the client key; a process whose
   * client key is another one gets nothing answered, and the leader counts its frames as
   * unauthenticated.
   */
  @Test
  void aKeyedDeploymentAnswersOnlyClientsWithItsClientKey() throws Exception {
    FrameKeys.generate(work.resolve("cluster.key"));
    FrameKeys.generate(work.resolve("clients.key"));
    String keys = "keys { cluster = \"cluster.key\", clients = \"clients.key\" }";
    int base = FreeUdpPorts.consecutive(8);
    TopologyFile file = TopologyFile.parse(topology(base, keys), "voting.conf", work);
    Path strangerDir = java.nio.file.Files.createDirectory(work.resolve("stranger"));
    FrameKeys.generate(strangerDir.resolve("clients.key"));
    FrameKeys.generate(strangerDir.resolve("cluster.key"));
    TopologyFile stranger = TopologyFile.parse(topology(base, keys), "voting.conf", strangerDir);
    List<Node> nodes = new ArrayList<>();
    try {
      for (NodeId id : file.nodes().keySet()) {
        nodes.add(Node.start(file, id));
      }
      assertThat(answered(file, 50)).isEqualTo(50);
      long before = nodes.get(0).counters().get(Counter.FRAMES_DROPPED_UNAUTHENTICATED);
      assertThat(answered(stranger, 20, 3)).isEqualTo(0);
      assertThat(nodes.get(0).counters().get(Counter.FRAMES_DROPPED_UNAUTHENTICATED)).isGreaterThan(before);
      assertThat(nodes.get(0).counters().get(Counter.FACTS_RECEIVED)).isEqualTo(50L * 4);
    } finally {
      nodes.forEach(CloseHelper::quietClose);
    }
  }

  private static int answered(TopologyFile file, int requests) throws InterruptedException {
    return answered(file, requests, 60);
  }

  /** Sends {@code requests} requests from one client of a process of clients; returns how many were answered. */
  private static int answered(TopologyFile file, int requests, int waitSeconds) throws InterruptedException {
    try (LocalCluster clients = Clients.connect(file, Topology.FIRST_CLIENT_ID);
         ClientEndpoint endpoint = clients.newClient()) {
      assertThat(clients.awaitConnected(file.topology().addressesOf("Leader"), 30_000)).isEmpty();
      Voting_Client client = new Voting_Client(endpoint.location(), endpoint, file.topology());
      Set<Long> answers = new HashSet<>();
      Voting_Client.Listener listener = new Voting_Client.Listener() {
        @Override
        public void onClientOut(Voting.ClientOut reply) {
          assertThat(reply.payload()).isEqualTo("request-" + reply.id());
          answers.add(reply.id());
        }
      };
      for (int i = 0; i < requests; i++) {
        client.send(new Voting.ClientIn(client.self(), i, "request-" + i));
      }
      endpoint.flush();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
      while (answers.size() < requests && System.nanoTime() < deadline) {
        endpoint.poll((relation, fact) -> Voting_Client.dispatch(relation, fact, listener), 64);
      }
      return answers.size();
    }
  }
}
