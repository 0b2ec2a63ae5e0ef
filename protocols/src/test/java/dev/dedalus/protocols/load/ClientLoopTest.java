package dev.dedalus.protocols.load;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.protocols.voting.VotingWorkload;
import dev.dedalus.runtime.aeron.LocalCluster;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a driver of a ClientLoop reads besides answers: the work of a pass and the interval latencies. */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // guards against a hang, not a speed goal
class ClientLoopTest {
  private static final VotingWorkload VOTING = new VotingWorkload();
  private static final BooleanSupplier NEVER = () -> false;

  @Test
  void aPassCountsItsSendsAndAQuietPassCountsNothing() {
    try (LocalCluster cluster = LocalCluster.start(VOTING.topology("base", 1));
        ClientLoop loop = new ClientLoop(cluster, VOTING, 0, 4, () -> { })) {
      loop.step(() -> true);
      assertThat(loop.workDone()).isAtLeast(4); // each client sent its first request
      while (loop.step(() -> false) > 0) {
        Thread.onSpinWait();
      }
      assertThat(loop.committed()).isEqualTo(4);
      loop.step(() -> false);
      assertThat(loop.workDone()).isEqualTo(0); // nothing to send, nothing left to receive
    }
  }

  @Test
  void everyAnsweredRequestReachesTheIntervalsOnceAndTakingThemEmptiesThem() {
    try (LocalCluster cluster = LocalCluster.start(VOTING.topology("base", 1));
        ClientLoop loop = new ClientLoop(cluster, VOTING, 0, 8, () -> { })) {
      while (loop.committed() < 200) {
        loop.step(() -> true);
      }
      while (loop.step(() -> false) > 0) {
        Thread.onSpinWait();
      }
      Histogram interval = loop.intervals().getIntervalHistogram();
      assertThat(interval.getTotalCount()).isEqualTo(loop.committed());
      assertThat(interval.getMaxValue()).isEqualTo(loop.latency().getMaxValue());
      assertThat(loop.intervals().getIntervalHistogram().getTotalCount()).isEqualTo(0);
    }
  }

  @Test
  void aQuietPassAllocatesNothing() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
    int passes = 10_000;
    try (LocalCluster cluster = LocalCluster.start(VOTING.topology("base", 1));
        ClientLoop loop = new ClientLoop(cluster, VOTING, 0, 16, () -> { })) {
      for (int i = 0; i < passes; i++) {
        loop.step(NEVER);
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < passes; i++) {
        loop.step(NEVER);
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      // A handler made per client per pass would be 16 clients x 16 bytes x 10,000 passes = 2.5 MB.
      assertThat(allocated).isLessThan((long) passes);
    }
  }
}
