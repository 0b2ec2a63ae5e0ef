package dev.dedalus.jmh;

import dev.dedalus.protocols.load.ClientLoop;
import dev.dedalus.protocols.load.Workload;
import dev.dedalus.runtime.aeron.LocalCluster;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop clients driven by the benchmark thread, alive for the whole trial, so an invocation
 * measures requests, not client setup. A wrong reply fails the benchmark.
 */
final class ClosedLoopClients implements AutoCloseable {
  private final ClientLoop loop;

  ClosedLoopClients(LocalCluster cluster, Workload workload, int clients) {
    this.loop = new ClientLoop(cluster, workload, 0, clients, () -> { });
  }

  long committed() {
    return loop.committed();
  }

  /** Runs until {@code requests} more requests are answered; every client keeps one outstanding. */
  void run(int requests) {
    long goal = loop.committed() + requests;
    while (loop.committed() < goal) {
      loop.step(() -> true);
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
