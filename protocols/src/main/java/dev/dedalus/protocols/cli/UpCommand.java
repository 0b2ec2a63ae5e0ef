package dev.dedalus.protocols.cli;

import dev.dedalus.runtime.deploy.NodeId;
import dev.dedalus.runtime.deploy.TopologyFile;
import dev.dedalus.runtime.deploy.TopologyFileException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts every node of a topology as a process of its own on this machine ({@code dedalus node}),
 * each logging to a file, and stops them all (SIGTERM, then SIGKILL after a grace period) when this
 * process is stopped or when any node exits on its own.
 */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Starts every node of a topology as a local process (one log file each) and stops them all on Ctrl-C.")
final class UpCommand implements Callable<Integer> {
  static final long READY_TIMEOUT_SECONDS = 60;
  static final long STOP_GRACE_SECONDS = 10;

  @Option(names = "--topology", paramLabel = "FILE", required = true, description = "The topology file (see docs/DEPLOYMENT.md).")
  Path topology;

  @Option(names = "--logs", paramLabel = "DIR",
      description = "Where each node's output goes, one file per node (Role-instance.log). Default: logs beside the topology file.")
  Path logs;

  @Spec
  CommandSpec spec;

  private final Map<NodeId, Process> processes = new LinkedHashMap<>();
  /** Set once this process is stopping: nodes exiting then are expected, not a failure. */
  private volatile boolean stopping;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    TopologyFile file;
    try {
      file = TopologyFile.read(topology);
    } catch (TopologyFileException e) {
      return fail(e.getMessage());
    }
    Path logDir = logs != null ? logs : topology.toAbsolutePath().getParent().resolve("logs");
    Files.createDirectories(logDir);
    Thread stopper = new Thread(this::stopAll, "dedalus-up-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    Map<NodeId, Path> logFiles = new LinkedHashMap<>();
    for (NodeId id : file.nodes().keySet()) {
      Path log = logDir.resolve(id.toString().replace('/', '-') + ".log");
      logFiles.put(id, log);
      List<String> command = JavaCommand.mainJob(List.of("node", "--topology", topology.toAbsolutePath().toString(), "--node", id.toString()));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      synchronized (processes) {
        processes.put(id, p);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
    for (Map.Entry<NodeId, Path> e : logFiles.entrySet()) {
      String problem = awaitReady(processes.get(e.getKey()), e.getValue(), deadline);
      if (problem != null) {
        out.println("up: " + e.getKey() + " " + problem + "; its log, " + e.getValue() + ":");
        out.print(tail(e.getValue()).indent(2));
        return 1;
      }
    }
    out.println("up: " + processes.size() + " nodes of " + file.programName() + " (plan " + file.plan() + ") running, logs in "
        + logDir + "; Ctrl-C stops them");
    for (Map.Entry<NodeId, Process> e : processes.entrySet()) {
      out.println("  " + e.getKey() + "  pid " + e.getValue().pid() + "  " + file.nodes().get(e.getKey()));
    }
    out.flush();
    while (!stopping) {
      for (Map.Entry<NodeId, Process> e : processes.entrySet()) {
        if (!e.getValue().isAlive() && !stopping) {
          int code = e.getValue().exitValue();
          // 130 and 143: SIGINT or SIGTERM, e.g. a Ctrl-C that reached the whole process group.
          String how = code == 130 || code == 143 ? "was stopped by a signal (exit code " + code + ")" : "exited with code " + code;
          out.println("up: " + e.getKey() + " " + how + "; stopping the others. Its log, " + logFiles.get(e.getKey()) + ":");
          out.print(tail(logFiles.get(e.getKey())).indent(2));
          return 1; // the shutdown hook stops the others
        }
      }
      Thread.sleep(200);
    }
    return 0;
  }

  /** Null once the node printed its ready line, else what went wrong. */
  private static String awaitReady(Process p, Path log, long deadline) throws IOException, InterruptedException {
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(NodeCommand.READY)) {
        return null;
      }
      if (!p.isAlive()) {
        return "exited with code " + p.exitValue() + " before it was ready";
      }
      Thread.sleep(50);
    }
    return "was not ready within " + READY_TIMEOUT_SECONDS + " s";
  }

  /** SIGTERM to every node, then SIGKILL to those still running after the grace period. */
  private void stopAll() {
    stopping = true;
    List<Process> all;
    synchronized (processes) {
      all = new ArrayList<>(processes.values());
    }
    all.forEach(Process::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_GRACE_SECONDS);
    for (Process p : all) {
      try {
        if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private int fail(String message) {
    return Main.fail(spec, message);
  }
}
