package dev.dedalus.runtime.aeron;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dedalus.Location;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.security.FrameKeys;
import dev.dedalus.runtime.wire.EchoProgram;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A cluster with keys: every frame carries a MAC and is taken; a node cannot start with a client's keys. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalClusterKeysTest {
  @TempDir Path dir;

  private final Topology topology = Topology.builder(new EchoProgram()).instances(EchoProgram.BACK, 2).build();

  private Path generated(String name) {
    Path file = dir.resolve(name);
    FrameKeys.generate(file);
    return file;
  }

  @Test
  void aKeyedClusterAnswersEveryRequestAndDropsNothing() {
    FrameKeys keys = FrameKeys.forNode(generated("cluster.key"), generated("client.key"));
    try (LocalCluster cluster = LocalCluster.start(topology, LocalCluster.Options.defaults().withThreads(1).withKeys(keys))) {
      assertThat(EchoClient.run(cluster, 0, 1_000)).isEqualTo(1_000);
      for (EndpointCounters counters : cluster.counters().values()) {
        assertThat(counters.get(Counter.FRAMES_DROPPED_UNAUTHENTICATED)).isEqualTo(0);
        assertThat(counters.get(Counter.FRAMES_DROPPED_REPLAYED)).isEqualTo(0);
        assertThat(counters.get(Counter.FACTS_REFUSED)).isEqualTo(0);
      }
      Location front = cluster.inputLocation(EchoProgram.Request.class, 0);
      assertThat(cluster.counters(front).get(Counter.FACTS_RECEIVED)).isEqualTo(1_000);
    }
  }

  @Test
  void aNodeCannotStartWithAClientsKeys() {
    FrameKeys clientOnly = FrameKeys.forClient(generated("client.key"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> LocalCluster.start(topology, LocalCluster.Options.defaults().withKeys(clientOnly)).close());
    assertThat(e).hasMessageThat().contains("no cluster key");
  }
}
