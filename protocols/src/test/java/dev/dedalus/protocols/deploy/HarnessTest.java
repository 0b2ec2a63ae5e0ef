package dev.dedalus.protocols.deploy;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-process harness on a stand-in node ({@link FakeNode}): ready lines, SIGKILL and SIGTERM
 * by pid, logs on failure, every process gone after close; and, where this machine permits it,
 * namespaces wired through a bridge that two processes talk across, that add nothing to the root
 * namespace and that close deletes, leftovers of a dead run included.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS) // guards against a hang, not a speed goal
class HarnessTest {
  private static final Duration READY = Duration.ofSeconds(30);

  @TempDir
  Path work;

  private NodeProcesses fakes() {
    return new NodeProcesses(work.resolve("logs"), FakeNode.class.getName());
  }

  @Test
  void killsAndStopsByPidAndCloseLeavesNoProcess() throws Exception {
    List<Long> pids;
    try (NodeProcesses nodes = fakes()) {
      NodeProcesses.Node a = nodes.start("a", List.of("wait"));
      NodeProcesses.Node b = nodes.start("b", List.of("wait"));
      NodeProcesses.Node c = nodes.start("c", List.of("wait"));
      assertThat(a.awaitReady(READY)).isEqualTo("ready " + a.pid());
      assertThat(b.awaitReady(READY)).isEqualTo("ready " + b.pid());
      c.awaitReady(READY);
      assertThat(a.kill()).isEqualTo(137);
      assertThat(a.output()).doesNotContain("stopping"); // SIGKILL: no shutdown hook
      assertThat(b.stop(READY)).isEqualTo(0);
      assertThat(b.output()).contains("stopping");
      NodeProcesses.Node again = nodes.start("a", List.of("wait"));
      again.awaitReady(READY);
      assertThat(again.log().getFileName().toString()).isEqualTo("a-1.log");
      pids = nodes.started().stream().map(NodeProcesses.Node::pid).toList();
      assertThat(c.isAlive()).isTrue();
    }
    for (long pid : pids) {
      assertWithMessage("process %s", pid).that(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
  }

  @Test
  void aChildDiesWithTheJvmThatStartedIt() throws Exception {
    Assumptions.assumeFalse(NodeProcesses.DIE_WITH_PARENT.isEmpty(), "no setpriv on this machine");
    try (NodeProcesses nodes = fakes()) {
      NodeProcesses.Node parent = nodes.start("parent", List.of("parent", work.resolve("grandchild").toString()));
      String ready = parent.awaitReady(READY);
      long child = Long.parseLong(ready.substring(ready.lastIndexOf(' ') + 1));
      try {
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isTrue();
        assertThat(parent.kill()).isEqualTo(137);
        boolean gone = ProcessHandle.of(child).map(p -> p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join())
            .map(p -> !p.isAlive()).orElse(true);
        assertWithMessage("the child %s of a killed parent is still running", child).that(gone).isTrue();
      } finally {
        ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly); // by its pid, should the check fail
      }
    }
  }

  @Test
  void aFailureCarriesTheLogs() throws Exception {
    try (NodeProcesses nodes = fakes()) {
      NodeProcesses.Node a = nodes.start("a", List.of("wait"));
      a.awaitReady(READY);
      AssertionError e = assertThrows(AssertionError.class, () -> nodes.check(() -> assertThat(1).isEqualTo(2)));
      assertThat(e).hasMessageThat().contains("ready " + a.pid());
      assertThat(e).hasMessageThat().contains("---- a (pid " + a.pid());
      NodeProcesses.Node broken = nodes.start("broken", List.of("no-such-mode"));
      AssertionError early = assertThrows(AssertionError.class, () -> broken.awaitReady(READY));
      assertThat(early).hasMessageThat().contains("unknown mode no-such-mode");
    }
  }

  @Test
  void namespacesAreWiredThroughTheSwitchAndLeaveNothingBehind() throws Exception {
    NetNamespaces.Availability available = NetNamespaces.available();
    Assumptions.assumeTrue(available.ok(), "network namespaces: " + available.reason());
    List<String> rootLinks = rootLinks();
    List<String> made;
    List<Long> pids;
    try (NetNamespaces net = NetNamespaces.create(2); NodeProcesses nodes = fakes()) {
      made = net.namespaces();
      assertThat(NetNamespaces.list()).containsAtLeastElementsIn(made);
      assertWithMessage("the root namespace's links").that(rootLinks()).isEqualTo(rootLinks);
      assertThat(addresses(net.exec(0))).contains(net.address(0) + "/24");
      NodeProcesses.Node echo = nodes.start("echo", net.exec(0), List.of("echo", net.address(0), "20100"));
      echo.awaitReady(READY); // also checks that the pid is the JVM's: ip netns exec execs
      assertThat(NetNamespaces.pidsIn(net.namespace(0))).contains(echo.pid());
      NodeProcesses.Node send = nodes.start("send", net.exec(1), List.of("send", net.address(0), "20100"));
      nodes.check(() -> {
        assertThat(send.awaitExit(READY)).isEqualTo(0);
        assertThat(send.output()).contains("answer echo hello");
      });
      pids = List.of(echo.pid(), send.pid());
    }
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
    assertThat(NetNamespaces.list()).containsNoneIn(made);
    assertWithMessage("the root namespace's links").that(rootLinks()).isEqualTo(rootLinks);
  }

  @Test
  void leftoversOfADeadRunAreRemoved() throws Exception {
    NetNamespaces.Availability available = NetNamespaces.available();
    Assumptions.assumeTrue(available.ok(), "network namespaces: " + available.reason());
    Process gone = new ProcessBuilder(NetNamespaces.ip(), "-V").redirectErrorStream(true).start();
    gone.getInputStream().readAllBytes();
    gone.waitFor();
    String leftover = NetNamespaces.PREFIX + gone.pid() + "-1-sw";
    String live = NetNamespaces.PREFIX + ProcessHandle.current().pid() + "-999-sw";
    run(NetNamespaces.ip(), "netns", "add", leftover);
    run(NetNamespaces.ip(), "netns", "add", live);
    try {
      assertThat(NetNamespaces.removeLeftovers()).contains(leftover);
      assertThat(NetNamespaces.list()).doesNotContain(leftover);
      assertThat(NetNamespaces.list()).contains(live); // this JVM is alive: its namespaces stay
    } finally {
      run(NetNamespaces.ip(), "netns", "del", live);
    }
  }

  /** The names of the links of the root namespace. */
  private static List<String> rootLinks() throws Exception {
    return run(NetNamespaces.ip(), "-o", "link").lines().map(l -> l.split(":")[1].strip()).sorted().toList();
  }

  /** {@code ip -o addr} in a namespace: {@code prefix} runs it there. */
  private static String addresses(List<String> prefix) throws Exception {
    List<String> command = new java.util.ArrayList<>(prefix);
    command.addAll(List.of(NetNamespaces.ip(), "-o", "addr"));
    return run(command.toArray(String[]::new));
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertWithMessage("%s: %s", String.join(" ", command), out).that(p.waitFor()).isEqualTo(0);
    return out;
  }
}
