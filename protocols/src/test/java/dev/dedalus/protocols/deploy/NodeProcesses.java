package dev.dedalus.protocols.deploy;

import dev.dedalus.protocols.cli.JavaCommand;
import dev.dedalus.protocols.cli.Main;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.agrona.IoUtil;

/**
 * Child JVMs of a multi-process test: each runs a main class (the command-line main job by default)
 * with this JVM's flags (less its agents) and class path, directly or under a prefix such as
 * {@code ip netns exec NS}, its standard output and error to a log file of its own. It can wait for
 * a process's {@code ready} line, kill it with SIGKILL or stop it with SIGTERM, always by its pid;
 * {@link #close()} stops every process it started and waits for each. {@link #check} attaches every
 * process's log to a failure.
 */
public final class NodeProcesses implements AutoCloseable {
  /** How long {@link #close()} waits for a process after SIGTERM before it kills it. */
  static final Duration STOP_GRACE = Duration.ofSeconds(15);
  /** The lines of each log that {@link #logs()} shows: the end, where a failure shows. */
  static final int LOG_LINES = 60;

  /**
   * Flags added to every child JVM after this JVM's: a small heap, one GC thread, and the quick
   * compiler only, since a test starts many JVMs at once on a small box.
   */
  static final List<String> CHILD_FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /**
   * {@code setpriv --pdeathsig KILL}, where the machine has it: the child is killed when this JVM
   * dies, even by SIGKILL (a test JVM killed by a timeout leaves no node running). setpriv and
   * {@code ip netns exec} both exec, so the pid is still the child JVM's. (The signal follows the
   * thread that started the child: start children from a thread that outlives them, as a test's
   * own thread does.)
   */
  static final List<String> DIE_WITH_PARENT = dieWithParent();

  private final Path logDirectory;
  private final String mainClass;
  private final List<Node> started = new ArrayList<>();

  /** One started process. */
  public final class Node {
    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> command;

    private Node(String name, Process process, Path log, List<String> command) {
      this.name = name;
      this.process = process;
      this.log = log;
      this.command = command;
    }

    public String name() {
      return name;
    }

    public long pid() {
      return process.pid();
    }

    public Process process() {
      return process;
    }

    public Path log() {
      return log;
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    /** Everything the process wrote so far. */
    public String output() {
      return read(log);
    }

    /**
     * Waits for a line starting with {@code ready } and returns it; throws, with the process's log,
     * if the process ends first or the line does not come within {@code timeout}. Checks that the
     * pid is the JVM's own (a prefix such as {@code ip netns exec} must exec, not fork).
     */
    public String awaitReady(Duration timeout) throws InterruptedException {
      return awaitLine("ready ", timeout);
    }

    /** Waits for a line starting with {@code prefix}, as {@link #awaitReady}. */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        Optional<String> line = output().lines().filter(l -> l.startsWith(prefix)).findFirst();
        if (line.isPresent()) {
          checkIsJava();
          return line.get();
        }
        if (!process.isAlive()) {
          throw new AssertionError(name + " (pid " + pid() + ") ended with exit code " + process.exitValue()
              + " before printing a line starting '" + prefix + "'\n" + logs());
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(name + " (pid " + pid() + ") printed no line starting '" + prefix + "' in "
              + timeout.toSeconds() + " s\n" + logs());
        }
        Thread.sleep(20);
      }
    }

    /** The started pid runs java itself: {@code ip netns exec} execs, so the pid we signal is the JVM's. */
    private void checkIsJava() {
      Optional<String> running = process.info().command();
      if (running.isPresent() && !Path.of(running.get()).getFileName().toString().equals("java")) {
        throw new AssertionError(name + " (pid " + pid() + ") runs " + running.get() + ", not java: signals would miss the JVM");
      }
    }

