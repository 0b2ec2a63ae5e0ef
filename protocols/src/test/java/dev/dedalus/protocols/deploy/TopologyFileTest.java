package dev.dedalus.protocols.deploy;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dedalus.Location;
import dev.dedalus.runtime.deploy.HostPort;
import dev.dedalus.runtime.deploy.NodeId;
import dev.dedalus.runtime.deploy.TopologyFile;
import dev.dedalus.runtime.deploy.TopologyFileException;
import dev.dedalus.runtime.durable.LogSync;
import dev.dedalus.runtime.security.KeyFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reading topology files: a valid one gives the deployment it describes; every mistake is reported
 * with the file, the line and the field; and no mutation of a valid file, chosen by a seeded
 * generator, makes the reader fail any other way.
 */
class TopologyFileTest {
  static final String NAME = "voting.conf";
  static final Path BASE = Path.of("/srv/dedalus");

  /** Base voting on four hosts; line numbers matter to the tests below. */
  static final String VOTING = String.join("\n",
      "program = \"dev.dedalus.protocols.voting.Voting\"",              // 1
      "plan = base",                                                     // 2
      "roles { Participant { instances = 3 } }",                         // 3
      "nodes {",                                                         // 4
      "  \"Leader/0\"      { host = \"host1.example.net\", port = 20100 }",       // 5
      "  \"Participant/0\" { host = \"host2.example.net\", port = 20100 }",       // 6
      "  \"Participant/1\" { host = \"host3.example.net\", port = 20100 }",       // 7
      "  \"Participant/2\" { host = \"host4.example.net\", port = 20100 }",       // 8
      "}",                                                               // 9
      "clients { host = \"clients.example.net\", port = 21000, count = 256 }",      // 10
      "data-dir = \"state\"",                                            // 11
      "sync = disk",                                                     // 12
      "term-length = 4m",                                                // 13
      "");

  static TopologyFile parse(String text) {
    return TopologyFile.parse(text, NAME, BASE);
  }

  static String error(String text) {
    return assertThrows(TopologyFileException.class, () -> parse(text)).getMessage();
  }

  @Test
  void aValidFileDescribesItsDeployment() {
    TopologyFile file = parse(VOTING);
    assertThat(file.program().name()).isEqualTo("dev.dedalus.protocols.voting.Voting");
    assertThat(file.plan()).isEqualTo("base");
    assertThat(file.topology().nodes()).hasSize(4);
    assertThat(file.nodes().keySet()).containsExactly(NodeId.parse("Leader/0"), NodeId.parse("Participant/0"),
        NodeId.parse("Participant/1"), NodeId.parse("Participant/2")).inOrder();
    assertThat(file.nodes().get(NodeId.parse("Participant/1"))).isEqualTo(new HostPort("host3.example.net", 20100));
    assertThat(file.node(NodeId.parse("Participant/1")).location()).isEqualTo(Location.of(3));
    assertThat(file.dataDirectory()).isEqualTo(BASE.resolve("state"));
    assertThat(file.sync()).isEqualTo(LogSync.DISK);
    assertThat(file.termLength()).isEqualTo(4 << 20);
    assertThat(file.clusterKeyFile()).isNull();
    assertThat(file.mediaDriverDirectory()).isNull();
    assertThat(file.channelMap().endpointOf(Location.of(3)).channel()).isEqualTo("aeron:udp?endpoint=host3.example.net:20100");
    assertThat(file.channelMap().endpointOf(Location.of(dev.dedalus.runtime.Topology.FIRST_CLIENT_ID + 257)).channel())
        .isEqualTo("aeron:udp?endpoint=clients.example.net:21001");
    assertThat(file.nodeOptions().termLength()).isEqualTo(4 << 20);
    assertThat(file.clientOptions().keys().authenticates()).isFalse();
  }

  @Test
  void defaultsAndOptionalSections() {
    String text = VOTING.replace("plan = base\n", "").replace("data-dir = \"state\"\n", "").replace("sync = disk\n", "")
        .replace("term-length = 4m\n", "")
        + "keys { cluster = \"keys/cluster.key\", clients = \"keys/clients.key\" }\nmedia-driver { directory = \"/dev/shm/aeron-a\" }\n";
    TopologyFile file = parse(text);
    assertThat(file.plan()).isEqualTo("base");
    assertThat(file.dataDirectory()).isEqualTo(BASE.resolve("data"));
    assertThat(file.sync()).isEqualTo(LogSync.OS);
    assertThat(file.termLength()).isEqualTo(TopologyFile.DEFAULT_TERM_LENGTH);
    assertThat(file.clusterKeyFile()).isEqualTo(BASE.resolve("keys/cluster.key"));
    assertThat(file.clientKeyFile()).isEqualTo(BASE.resolve("keys/clients.key"));
    assertThat(file.mediaDriverDirectory()).isEqualTo("/dev/shm/aeron-a");
    assertThat(parse(text.substring(0, text.indexOf("keys {")) + "media-driver { directory = \"/dev/shm/aeron-a\" }\n").clientOptions().aeronDirectory()).isEqualTo("/dev/shm/aeron-a");
    // The key files it names do not exist: a node and a client process each say which is missing.
    assertThat(assertThrows(KeyFileException.class, file::nodeOptions).getMessage()).contains("/srv/dedalus/keys/cluster.key");
    assertThat(assertThrows(KeyFileException.class, file::clientOptions).getMessage()).contains("/srv/dedalus/keys/clients.key");
  }

