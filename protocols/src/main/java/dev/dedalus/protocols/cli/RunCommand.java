package dev.dedalus.protocols.cli;

import org.agrona.IoUtil;
import dev.dedalus.protocols.load.ClosedLoop;
import dev.dedalus.protocols.load.LoadResult;
import dev.dedalus.Location;
import dev.dedalus.protocols.load.ReplyListener;
import dev.dedalus.protocols.load.Workload;
import dev.dedalus.runtime.DurableStateException;
import dev.dedalus.runtime.DurableStore;
import dev.dedalus.runtime.durable.ChronicleStore;
import dev.dedalus.runtime.durable.LogSync;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.deploy.Clients;
import dev.dedalus.runtime.deploy.NodeId;
import dev.dedalus.runtime.deploy.TopologyFile;
import dev.dedalus.runtime.deploy.TopologyFileException;
import dev.dedalus.runtime.security.KeyFileException;
import dev.dedalus.runtime.aeron.LocalCluster;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs a protocol on a local cluster (one JVM, an embedded Aeron media driver, IPC between nodes)
 * and drives it with closed-loop clients, printing progress each second and a report at the end.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs a protocol on a local cluster and drives it with closed-loop clients.",
    sortOptions = false)
final class RunCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PROTOCOL", defaultValue = "voting",
      description = "The protocol to run: voting, 2pc or paxos. Default: ${DEFAULT-VALUE}.")
  String protocol;

  @Option(names = "--plan", defaultValue = "base",
      description = "The compiled plan to run: base (as written) or optimized (every rewrite hint applied). "
          + "Default: ${DEFAULT-VALUE}.")
  String plan;

  @Option(names = "--clients", defaultValue = "64",
      description = "Closed-loop clients, each with one request outstanding. Default: ${DEFAULT-VALUE}.")
  int clients;

  @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
      description = "How long clients send requests, e.g. 10s, 500ms, 1m. Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(names = "--partitions", defaultValue = "1",
      description = "Partitions of each partitioned role (1 for plans that partition nothing). Default: ${DEFAULT-VALUE}.")
  int partitions;

  @Option(names = "--requests", defaultValue = "0",
      description = "Stop after this many requests instead of at the end of --duration (0: no limit). Default: ${DEFAULT-VALUE}.")
  long requests;

  @Option(names = "--threads", defaultValue = "0",
      description = "Threads running the nodes' agents (0: one per core, at most one per node). Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--client-threads", defaultValue = "1",
      description = "Threads driving the clients. Default: ${DEFAULT-VALUE}.")
  int clientThreads;

  @Option(names = "--log-sync", defaultValue = "os",
      description = "How @Durable relations are kept: none (in memory only), os (appended to memory-mapped queue files: "
          + "survives a process crash) or disk (forced to the device before a tick's sends leave: survives a power loss). "
          + "Default: ${DEFAULT-VALUE}.")
  String logSync;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where nodes keep their durable relations, one directory per node; a node restarted on it recovers "
          + "its state. Default: a fresh temporary directory, removed at exit.")
  Path dataDir;

  @Option(names = "--reply-log", paramLabel = "FILE",
      description = "Append a line '<client> <request id> <outcome>' for every answered request, as it is answered.")
  Path replyLog;

  @Option(names = "--run", defaultValue = "0",
      description = "The number of this run on one --data-dir (0 to " + MAX_RUN + "): runs get request ids and client "
          + "addresses of their own, so what the recovered state answers to an earlier run's clients reaches none of "
          + "this run's. Default: ${DEFAULT-VALUE}.")
  int run;

  static final int MAX_RUN = 9_999;
  /** Client locations of one run; a run never has this many clients. */
  static final long CLIENTS_PER_RUN = 100_000;

  @Option(names = "--fail-leader-after", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "Stop the protocol's leader node this long into the run (paxos), and report the longest gap "
          + "between answers after it.")
  Duration failLeaderAfter;

  /** The largest --partitions: the paper's deployments use 5; a thousand is far beyond any box. */
  static final int MAX_PARTITIONS = 1_000;
  /** The largest --threads and --client-threads. */
  static final int MAX_THREADS = 1_024;

  /** Free space where the embedded media driver keeps its term buffers; replaced by tests. */
  Supplier<Space> space = RunCommand::aeronSpace;

  @Option(names = "--topology", paramLabel = "FILE",
      description = "Drive a deployed cluster instead of starting one: the nodes run in other processes or on other hosts "
          + "(dedalus node, dedalus up) as FILE describes, and the clients listen on its client endpoints. "
          + "Not with --plan, --partitions, --threads, --log-sync, --data-dir or --fail-leader-after, which the file "
          + "or the nodes decide.")
  Path topologyFile;

  /** How long a run against a deployed cluster waits for the nodes its clients send to. */
  static final long CONNECT_TIMEOUT_MILLIS = 30_000;

  /** Options that say how to start a cluster, which a deployed one has already decided. */
  static final List<String> LOCAL_CLUSTER_OPTIONS =
      List.of("--plan", "--partitions", "--threads", "--log-sync", "--data-dir", "--fail-leader-after");

  @Spec
  CommandSpec spec;

  /** {@code usable} bytes free in {@code where}, or -1 if unknown. */
  record Space(String where, long usable) {}

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Workload workload;
    Topology topology;
    LogSync sync;
    atLeast("--clients", clients, 1);
    below("--clients", clients, CLIENTS_PER_RUN);
    atLeast("--client-threads", clientThreads, 1);
    atMost("--client-threads", clientThreads, MAX_THREADS);
    atLeast("--partitions", partitions, 1);
    atMost("--partitions", partitions, MAX_PARTITIONS);
    atLeast("--threads", threads, 0);
    atMost("--threads", threads, MAX_THREADS);
    atLeast("--requests", requests, 0);
    atLeast("--run", run, 0);
    atMost("--run", run, MAX_RUN);
    if (duration.isNegative() || duration.isZero()) {
      throw usage("--duration must be positive, got " + given("--duration", duration));
    }
    if (failLeaderAfter != null && (failLeaderAfter.isNegative() || failLeaderAfter.compareTo(duration) >= 0)) {
      throw usage("--fail-leader-after must fall within --duration (" + given("--duration", duration) + "), got "
          + given("--fail-leader-after", failLeaderAfter));
    }
    if (!Protocols.has(protocol)) {
      throw usage("PROTOCOL must be one of " + String.join(", ", Protocols.names()) + ", got '" + protocol + "'");
    }
    workload = Protocols.get(protocol);
    if (topologyFile != null) {
      return runDeployed(out, workload);
    }
    if (!workload.plans().contains(plan)) {
      throw usage("--plan must be one of " + String.join(", ", workload.plans()) + " for " + protocol + ", got '" + plan + "'");
    }
    try {
      topology = workload.topology(plan, partitions);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    try {
      sync = LogSync.parse(logSync);
    } catch (IllegalArgumentException e) {
      throw usage("--log-sync must be none, os or disk, got '" + logSync + "'");
    }
    LocalCluster.Options options = LocalCluster.Options.defaults()
        .withFirstClientId(Topology.FIRST_CLIENT_ID + run * CLIENTS_PER_RUN);
    if (threads > 0) {
      options = options.withThreads(threads);
    }
    checkFits(topology.nodes().size(), clients, options.termLength(), space.get());
    boolean temporary = dataDir == null;
    Path data = temporary ? Files.createTempDirectory("dedalus-data-") : dataDir;
    try {
      return run(out, workload, topology, options.withDurableStore(ChronicleStore.of(data, sync)), data);
    } catch (IllegalArgumentException | DurableStateException e) {
      return fail(e.getMessage());
    } finally {
      if (temporary) {
        IoUtil.delete(data.toFile(), false);
      }
    }
  }

  /** Drives the cluster the --topology file describes from this process. */
  private int runDeployed(PrintStream out, Workload workload) throws Exception {
    for (String option : LOCAL_CLUSTER_OPTIONS) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        throw usage(option + " cannot be used with --topology, got " + option + " " + given(option, "") + " with --topology "
            + topologyFile + ": the topology file decides it");
      }
    }
    TopologyFile file;
    try {
      file = TopologyFile.read(topologyFile);
    } catch (TopologyFileException e) {
      return fail(e.getMessage());
    }
    String expected = workload.topology(workload.plans().get(0), 1).program().name();
    if (!file.program().name().equals(expected)) {
      throw usage("--topology " + topologyFile + " deploys " + file.program().name() + ", not " + protocol + " (" + expected + ")");
    }
    if (clients > file.clientCount()) {
      throw usage("--clients must be at most the " + file.clientCount() + " client ports of " + topologyFile + ", got " + clients);
    }
    checkFits(0, clients, file.termLength(), space.get());
    out.printf(Locale.ROOT, "%s, plan %s, deployed by %s: %d nodes (%s), %d clients on %d thread(s), for %s%n", protocol,
        file.plan(), topologyFile, file.topology().nodes().size(), describe(file.topology()), clients, clientThreads,
        requests > 0 ? requests + " requests" : duration.toMillis() / 1000.0 + " s");
    try (LocalCluster cluster = Clients.connect(file, Topology.FIRST_CLIENT_ID + run * CLIENTS_PER_RUN)) {
      // The clock starts once the nodes are reachable, not while their processes are still starting.
      List<Location> unreachable = cluster.awaitConnected(cluster.inputLocations(workload.requestType()), CONNECT_TIMEOUT_MILLIS);
      if (!unreachable.isEmpty()) {
        List<String> names = new ArrayList<>();
        for (Location node : unreachable) {
          NodeId id = NodeId.of(file.topology().node(node));
          names.add(id + " at " + file.nodes().get(id));
        }
        return fail("could not reach " + String.join(", ", names) + " within " + CONNECT_TIMEOUT_MILLIS / 1000
            + " s: is 'dedalus node --topology " + topologyFile + " --node " + NodeId.of(file.topology().node(unreachable.get(0)))
            + "' running, and is the port open?");
      }
      return drive(out, workload, cluster);
    } catch (KeyFileException | IllegalArgumentException | DurableStateException e) {
      return fail(e.getMessage());
    }
  }

  private int fail(String message) {
    return Main.fail(spec, message);
  }

  /**
   * Refuses a deployment whose Aeron logs could outgrow {@code space}: every node and every client
   * listens on a publication of its own, whose log is three terms. The term files are sparse, so a
   * run that fits touches only part of this; but a run that does not fit fails deep in the media
   * driver once the memory is gone.
   */
  void checkFits(int nodes, int clients, int termLength, Space space) {
    long needed = (long) (nodes + clients) * 3 * termLength;
    if (space.usable() >= 0 && needed > space.usable()) {
      throw usage(String.format(Locale.ROOT, "the deployment is too large for this box: %,d nodes and %,d clients "
          + "listen on %,d Aeron logs of 3 x %,d KiB terms, up to %,d MiB, but %s has %,d MiB free; "
          + "use fewer --clients or --partitions", nodes, clients, nodes + clients, termLength / 1024,
          needed >> 20, space.where(), space.usable() >> 20));
    }
  }

  /** Where the embedded driver puts its directory (see AeronMedia): /dev/shm, else the temp directory. */
  static Space aeronSpace() {
    File shm = new File("/dev/shm");
    Path where = shm.isDirectory() && shm.canWrite() ? shm.toPath() : Path.of(System.getProperty("java.io.tmpdir"));
    try {
      return new Space(where.toString(), Files.getFileStore(where).getUsableSpace());
    } catch (IOException | RuntimeException e) {
      return new Space(where.toString(), -1); // unknown: no check
    }
  }

  private void atLeast(String option, long value, long min) {
    if (value < min) {
      throw usage(option + " must be at least " + min + ", got " + value);
    }
  }

  private void atMost(String option, long value, long max) {
    if (value > max) {
      throw usage(option + " must be at most " + max + ", got " + value);
    }
  }

  private void below(String option, long value, long bound) {
    if (value >= bound) {
      throw usage(option + " must be below " + bound + ", got " + value);
    }
  }

  /** The text given for {@code option} on the command line, or else {@code parsed}. */
  private String given(String option, Object parsed) {
    ParseResult result = spec.commandLine().getParseResult();
    OptionSpec matched = result == null ? null : result.matchedOption(option);
    if (matched != null && !matched.originalStringValues().isEmpty()) {
      List<String> values = matched.originalStringValues();
      return values.get(values.size() - 1);
    }
    return String.valueOf(parsed);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private int run(PrintStream out, Workload workload, Topology topology, LocalCluster.Options options, Path data)
      throws Exception {
    DurableStore store = options.durableStore();
    out.printf(Locale.ROOT, "%s, plan %s: %d nodes (%s), %d clients on %d thread(s), for %s%n", protocol, plan,
        topology.nodes().size(), describe(topology), clients, clientThreads,
        requests > 0 ? requests + " requests" : duration.toMillis() / 1000.0 + " s");
    out.printf(Locale.ROOT, "durable relations: %s%n", store == DurableStore.NONE ? "in memory only (--log-sync none)"
        : "log sync " + logSync + ", in " + data + (dataDir == null ? " (temporary)" : ""));
    try (LocalCluster cluster = LocalCluster.start(topology, options)) {
      return drive(out, workload, cluster);
    }
  }

  /**
   * Runs the closed-loop clients against {@code cluster}, prints the report, and returns 0 if
   * every request was answered once and correctly, else 1.
   */
  private int drive(PrintStream out, Workload workload, LocalCluster cluster) throws Exception {
    try (ReplyLog replies = replyLog == null ? null : new ReplyLog(replyLog)) {
      // Ids are (client << 32) + sequence; the run number sits above the client number.
      AnswerGaps gaps = new AnswerGaps(replies == null ? ReplyListener.NONE : replies);
      ClosedLoop load = new ClosedLoop(cluster, workload, clients, clientThreads, (long) run << 48, gaps);
      Thread failer = failLeaderAfter == null ? null : leaderFailer(cluster, workload, gaps, out);
      Thread progress = progressPrinter(load, out);
      LoadResult result;
      try {
        result = load.run(duration.toNanos(), requests > 0 ? requests : Long.MAX_VALUE, TimeUnit.SECONDS.toNanos(10));
      } finally {
        progress.interrupt();
        progress.join();
        if (failer != null) {
          failer.interrupt();
          failer.join();
        }
      }
      out.println();
      out.print(result.describe());
      if (failer != null) {
        out.println(gaps.describe());
      }
      result.errors().forEach(e -> out.println("  wrong reply: " + e));
      if (cluster.counters().isEmpty()) {
        out.println("runtime counters per node: in the node processes (AeronStat on each node's Aeron directory, or JMX; "
            + "see docs/DEPLOYMENT.md)");
      } else {
        out.println("runtime counters per node:");
        out.print(cluster.report().indent(2));
        out.println("CPU per node (busy duty cycles only):");
        out.print(cluster.cpuReport(result.committed()).describe());
      }
      return result.wrong() == 0 && result.unanswered() == 0 ? 0 : 1;
    }
  }

  /** Stops the workload's leader after --fail-leader-after, once, on a thread of its own. */
  private Thread leaderFailer(LocalCluster cluster, Workload workload, AnswerGaps gaps, PrintStream out) {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(failLeaderAfter.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      Location leader = workload.leader(cluster).orElse(null);
      if (leader == null) {
        out.printf(Locale.ROOT, "%n%s has no leader to stop%n", protocol);
        return;
      }
      gaps.failureAt(System.nanoTime(), leader);
      cluster.stop(leader);
      out.printf(Locale.ROOT, "%nstopped the leader, node %d, at %.1f s%n", leader.id(), failLeaderAfter.toMillis() / 1000.0);
    }, "fail-leader");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static String describe(Topology topology) {
    StringBuilder s = new StringBuilder();
    for (String role : topology.program().roles()) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append(topology.allInstancesOf(role).size()).append(' ').append(role);
    }
    return s.toString();
  }

  /** Prints one progress line a second, rewritten in place. */
  private static Thread progressPrinter(ClosedLoop load, PrintStream out) {
    Thread t = new Thread(() -> {
      long start = System.nanoTime();
      long last = 0;
      long lastTime = start;
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(1000);
          long now = System.nanoTime();
          long committed = load.committed();
          out.printf(Locale.ROOT, "\r%6.1f s  %,12d committed  %,10.0f req/s   ", (now - start) / 1e9, committed,
              (committed - last) * 1e9 / (now - lastTime));
          out.flush();
          last = committed;
          lastTime = now;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "progress");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
