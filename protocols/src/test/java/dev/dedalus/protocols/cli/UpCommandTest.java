package dev.dedalus.protocols.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.protocols.ChildJvm;
import dev.dedalus.protocols.deploy.DeploymentFile;
import dev.dedalus.protocols.deploy.FreeUdpPorts;
import dev.dedalus.protocols.voting.VotingWorkload;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dedalus up} starts each node of a topology as a process of its own; {@code dedalus run
 * --topology} drives them from another process and every request is answered; SIGTERM to
 * {@code up} stops every node process, each of which removes its Aeron directory.
 */
class UpCommandTest {
  private static final Pattern NODE_PID = Pattern.compile("^  (\\S+)  pid (\\d+)  ", Pattern.MULTILINE);

  @TempDir
  Path work;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void upStartsEveryNodeAndSigtermStopsThemAll() throws Exception {
    int base = FreeUdpPorts.consecutive(6);
    Path topology = DeploymentFile.write(work.resolve("voting.conf"), new VotingWorkload(), "base", 1,
        node -> new DeploymentFile.Endpoint("127.0.0.1", base + (int) node.location().id() - 1),
        new DeploymentFile.Endpoint("127.0.0.1", base + 4), 2, "none").file();
    Path upOutput = work.resolve("up.out");
    Process up = ChildJvm.start(upOutput, Main.class, List.of("up", "--topology", topology.toString(), "--logs",
        work.resolve("logs").toString()));
    List<Long> nodePids = new ArrayList<>();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!Files.readString(upOutput).contains("running, logs in")) {
        assertWithMessage("up exited early:\n%s", Files.readString(upOutput)).that(up.isAlive()).isTrue();
        assertWithMessage("up was not running in 90 s:\n%s", Files.readString(upOutput)).that(System.nanoTime() < deadline).isTrue();
        Thread.sleep(100);
      }
      Thread.sleep(200); // the pid lines follow the running line
      Matcher m = NODE_PID.matcher(Files.readString(upOutput));
      while (m.find()) {
        nodePids.add(Long.parseLong(m.group(2)));
      }
      assertWithMessage(Files.readString(upOutput)).that(nodePids).hasSize(4);

      int status = Main.commandLine().execute("run", "voting", "--topology", topology.toString(), "--clients", "2",
          "--requests", "200", "--duration", "60s");
      assertWithMessage("dedalus run --topology; up's output:\n%s", Files.readString(upOutput)).that(status).isEqualTo(0);
    } finally {
      up.destroy(); // SIGTERM
      assertWithMessage("up did not stop within 30 s of SIGTERM").that(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
      if (up.isAlive()) {
        up.destroyForcibly();
      }
      for (long pid : nodePids) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    for (long pid : nodePids) {
      assertWithMessage("node process %s", pid).that(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      File[] left = new File("/dev/shm").listFiles((dir, name) -> name.startsWith("dedalus-aeron-" + pid + "-"));
      assertWithMessage("Aeron directories of node process %s after SIGTERM", pid).that(left == null ? List.of() : List.of(left)).isEmpty();
    }
  }
}
