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
 * measures requests, not client setup. A wrong reply fails the benchmark.
 *
 * <p>After a pass over the clients that sent and received nothing, the driving thread calls its
 * idle strategy. The default spins straight on, as the voting, two-phase commit and rewrite
 * benchmarks were measured; a comparison with {@link dev.dedalus.jmh.acluster.KvClients} passes
 * that client's back-off, so both sides leave the cores to the nodes alike when they wait.
 */
final class ClosedLoopClients implements AutoCloseable {
  private final ClientLoop loop;
  private final IdleStrategy idle;

  ClosedLoopClients(LocalCluster cluster, Workload workload, int clients) {
    this(cluster, workload, clients, NoOpIdleStrategy.INSTANCE);
  }

  /** @param idle called after a pass that sent and received nothing, reset after one that did */
  ClosedLoopClients(LocalCluster cluster, Workload workload, int clients, IdleStrategy idle) {
    this.loop = new ClientLoop(cluster, workload, 0, clients, () -> { });
    this.idle = idle;
  }

  long committed() {
    return loop.committed();
  }

  /** Request latencies, first send to reply, for {@link LatencyProbe}. */
  Recorder intervals() {
    return loop.intervals();
  }

  /** Runs until {@code requests} more requests are answered; every client keeps one outstanding. */
  void run(int requests) {
    long goal = loop.committed() + requests;
    idle.reset();
    while (loop.committed() < goal) {
      loop.step(() -> true);
      if (loop.workDone() > 0) {
        idle.reset();
      } else {
        idle.idle();
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