  @Test
  void partitionsAreNamedRoleInstanceDotPartition() {
    var program = dev.dedalus.protocols.voting.Voting_Plans.plan("optimized");
    String partitioned = program.partitionedRoles().iterator().next();
    var topology = dev.dedalus.runtime.Topology.builder(program).instances("Participant", 3).partitions(partitioned, 3).build();
    StringBuilder nodes = new StringBuilder("nodes {\n");
    int port = 20100;
    for (var node : topology.nodes()) {
      nodes.append("  \"").append(NodeId.of(node)).append("\" { host = \"127.0.0.1\", port = ").append(port++).append(" }\n");
    }
    nodes.append("}\n");
    String text = VOTING.replace("plan = base", "plan = optimized")
        .replace("roles { Participant { instances = 3 } }", "roles { Participant { instances = 3 }, " + partitioned + " { partitions = 3 } }");
    text = text.substring(0, text.indexOf("nodes {")) + nodes + text.substring(text.indexOf("clients {"));
    TopologyFile file = parse(text);
    assertThat(file.nodes()).containsKey(new NodeId(partitioned, 0, 2));
    assertThat(file.node(NodeId.parse(partitioned + "/0.2")).partition()).isEqualTo(2);
    assertThat(file.topology().nodes()).hasSize(topology.nodes().size());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown field        | nodes {                       | node {                        | voting.conf:4: node: unknown field; the fields here are program, plan
      unknown program      | dev.dedalus.protocols.voting.Voting | com.example.Nope        | voting.conf:1: program: no compiled Dedalus program 'com.example.Nope' on the class path
      unknown plan         | plan = base                   | plan = fast                   | voting.conf:2: plan: program dev.dedalus.protocols.voting.Voting has no plan 'fast'; its plans are [base, optimized]
      unknown role         | Participant { instances = 3 } | Voter { instances = 3 }       | voting.conf:3: roles.Voter: program dev.dedalus.protocols.voting.Voting has no role 'Voter'
      zero instances       | instances = 3                 | instances = 0                 | voting.conf:3: roles.Participant.instances: must be from 1 to 10000, got 0
      unpartitioned role   | instances = 3                 | instances = 3, partitions = 2 | voting.conf:3: roles.Participant: role Participant is not partitioned in this plan
      malformed node id    | "Participant/2"               | "Participant-2"               | voting.conf:8: nodes.Participant-2: 'Participant-2' is not a node id: expected Role/instance
      node not deployed    | "Participant/2"               | "Participant/3"               | voting.conf:8: nodes."Participant/3": no such node in this topology; its nodes are Leader/0, Participant/0, Participant/1, Participant/2
      port out of range    | "host4.example.net", port = 20100      | "host4.example.net", port = 70000      | voting.conf:8: nodes."Participant/2".port: must be from 1 to 65535, got 70000
      port is a string     | "host4.example.net", port = 20100      | "host4.example.net", port = "high"     | voting.conf:8: nodes."Participant/2".port: must be a whole number, got 'high'
      missing host         | host = "host4.example.net",            | hots = "host4.example.net",            | voting.conf:8: nodes."Participant/2".hots: unknown field; the fields here are host, port
      shared endpoint      | "host4.example.net", port = 20100      | "host3.example.net", port = 20100      | voting.conf:8: nodes."Participant/2": listens on host3.example.net:20100, as Participant/1 does
      node on client port  | "host4.example.net", port = 20100      | "clients.example.net", port = 21005      | voting.conf:8: nodes."Participant/2": listens on clients.example.net:21005, inside the clients' ports 21000 to 21255
      zero clients         | count = 256                   | count = 0                     | voting.conf:10: clients.count: must be from 1 to 65535, got 0
      clients past 65535   | port = 21000                  | port = 65500                  | voting.conf:10: clients: ports 65500 to 65755 go past 65535
      bad sync             | sync = disk                   | sync = always                 | voting.conf:12: sync: must be none, os or disk, got 'always'
      data in memory       | data-dir = "state"            | data-dir = "/dev/shm/state"   | voting.conf:11: data-dir: the data directory /dev/shm/state is in /dev/shm, which is memory
      term not power of 2  | term-length = 4m              | term-length = 3m              | voting.conf:13: term-length: must be a power of two from 128 KiB to 1 GiB, got 3145728 bytes
      term not a size      | term-length = 4m              | term-length = big             | voting.conf:13: term-length: must be a size such as 1m, 4MiB or 1048576
      syntax error         | clients {                     | clients {{                    | voting.conf:10:
      """)
  void eachMistakeIsNamedWithItsLineAndField(String what, String from, String to, String expected) {
    assertWithMessage("the example must contain '%s'", from).that(VOTING).contains(from);
    assertThat(error(VOTING.replace(from, to))).contains(expected);
  }

  /** The example topologies in examples/deploy, which the docs point to, read without error. */
  @Test
  void theExampleTopologiesRead() throws Exception {
    List<Path> files;
    try (var listing = java.nio.file.Files.list(Path.of("../examples/deploy"))) {
      files = listing.filter(f -> f.toString().endsWith(".conf")).sorted().toList();
    }
    assertThat(files).hasSize(5);
    for (Path file : files) {
      TopologyFile topology = TopologyFile.read(file);
      assertWithMessage("%s", file).that(topology.nodes()).isNotEmpty();
    }
  }

  @Test
  void aMissingNodeIsNamed() {
    String text = VOTING.replace("  \"Participant/1\" { host = \"host3.example.net\", port = 20100 }\n", "");
    assertThat(error(text)).isEqualTo("voting.conf:4: nodes: every node needs an endpoint; missing: Participant/1");
  }

  @Test
  void aMissingRequiredFieldIsNamed() {
    assertThat(error(VOTING.replace("clients { host = \"clients.example.net\", port = 21000, count = 256 }\n", "")))
        .isEqualTo("voting.conf:1: clients: missing; this field is required");
  }

  @Test
  void clientsNeverGetTheClusterKeyFile() {
    String text = VOTING + "keys { cluster = \"k\", clients = \"./k\" }\n";
    assertThat(error(text)).contains("voting.conf:14: keys.clients: must be a file other than keys.cluster");
  }

  @Test
  void nodeIdsParseAndPrint() {
    assertThat(NodeId.parse("Leader/0")).isEqualTo(new NodeId("Leader", 0, 0));
    assertThat(NodeId.parse(" Collector/1.2 ")).isEqualTo(new NodeId("Collector", 1, 2));
    assertThat(NodeId.parse("Collector/1.0").toString()).isEqualTo("Collector/1");
    assertThat(new NodeId("Collector", 1, 2).toString()).isEqualTo("Collector/1.2");
    for (String bad : List.of("", "Leader", "Leader/", "/0", "Leader/-1", "Leader/0.", "Leader/x", "Leader/0/1", "Leader/99999999999")) {
      assertThrows(IllegalArgumentException.class, () -> NodeId.parse(bad), bad);
    }
  }

  private static final Pattern LOCATED = Pattern.compile("^voting\\.conf(:\\d+)?: .*", Pattern.DOTALL);

  /**
   * 400 seeded mutations of the valid file (a line dropped or duplicated, a token replaced by
   * another of the file's or by junk, a character deleted): each either reads, or fails with a
   * {@link TopologyFileException} that names the file and (except for a missing top-level field)
   * a line. Any other exception is a reader bug.
   */
  @Test
  void mutatedFilesFailOnlyWithLocatedErrors() {
    Random random = new Random(42);
    List<String> lines = List.of(VOTING.split("\n"));
    String[] tokens = VOTING.split("[\\s{}=,]+");
    String[] junk = {"0", "-1", "\"\"", "{}", "[]", "null", "true", "1.5", "\"x/0\"", "99999999999", "${nope}"};
    int located = 0;
    for (int i = 0; i < 400; i++) {
      List<String> mutated = new ArrayList<>(lines);
      int line = random.nextInt(mutated.size());
      switch (random.nextInt(4)) {
        case 0 -> mutated.remove(line);
        case 1 -> mutated.add(line, mutated.get(random.nextInt(mutated.size())));
        case 2 -> {
          String[] parts = mutated.get(line).split(" ");
          int p = random.nextInt(parts.length);
          parts[p] = random.nextBoolean() ? tokens[random.nextInt(tokens.length)] : junk[random.nextInt(junk.length)];
          mutated.set(line, String.join(" ", parts));
        }
        default -> {
          String l = mutated.get(line);
          if (!l.isEmpty()) {
            int c = random.nextInt(l.length());
            mutated.set(line, l.substring(0, c) + l.substring(c + 1));
          }
        }
      }
      String text = String.join("\n", mutated) + "\n";
      try {
        parse(text);
      } catch (TopologyFileException e) {
        assertWithMessage("mutation %s:\n%s", i, text).that(e.getMessage()).matches(LOCATED);
        located++;
      } catch (RuntimeException e) {
        throw new AssertionError("mutation " + i + " made the reader fail with " + e + ":\n" + text, e);
      }
    }
    assertThat(located).isAtLeast(100);
  }
}