    /** Waits up to {@code timeout} for the process to end by itself; returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " (pid " + pid() + ") did not end in " + timeout.toSeconds() + " s\n" + logs());
      }
      return process.exitValue();
    }

    /** {@code kill -9}: no shutdown hook runs. Waits for the end; returns the exit code (137). */
    public int kill() throws InterruptedException {
      process.destroyForcibly();
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " (pid " + pid() + ") outlived SIGKILL by " + STOP_GRACE.toSeconds() + " s");
      }
      return process.exitValue();
    }

    /**
     * SIGTERM, by pid, then waits up to {@code timeout} for a clean end; returns the exit code.
     * Throws, with the logs, if it does not end in time (and then kills it).
     */
    public int stop(Duration timeout) throws InterruptedException {
      ProcessHandle handle = process.toHandle();
      handle.destroy();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        throw new AssertionError(name + " (pid " + pid() + ") did not end in " + timeout.toSeconds()
            + " s after SIGTERM; killed it\n" + logs());
      }
      return process.exitValue();
    }

    /** The Aeron directories in /dev/shm (or the temp directory) named after this process's pid. */
    public List<File> aeronDirectories() {
      return NodeProcesses.aeronDirectories(pid());
    }

    @Override
    public String toString() {
      return name + " (pid " + pid() + (process.isAlive() ? ", running" : ", exit " + process.exitValue()) + ")";
    }

    /** The command without the JVM's flags and class path, which every child shares. */
    private String shortCommand() {
      int main = command.indexOf(mainClass);
      int java = command.indexOf(javaCommand(mainClass).get(0));
      List<String> shown = new ArrayList<>(command.subList(0, Math.max(java, 0)));
      shown.add("java ...");
      shown.addAll(command.subList(main, command.size()));
      return String.join(" ", shown);
    }

    private String describe() {
      List<String> lines = output().lines().toList();
      int from = Math.max(0, lines.size() - LOG_LINES);
      StringBuilder s = new StringBuilder("---- ").append(this).append(": ").append(shortCommand()).append('\n');
      if (from > 0) {
        s.append("  ... ").append(from).append(" lines before, in ").append(log).append('\n');
      }
      lines.subList(from, lines.size()).forEach(l -> s.append("  ").append(l).append('\n'));
      return s.toString();
    }
  }

  /** Processes of the command-line main job, their logs in {@code logDirectory}. */
  public NodeProcesses(Path logDirectory) {
    this(logDirectory, Main.class.getName());
  }

  /** Processes of {@code mainClass}, their logs in {@code logDirectory}. */
  public NodeProcesses(Path logDirectory, String mainClass) {
    this.logDirectory = logDirectory;
    this.mainClass = mainClass;
  }

  /** Starts the main class with {@code arguments}; its log is {@code <name>-<n>.log}. */
  public Node start(String name, List<String> arguments) {
    return start(name, List.of(), arguments);
  }

  /**
   * Starts the main class with {@code arguments} under {@code prefix} (say {@code ip netns exec NS},
   * which must exec the JVM); its log is {@code <name>-<n>.log}, n counting the starts of one name.
   */
  public synchronized Node start(String name, List<String> prefix, List<String> arguments) {
    List<String> command = new ArrayList<>(DIE_WITH_PARENT);
    command.addAll(prefix);
    command.addAll(javaCommand(mainClass));
    command.addAll(arguments);
    long earlier = started.stream().filter(n -> n.name.equals(name)).count();
    Path log = logDirectory.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + earlier + ".log");
    try {
      Files.createDirectories(logDirectory);
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      p.getOutputStream().close();
      Node node = new Node(name, p, log, command);
      started.add(node);
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
    }
  }

  private static List<String> dieWithParent() {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      Path setpriv = Path.of(dir, "setpriv");
      if (Files.isExecutable(setpriv)) {
        return List.of(setpriv.toString(), "--pdeathsig", "KILL");
      }
    }
    return List.of();
  }

  /** {@code java <this JVM's flags, less agents> <CHILD_FLAGS> -cp <this class path> <main class>}. */
  static List<String> javaCommand(String mainClass) {
    return JavaCommand.thisJvm(mainClass, CHILD_FLAGS, List.of());
  }

  /** Every process started, in order, restarts included. */
  public synchronized List<Node> started() {
    return List.copyOf(started);
  }

  /** The end of every process's log, for a failure message. */
  public synchronized String logs() {
    StringBuilder s = new StringBuilder("logs of the child processes:\n");
    started.forEach(n -> s.append(n.describe()));
    return s.toString();
  }

  /** Something a test does that may throw. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  /** Runs {@code body}; a failure of it is thrown again with every process's log attached. */
  public void check(Body body) throws Exception {
    try {
      body.run();
    } catch (AssertionError | Exception e) {
      if (e.getMessage() != null && e.getMessage().contains("logs of the child processes:")) {
        throw e;
      }
      AssertionError withLogs = new AssertionError(e.getMessage() + "\n" + logs(), e);
      throw withLogs;
    }
  }

  /**
   * Stops every process still running, by its pid: SIGTERM, then SIGKILL after {@link #STOP_GRACE};
   * waits for each to end. Throws if one outlives that.
   */
  @Override
  public synchronized void close() throws InterruptedException {
    for (Node n : started) {
      if (n.process.isAlive()) {
        n.process.toHandle().destroy();
      }
    }
    List<String> survivors = new ArrayList<>();
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (Node n : started) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!n.process.waitFor(left, TimeUnit.NANOSECONDS)) {
        n.process.destroyForcibly();
        if (!n.process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          survivors.add(n.toString());
        }
      }
    }
    if (!survivors.isEmpty()) {
      throw new IllegalStateException("processes outlived SIGKILL: " + survivors);
    }
  }

  /** The Aeron directories named after process {@code pid}: {@code dedalus-aeron-<pid>-*}. */
  public static List<File> aeronDirectories(long pid) {
    List<File> out = new ArrayList<>();
    for (String parent : List.of("/dev/shm", System.getProperty("java.io.tmpdir"))) {
      File[] found = new File(parent).listFiles((dir, name) -> name.startsWith("dedalus-aeron-" + pid + "-"));
      if (found != null) {
        out.addAll(List.of(found));
      }
    }
    return out;
  }

  /** Removes the Aeron directories of a process that cannot (a killed one); returns what it removed. */
  public static List<File> removeAeronDirectories(long pid) {
    List<File> found = aeronDirectories(pid);
    found.forEach(d -> IoUtil.delete(d, false));
    return found;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
