package dev.dedalus.protocols.deploy;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.protocols.load.Workload;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nodes of one deployment, each a {@code dedalus node} process started by a
 * {@link NodeProcesses}, where {@code place} says (by node index) under which prefix: nothing on
 * one host, {@code ip netns exec NS} for a namespace of its own. Also starts {@code dedalus run}
 * against the deployment, and reads what it reports.
 */
public final class DeployedNodes {
  /** How long a JVM may take to start a node; many start at once on two cores. */
  public static final Duration READY = Duration.ofSeconds(90);
  /** How long a node may take to shut down after SIGTERM. */
  public static final Duration STOP = Duration.ofSeconds(30);

  private final NodeProcesses processes;
  private final DeploymentFile file;
  private final IntFunction<List<String>> place;
  private final Map<String, NodeProcesses.Node> current = new LinkedHashMap<>();

  public DeployedNodes(NodeProcesses processes, DeploymentFile file, IntFunction<List<String>> place) {
    this.processes = processes;
    this.file = file;
    this.place = place;
  }

  public DeploymentFile file() {
    return file;
  }

  /** Starts every node, then waits for each one's ready line. */
  public void startAll() throws InterruptedException {
    for (String id : file.nodeIds()) {
      launch(id);
    }
    for (String id : file.nodeIds()) {
      current.get(id).awaitReady(READY);
    }
  }

  /**
   * Starts node {@code id} again, with the same command, and waits for its ready line. A node whose
   * earlier process was killed left its Aeron directory behind: starting a node on the box removes
   * the directories of dead processes, so it must be gone by then.
   */
  public NodeProcesses.Node restart(String id) throws InterruptedException {
    NodeProcesses.Node before = current.get(id);
    List<File> left = before == null ? List.of() : before.aeronDirectories();
    NodeProcesses.Node n = launch(id);
    n.awaitReady(READY);
    assertWithMessage("Aeron directories of %s, dead, once %s has started", before, n)
        .that(left.stream().filter(File::exists).toList()).isEmpty();
    return n;
  }

  private NodeProcesses.Node launch(String id) {
    int index = file.nodeIds().indexOf(id);
    if (index < 0) {
      throw new IllegalArgumentException("no node " + id + " in " + file.nodeIds());
    }
    NodeProcesses.Node n = processes.start(id, place.apply(index),
        List.of("node", "--topology", file.file().toString(), "--node", id));
    current.put(id, n);
    return n;
  }

  /** The latest process of node {@code id}. */
  public NodeProcesses.Node node(String id) {
    return current.get(id);
  }

  /**
   * Kills node {@code id} with SIGKILL and checks that it died of it (exit 137). Its Aeron directory
   * stays behind: a killed driver cannot remove it.
   */
  public void kill(String id) throws InterruptedException {
    NodeProcesses.Node n = current.get(id);
    assertWithMessage("exit code of %s after SIGKILL", n).that(n.kill()).isEqualTo(137);
  }

  /**
   * The exit code of a node stopped with SIGTERM: the JVM's for the signal, 128 + 15, once its
   * shutdown hook has closed the node (docs/DEPLOYMENT.md).
   */
  public static final int SIGTERM_EXIT = 143;

  /**
   * Stops every running node with SIGTERM, one by one, and checks that each ends cleanly: exit
   * {@link #SIGTERM_EXIT}, and its Aeron directory removed.
   */
  public void stopAll() throws InterruptedException {
    for (NodeProcesses.Node n : current.values()) {
      if (n.isAlive()) {
        assertWithMessage("exit code of %s after SIGTERM", n).that(n.stop(STOP)).isEqualTo(SIGTERM_EXIT);
        assertWithMessage("Aeron directories of %s, stopped by SIGTERM", n).that(n.aeronDirectories()).isEmpty();
      }
    }
  }

  /**
   * Starts {@code dedalus run PROTOCOL --topology FILE} with {@code options}, under {@code prefix};
   * its log is {@code run-<name>-<n>.log}.
   */
  public NodeProcesses.Node run(String name, List<String> prefix, String protocol, String... options) {
    List<String> arguments = new ArrayList<>(List.of("run", protocol, "--topology", file.file().toString()));
    arguments.addAll(List.of(options));
    return processes.start("run-" + name, prefix, arguments);
  }

