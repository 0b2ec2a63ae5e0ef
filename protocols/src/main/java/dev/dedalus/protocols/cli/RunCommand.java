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
import java.nio.file.Files;
import java.nio.file.Path;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.aeron.LocalCluster;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
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

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Workload workload;
    Topology topology;
    LogSync sync;
    try {
      if (clients < 1 || clientThreads < 1 || partitions < 1 || threads < 0 || requests < 0 || duration.isNegative()
          || duration.isZero()) {
        throw new IllegalArgumentException("--clients, --client-threads and --partitions must be at least 1, "
            + "--threads and --requests at least 0, and --duration positive");
      }
      if (run < 0 || run > MAX_RUN || clients >= CLIENTS_PER_RUN) {
        throw new IllegalArgumentException("--run must be from 0 to " + MAX_RUN + ", and --clients below " + CLIENTS_PER_RUN);
      }
      workload = Protocols.get(protocol);
      topology = workload.topology(plan, partitions);
      sync = LogSync.parse(logSync);
      if (failLeaderAfter != null && (failLeaderAfter.isNegative() || failLeaderAfter.compareTo(duration) >= 0)) {
        throw new IllegalArgumentException("--fail-leader-after must fall within --duration");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    boolean temporary = dataDir == null;
    Path data = temporary ? Files.createTempDirectory("dedalus-data-") : dataDir;
    try {
      return run(out, workload, topology, ChronicleStore.of(data, sync), data);
    } catch (IllegalArgumentException | DurableStateException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    } finally {
      if (temporary) {
        IoUtil.delete(data.toFile(), false);
      }
    }
  }

  private int run(PrintStream out, Workload workload, Topology topology, DurableStore store, Path data) throws Exception {
    LocalCluster.Options options = LocalCluster.Options.defaults().withDurableStore(store)
        .withFirstClientId(Topology.FIRST_CLIENT_ID + run * CLIENTS_PER_RUN);
    if (threads > 0) {
      options = options.withThreads(threads);
    }
    out.printf(Locale.ROOT, "%s, plan %s: %d nodes (%s), %d clients on %d thread(s), for %s%n", protocol, plan,
        topology.nodes().size(), describe(topology), clients, clientThreads,
        requests > 0 ? requests + " requests" : duration.toMillis() / 1000.0 + " s");
    out.printf(Locale.ROOT, "durable relations: %s%n", store == DurableStore.NONE ? "in memory only (--log-sync none)"
        : "log sync " + logSync + ", in " + data + (dataDir == null ? " (temporary)" : ""));
    try (LocalCluster cluster = LocalCluster.start(topology, options);
         ReplyLog replies = replyLog == null ? null : new ReplyLog(replyLog)) {
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
      out.println("runtime counters per node:");
      out.print(cluster.report().indent(2));
      out.println("CPU per node (busy duty cycles only):");
      out.print(cluster.cpuReport(result.committed()).describe());
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
