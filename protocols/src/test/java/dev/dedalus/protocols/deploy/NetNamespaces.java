package dev.dedalus.protocols.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hosts for a multi-host test on one machine: {@code N} network namespaces, each a "host" with a
 * loopback and one interface {@code eth0} at {@code 10.77.<net>.<k>/24} (k = 1..N), wired to a Linux
 * bridge in one more "switch" namespace by a veth pair per host. Both ends of every pair are made
 * directly inside their namespaces, so nothing is ever added to the root namespace, and deleting the
 * namespaces deletes everything.
 *
 * <p>Namespace names are {@code ddn-<pid>-<n>-h<k>} and {@code ddn-<pid>-<n>-sw}: the pid of the
 * JVM that made them, so that {@link #removeLeftovers()} can delete those of a run that was killed
 * before it could close them. Interface names live inside the namespaces and are short.
 *
 * <p>Needs root and a kernel and container that let it make namespaces: {@link #available()} says
 * whether they do here, and why not.
 */
public final class NetNamespaces implements AutoCloseable {
  static final String PREFIX = "ddn-";
  private static final Pattern OURS = Pattern.compile("^" + PREFIX + "(\\d+)-.*");
  private static final AtomicInteger SETS = new AtomicInteger();
  private static final long COMMAND_TIMEOUT_SECONDS = 30;
  private static volatile Availability probed;

  /** Whether this machine lets the test make namespaces; if not, {@code reason} says why. */
  public record Availability(boolean ok, String reason) {}

  private final String switchName;
  private final List<String> hosts = new ArrayList<>();
  private final String subnet;
  private boolean closed;

  private NetNamespaces(int count, int set) {
    String base = PREFIX + ProcessHandle.current().pid() + "-" + set;
    this.switchName = base + "-sw";
    this.subnet = "10.77." + (set % 250);
    for (int k = 1; k <= count; k++) {
      hosts.add(base + "-h" + k);
    }
  }

  /**
   * Makes {@code count} hosts and the switch that joins them; on a failure, deletes what it made
   * and throws.
   */
  public static NetNamespaces create(int count) {
    if (count < 1 || count > 250) {
      throw new IllegalArgumentException("hosts must be 1 to 250, not " + count);
    }
    removeLeftovers();
    NetNamespaces net = new NetNamespaces(count, SETS.incrementAndGet());
    try {
      must("ip", "netns", "add", net.switchName);
      must("ip", "-n", net.switchName, "link", "add", "br0", "type", "bridge");
      must("ip", "-n", net.switchName, "link", "set", "br0", "up");
      for (int k = 1; k <= count; k++) {
        String host = net.hosts.get(k - 1);
        String port = "p" + k;
        must("ip", "netns", "add", host);
        must("ip", "-n", host, "link", "set", "lo", "up");
        // Both ends are made in their namespaces: the pair never shows in the root namespace.
        must("ip", "-n", host, "link", "add", "eth0", "type", "veth", "peer", "name", port, "netns", net.switchName);
        must("ip", "-n", net.switchName, "link", "set", port, "master", "br0");
        must("ip", "-n", net.switchName, "link", "set", port, "up");
        must("ip", "-n", host, "addr", "add", net.address(k - 1) + "/24", "dev", "eth0");
        must("ip", "-n", host, "link", "set", "eth0", "up");
      }
    } catch (RuntimeException e) {
      try {
        net.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return net;
  }

  /** How many hosts. */
  public int size() {
    return hosts.size();
  }

  /** The namespace of host {@code index} (0-based). */
  public String namespace(int index) {
    return hosts.get(index);
  }

  /** The switch's namespace. */
  public String switchNamespace() {
    return switchName;
  }

  /** The address of host {@code index} (0-based) on the switch. */
  public String address(int index) {
    if (index < 0 || index >= hosts.size()) {
      throw new IndexOutOfBoundsException("host " + index + " of " + hosts.size());
    }
    return subnet + "." + (index + 1);
  }

  /** Every namespace this set made and has not deleted: the hosts and the switch. */
  public List<String> namespaces() {
    List<String> all = new ArrayList<>(hosts);
    all.add(switchName);
    return Collections.unmodifiableList(all);
  }

  /**
   * The words that run a command inside host {@code index}: {@code ip netns exec NS}, which enters
   * the namespace and then execs the command, so the process started is the command itself.
   */
  public List<String> exec(int index) {
    return List.of(ip(), "netns", "exec", namespace(index));
  }

  /**
   * Deletes every namespace of the set that still exists. Call it after every process inside has
   * ended: a namespace is only gone once its last process is.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<String> existing = list();
    List<String> failures = new ArrayList<>();
    for (String ns : namespaces()) {
      if (existing.contains(ns)) {
        Result r = run(ip(), "netns", "del", ns);
        if (r.exit != 0) {
          failures.add(ns + ": " + r.output.strip());
        }
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("cannot delete namespaces: " + failures);
    }
  }

  /**
   * Deletes the namespaces of earlier runs whose JVM is gone (killed before it could close them),
   * first ending, by pid, any process still inside them. Namespaces of live JVMs, this one's
   * included, are left alone.
   */
  public static List<String> removeLeftovers() {
    List<String> removed = new ArrayList<>();
    for (String ns : list()) {
      Matcher m = OURS.matcher(ns);
      if (!m.matches()) {
        continue;
      }
      long owner = Long.parseLong(m.group(1));
      if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
        continue;
      }
      for (long pid : pidsIn(ns)) {
        ProcessHandle.of(pid).ifPresent(p -> {
          p.destroyForcibly();
          p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
        });
      }
      if (run(ip(), "netns", "del", ns).exit == 0) {
        removed.add(ns);
      }
    }
    return removed;
  }

  /** The pids of the processes inside namespace {@code ns}. */
  static List<Long> pidsIn(String ns) {
    List<Long> pids = new ArrayList<>();
    Result r = run(ip(), "netns", "pids", ns);
    if (r.exit == 0) {
      for (String line : r.output.split("\\R")) {
        if (!line.isBlank()) {
          pids.add(Long.parseLong(line.strip()));
        }
      }
    }
    return pids;
  }

  /** The names of every network namespace {@code ip} knows of. */
  static List<String> list() {
    List<String> names = new ArrayList<>();
    Result r = run(ip(), "netns", "list");
    if (r.exit != 0) {
      return names;
    }
    for (String line : r.output.split("\\R")) {
      if (!line.isBlank()) {
        names.add(line.strip().split("\\s+")[0]); // "name (id: 3)"
      }
    }
    return names;
  }

  /**
   * Whether this machine lets a test make namespaces, wire them to a bridge and delete them: it
   * needs the {@code ip} command, root, and a kernel and container that permit it (many
   * containers refuse with EPERM). Tried once per JVM, by doing it.
   */
  public static Availability available() {
    Availability a = probed;
    if (a == null) {
      a = probe();
      probed = a;
    }
    return a;
  }

  private static Availability probe() {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return new Availability(false, "network namespaces need Linux, this is " + System.getProperty("os.name"));
    }
    if (ip() == null) {
      return new Availability(false, "no 'ip' command (iproute2) on this machine");
    }
    String uid = effectiveUid();
    if (uid != null && !uid.equals("0")) {
      return new Availability(false, "not root (effective uid " + uid + "): 'ip netns add' needs CAP_SYS_ADMIN");
    }
    removeLeftovers();
    String ns = PREFIX + ProcessHandle.current().pid() + "-probe";
    try {
      Result add = run(ip(), "netns", "add", ns);
      if (add.exit != 0) {
        return new Availability(false, "'ip netns add' is not permitted here: " + add.output.strip());
      }
      for (List<String> step : List.of(
          List.of(ip(), "-n", ns, "link", "add", "br0", "type", "bridge"),
          List.of(ip(), "-n", ns, "link", "add", "pa", "type", "veth", "peer", "name", "pb"),
          List.of(ip(), "-n", ns, "link", "set", "pa", "master", "br0"),
          List.of(ip(), "netns", "exec", ns, ip(), "link", "set", "lo", "up"))) {
        Result r = run(step.toArray(String[]::new));
        if (r.exit != 0) {
          return new Availability(false, "'" + String.join(" ", step.subList(1, step.size())) + "' is not permitted here: "
              + r.output.strip());
        }
      }
      return new Availability(true, "");
    } finally {
      if (list().contains(ns)) {
        run(ip(), "netns", "del", ns);
      }
    }
  }

  /** The effective uid from /proc/self/status, or null if it cannot be read. */
  private static String effectiveUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("Uid:")) {
          return line.substring(4).strip().split("\\s+")[1];
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  /** The {@code ip} command's path, or null if there is none. */
  static String ip() {
    for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "ip"))) {
        return Path.of(dir, "ip").toString();
      }
    }
    return null;
  }

  private record Result(int exit, String output) {}

  private static void must(String... command) {
    if (command[0].equals("ip")) {
      command[0] = ip();
    }
    Result r = run(command);
    if (r.exit != 0) {
      throw new IllegalStateException("'" + String.join(" ", command) + "' failed (exit " + r.exit + "): " + r.output.strip());
    }
  }

  private static Result run(String... command) {
    if (command[0] == null) {
      return new Result(127, "no 'ip' command");
    }
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes(); // ends when the command does
      if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return new Result(-1, "timed out after " + COMMAND_TIMEOUT_SECONDS + " s");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(127, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }
}