  /**
   * A deployment of {@code plan} of {@code workload} on 127.0.0.1, written to
   * {@code dir/topology.conf}: nodes on consecutive free UDP ports, the clients on the
   * {@code clientPorts} after them, durable relations synced to the OS.
   */
  public static DeploymentFile loopback(Path dir, Workload workload, String plan, int partitions, int clientPorts) {
    int nodes = workload.topology(plan, partitions).nodes().size();
    int base = FreeUdpPorts.consecutive(nodes + clientPorts);
    return DeploymentFile.write(dir.resolve("topology.conf"), workload, plan, partitions,
        node -> new DeploymentFile.Endpoint("127.0.0.1", base + (int) node.location().id() - 1),
        new DeploymentFile.Endpoint("127.0.0.1", base + nodes), clientPorts, "os");
  }

  /**
   * Waits until {@code run} has logged at least {@code count} replies that {@code counts} accepts,
   * failing if it ends first or takes over a minute.
   */
  public static void awaitReplies(NodeProcesses.Node run, Path replies, int count, Predicate<Reply> counts)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (replies(replies).stream().filter(counts).count() < count) {
      assertWithMessage("%s ended before %s answers", run, count).that(run.isAlive()).isTrue();
      assertWithMessage("%s logged fewer than %s answers in 60 s", run, count).that(System.nanoTime() < deadline).isTrue();
      Thread.sleep(20);
    }
  }

  /**
   * Waits for a {@code dedalus run} to end by itself and returns its exit code; a process that ends
   * by itself must have removed its Aeron directory.
   */
  public static int awaitRun(NodeProcesses.Node run, Duration timeout) throws InterruptedException {
    int exit = run.awaitExit(timeout);
    assertWithMessage("Aeron directories of %s, ended", run).that(run.aeronDirectories()).isEmpty();
    return exit;
  }

  /** What a {@code dedalus run} reported: {@code requests: S sent, A answered (...), W wrong replies, U unanswered}. */
  public record Report(long sent, long answered, long wrong, long unanswered) {
    private static final Pattern LINE = Pattern.compile(
        "requests: ([\\d,]+) sent, ([\\d,]+) answered \\(.*\\), ([\\d,]+) wrong replies, ([\\d,]+) unanswered");

    /** The report in a run's output; throws if there is none. */
    public static Report of(String output) {
      Matcher m = LINE.matcher(output);
      if (!m.find()) {
        throw new AssertionError("no report line 'requests: ... sent, ... answered' in the run's output:\n" + output);
      }
      return new Report(number(m.group(1)), number(m.group(2)), number(m.group(3)), number(m.group(4)));
    }

    private static long number(String s) {
      return Long.parseLong(s.replace(",", ""));
    }
  }

  /** A line of a reply log: {@code <client> <request id> <outcome>}. */
  public record Reply(long client, long id, String outcome) {}

  /** The complete lines of a reply log (one cut short by a kill is left out). */
  public static List<Reply> replies(Path log) throws IOException {
    List<Reply> out = new ArrayList<>();
    if (!Files.exists(log)) {
      return out;
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    for (String line : text.substring(0, end + 1).split("\n")) {
      String[] parts = line.split(" ");
      if (parts.length == 3) {
        out.add(new Reply(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]));
      }
    }
    return out;
  }

  /** The requests a reply log shows answered more than once, with how often; empty if none. */
  public static Map<String, Integer> answeredTwice(List<Reply> replies) {
    Map<String, Integer> count = new HashMap<>();
    replies.forEach(r -> count.merge(r.client() + "/" + r.id(), 1, Integer::sum));
    count.values().removeIf(c -> c == 1);
    return count;
  }

  /**
   * Checks a finished run that must have answered everything: exit 0, {@code 0 wrong replies,
   * 0 unanswered} in its report, {@code requests} sent and answered, and its reply log (if it kept
   * one) naming each request once.
   */
  public static void assertAllAnswered(NodeProcesses.Node run, int exit, long requests, Path replyLog) throws IOException {
    String output = run.output();
    assertWithMessage("exit code of %s", run).that(exit).isEqualTo(0);
    assertWithMessage("the report of %s", run).that(output).contains(" 0 wrong replies, 0 unanswered");
    Report report = Report.of(output);
    assertWithMessage("requests sent by %s", run).that(report.sent()).isEqualTo(requests);
    assertWithMessage("requests answered in %s", run).that(report.answered()).isEqualTo(requests);
    if (replyLog != null) {
      List<Reply> replies = replies(replyLog);
      assertWithMessage("requests answered more than once in %s", replyLog).that(answeredTwice(replies)).isEmpty();
      assertWithMessage("lines of %s", replyLog).that(replies).hasSize((int) requests);
    }
  }
}
