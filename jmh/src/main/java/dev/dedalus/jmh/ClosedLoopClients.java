package dev.dedalus.jmh;

import dev.dedalus.protocols.load.ClientLoop;
import dev.dedalus.protocols.load.Workload;
import dev.dedalus.runtime.aeron.LocalCluster;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;

/**
 * Closed-loop clients driven by the benchmark thread, alive for the whole trial, so an invocation
 * measures requests, not client setup. A wrong reply fails the benchmark, and so does a cluster
 * that answers nothing for {@link #STALL_NANOS} (unless told otherwise): a benchmark that hangs would stop the whole run
 * (the CI smoke pass included) instead of reporting the failure.
 *
 * <p>After a pass over the clients that sent and received nothing, the driving thread calls its
 * idle strategy. The default spins straight on, as the voting, two-phase commit and rewrite
 * benchmarks were measured; a comparison with {@link dev.dedalus.jmh.acluster.KvClients} passes
 * that client's back-off, so both sides leave the cores to the nodes alike when they wait.
 */
final class ClosedLoopClients implements AutoCloseable {
  /** {@link #run} gives up after this long without any reply, as {@link dev.dedalus.jmh.acluster.KvClients} does. */
  static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final ClientLoop loop;
  private final IdleStrategy idle;
  private final long stallNanos;

  ClosedLoopClients(LocalCluster cluster, Workload workload, int clients) {
    this(cluster, workload, clients, NoOpIdleStrategy.INSTANCE);
  }

  /** @param idle called after a pass that sent and received nothing, reset after one that did */
  ClosedLoopClients(LocalCluster cluster, Workload workload, int clients, IdleStrategy idle) {
    this(cluster, workload, clients, idle, STALL_NANOS);
  }

  /** @param stallNanos how long {@link #run} waits for a reply before it fails */
  ClosedLoopClients(LocalCluster cluster, Workload workload, int clients, IdleStrategy idle, long stallNanos) {
    this.loop = new ClientLoop(cluster, workload, 0, clients, () -> { });
    this.idle = idle;
    this.stallNanos = stallNanos;
  }

  long committed() {
    return loop.committed();
  }

  /** Request latencies, first send to reply, for {@link LatencyProbe}. */
  Recorder intervals() {
    return loop.intervals();
  }

  /**
   * Runs until {@code requests} more requests are answered; every client keeps one outstanding.
   *
   * @throws IllegalStateException on a wrong reply, or after the stall time without a reply
   */
  void run(int requests) {
    long goal = loop.committed() + requests;
    long start = System.nanoTime();
    idle.reset();
    while (loop.committed() < goal) {
      loop.step(() -> true);
      if (loop.workDone() > 0) {
        idle.reset();
      } else {
        idle.idle();
      }
      if (System.nanoTime() - Math.max(start, loop.lastReplyNanos()) > stallNanos) {
        throw new IllegalStateException("no reply for " + TimeUnit.NANOSECONDS.toMillis(stallNanos) + " ms; "
            + loop.committed() + " answered so far, " + loop.outstanding() + " outstanding");
      }
    }
    if (loop.wrong() > 0) {
      throw new IllegalStateException("wrong replies: " + loop.errors());
    }
  }

  /** Waits for every outstanding reply, so the trial ends clean. */
  @Override
  public void close() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (loop.step(() -> false) > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    loop.close();
  }
}
