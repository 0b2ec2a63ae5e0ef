package dev.dedalus.runtime.aeron;

import static com.google.common.truth.Truth.assertThat;
import static dev.dedalus.runtime.aeron.RoleCounters.sum;

import dev.dedalus.Location;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.wire.EchoProgram;
import dev.dedalus.runtime.wire.EchoProgram.Request;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalClusterIpcTest {
  private static Topology topology() {
    return Topology.builder(new EchoProgram()).instances(EchoProgram.FRONT, 2).instances(EchoProgram.BACK, 3).build();
  }

  @Test
  void severalClientThreadsEachGetExactlyTheirReplies() throws Exception {
    int clients = 4;
    int perClient = 3_000;
    try (LocalCluster cluster = LocalCluster.start(topology(), LocalCluster.Options.defaults().withThreads(2))) {
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      try {
        List<Future<Long>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          int index = c;
          results.add(pool.submit(() -> EchoClient.run(cluster, index, perClient)));
        }
        for (Future<Long> result : results) {
          assertThat(result.get()).isEqualTo(perClient);
        }
      } finally {
        pool.shutdownNow();
      }
      long total = (long) clients * perClient;
      // Counters are published lazily by the agents' threads; wait for the last increments.
      Await.until(() -> sum(cluster, EchoProgram.BACK, Counter.FACTS_SENT) == total, cluster::report);
      assertThat(sum(cluster, EchoProgram.FRONT, Counter.FACTS_RECEIVED)).isEqualTo(total);
      assertThat(sum(cluster, EchoProgram.FRONT, Counter.FACTS_SENT)).isEqualTo(total);
      assertThat(sum(cluster, EchoProgram.BACK, Counter.FACTS_RECEIVED)).isEqualTo(total);
      for (EndpointCounters counters : cluster.counters().values()) {
        assertThat(counters.get(Counter.FRAMES_DROPPED_BAD)).isEqualTo(0);
        assertThat(counters.get(Counter.FACTS_DROPPED)).isEqualTo(0);
        assertThat(counters.get(Counter.FACTS_REFUSED)).isEqualTo(0);
        assertThat(counters.get(Counter.TICKS)).isGreaterThan(0);
        // Many facts share a frame: never more frames than facts.
        assertThat(counters.get(Counter.FRAMES_SENT)).isAtMost(counters.get(Counter.FACTS_SENT));
      }
      assertThat(cluster.report()).contains("front[0]@1{");
    }
  }

  @Test
  void clientsGetDistinctLocationsAndInputRoutingFollowsTheTopology() {
    try (LocalCluster cluster = LocalCluster.start(topology(), LocalCluster.Options.defaults().withThreads(1));
        ClientEndpoint a = cluster.newClient();
        ClientEndpoint b = cluster.newClient()) {
      assertThat(a.location()).isEqualTo(Location.of(Topology.FIRST_CLIENT_ID));
      assertThat(b.location()).isEqualTo(Location.of(Topology.FIRST_CLIENT_ID + 1));
      assertThat(cluster.inputLocations(Request.class)).containsExactly(Location.of(1), Location.of(2)).inOrder();
      assertThat(cluster.inputLocation(Request.class, 1)).isEqualTo(Location.of(2));
    }
  }

  /** start returns once every agent has started, so a node can be stopped and restarted at once. */
  @Test
  void aNodeCanBeStoppedRightAfterStart() {
    for (int i = 0; i < 5; i++) {
      try (LocalCluster cluster = LocalCluster.start(topology(), LocalCluster.Options.defaults().withThreads(2))) {
        Location back = cluster.topology().allInstancesOf(EchoProgram.BACK).get(0);
        cluster.stop(back);
        assertThat(cluster.isRunning(back)).isFalse();
        cluster.restart(back);
        assertThat(cluster.isRunning(back)).isTrue();
      }
    }
  }

  @Test
  void closingRemovesTheDriverDirectory() {
    String directory;
    try (LocalCluster cluster = LocalCluster.start(topology())) {
      directory = cluster.aeronDirectory();
      assertThat(new File(directory).isDirectory()).isTrue();
      assertThat(EchoClient.run(cluster, 0, 10)).isEqualTo(10);
    }
    assertThat(new File(directory).exists()).isFalse();
  }
}
