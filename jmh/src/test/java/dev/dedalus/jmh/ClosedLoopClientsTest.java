package dev.dedalus.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dedalus.jmh.acluster.KvClients;
import dev.dedalus.protocols.voting.VotingWorkload;
import dev.dedalus.runtime.aeron.LocalCluster;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The benchmarks' closed-loop clients: every answer's latency reaches the profiler, and a silent cluster fails the run. */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // guards against a hang, not a speed goal
class ClosedLoopClientsTest {
  private static final VotingWorkload VOTING = new VotingWorkload();

  @Test
  void aRunWithTheBackOffAnswersItsRequestsAndRecordsEachLatencyOnce() {
    try (LocalCluster cluster = LocalCluster.start(VOTING.topology("base", 1))) {
      ClosedLoopClients load = new ClosedLoopClients(cluster, VOTING, 8, KvClients.newIdleStrategy());
      try {
        load.run(500);
        assertTrue(load.committed() >= 500, "answered " + load.committed());
        assertEquals(load.committed(), load.intervals().getIntervalHistogram().getTotalCount());
      } finally {
        load.close();
      }
    }
  }

  @Test
  void aClusterThatAnswersNothingFailsTheRunInsteadOfHangingIt() {
    try (LocalCluster cluster = LocalCluster.start(VOTING.topology("base", 1))) {
      cluster.stop(cluster.topology().addressesOf("Leader").get(0));
      ClosedLoopClients load = new ClosedLoopClients(cluster, VOTING, 4, KvClients.newIdleStrategy(),
          TimeUnit.MILLISECONDS.toNanos(500));
      try {
        IllegalStateException stalled = assertThrows(IllegalStateException.class, () -> load.run(10));
        assertTrue(stalled.getMessage().startsWith("no reply for 500 ms; 0 answered so far, 4 outstanding"),
            stalled.getMessage());
      } finally {
        load.close();
      }
    }
  }
}
