package dev.dedalus.protocols.load;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.protocols.voting.VotingWorkload;
import dev.dedalus.runtime.aeron.LocalCluster;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a driver of a ClientLoop reads besides answers: the work of a pass and the interval latencies. */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // guards against a hang, not a speed goal
class ClientLoopTest {
  private static final VotingWorkload VOTING = new VotingWorkload();

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
}
