package dev.dedalus.protocols.voting;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.Location;
import dev.dedalus.protocols.load.ClosedLoop;
import dev.dedalus.protocols.load.LoadResult;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.aeron.ChannelMap;
import dev.dedalus.runtime.aeron.Counter;
import dev.dedalus.runtime.aeron.LocalCluster;
import dev.dedalus.runtime.wire.FrameFormat;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Base voting on a LocalCluster over Aeron IPC, driven through the generated stages and codecs. */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // guards against a hang, not a speed goal
class VotingLocalClusterTest {
  private static final VotingWorkload VOTING = new VotingWorkload();

  @org.junit.jupiter.params.ParameterizedTest(name = "plan {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"base", "optimized"})
  void tenThousandRequestsFromConcurrentClientsAreEachAnsweredOnceWithTheirOwnPayload(String plan) throws Exception {
    Topology topology = VOTING.topology(plan, 1);
    try (LocalCluster cluster = LocalCluster.start(topology)) {
      LoadResult result = new ClosedLoop(cluster, VOTING, 16, 4)
          .run(TimeUnit.SECONDS.toNanos(60), 10_000, TimeUnit.SECONDS.toNanos(30));
      assertWithMessage(result.describe() + result.errors()).that(result.sent()).isEqualTo(10_000);
      assertWithMessage(result.describe() + result.errors()).that(result.committed()).isEqualTo(10_000);
      assertWithMessage(result.describe() + result.errors()).that(result.wrong()).isEqualTo(0);
      assertWithMessage(result.describe()).that(result.unanswered()).isEqualTo(0);
      // Each request crossed the leader once as input and three times as a vote (base), or once
      // as input while a collector took the votes (optimized).
      Location leader = topology.addressesOf("Leader").get(0);
      long expectedAtLeader = plan.equals("base") ? 10_000 + 3 * 10_000 : 10_000;
      assertThat(cluster.counters(leader).get(Counter.FACTS_RECEIVED)).isEqualTo(expectedAtLeader);
      assertThat(cluster.counters(leader).get(Counter.FRAMES_DROPPED_BAD)).isEqualTo(0);
      if (plan.equals("optimized")) {
        Location collector = topology.addressesOf("Collector").get(0);
        assertThat(cluster.counters(collector).get(Counter.FACTS_RECEIVED)).isEqualTo(3 * 10_000);
      }
      // Every node did work, so every node has busy CPU time, and the projection is finite.
      dev.dedalus.runtime.aeron.CpuReport cpu = cluster.cpuReport(result.committed());
      for (dev.dedalus.runtime.aeron.CpuReport.NodeCost node : cpu.nodes()) {
        assertWithMessage(cpu.describe()).that(node.busyCpuSeconds()).isGreaterThan(0.0);
      }
      assertThat(cpu.projectedThroughput()).isGreaterThan(0.0);
    }
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} partitions")
  @org.junit.jupiter.params.provider.ValueSource(ints = {3, 5})
  void tenThousandRequestsAtScaleOut(int partitions) throws Exception {
    Topology topology = VOTING.topology("optimized", partitions);
    // 1 leader + n broadcasters + 3 x n participant partitions + n collectors: 26 nodes at n = 5.
    assertThat(topology.nodes()).hasSize(1 + partitions + 3 * partitions + partitions);
    try (LocalCluster cluster = LocalCluster.start(topology)) {
      LoadResult result = new ClosedLoop(cluster, VOTING, 16, 4)
          .run(TimeUnit.SECONDS.toNanos(60), 10_000, TimeUnit.SECONDS.toNanos(30));
      assertWithMessage(result.describe() + result.errors()).that(result.committed()).isEqualTo(10_000);
      assertWithMessage(result.describe() + result.errors()).that(result.wrong()).isEqualTo(0);
      assertWithMessage(result.describe()).that(result.unanswered()).isEqualTo(0);
      // Every collector partition took part.
      for (Location collector : topology.allInstancesOf("Collector")) {
        assertThat(cluster.counters(collector).get(Counter.FACTS_RECEIVED)).isGreaterThan(0L);
      }
    }
  }

  @Test
  void theGeneratedTypedClientSendsInputsAndReceivesOutputs() {
    Topology topology = VOTING.topology("base", 1);
    try (LocalCluster cluster = LocalCluster.start(topology);
        dev.dedalus.runtime.aeron.ClientEndpoint endpoint = cluster.newClient()) {
      Voting_Client client = new Voting_Client(endpoint.location(), endpoint, topology);
      java.util.Map<Long, String> replies = new java.util.TreeMap<>();
      for (long id = 0; id < 100; id++) {
        client.send(new Voting.ClientIn(client.self(), id, "hello " + id));
      }
      endpoint.flush();
      Voting_Client.Listener listener = new Voting_Client.Listener() {
        @Override
        public void onClientOut(Voting.ClientOut fact) {
          assertThat(replies.put(fact.id(), fact.payload())).isNull();
        }
      };
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (replies.size() < 100) {
        endpoint.poll((relationId, fact) -> assertThat(Voting_Client.dispatch(relationId, fact, listener)).isTrue(), 64);
        assertWithMessage(cluster.report()).that(System.nanoTime()).isLessThan(deadline);
      }
      for (long id = 0; id < 100; id++) {
        assertThat(replies.get(id)).isEqualTo("hello " + id);
      }
    }
  }

  @Test
  void aCorruptedFrameInjectedIntoTheLeaderIsCountedAndDroppedAndTheRunCompletes() throws Exception {
    Topology topology = VOTING.topology("base", 1);
    try (LocalCluster cluster = LocalCluster.start(topology);
        Aeron intruder = Aeron.connect(new Aeron.Context().aeronDirectoryName(cluster.aeronDirectory()))) {
      Location leader = topology.addressesOf("Leader").get(0);
      ChannelMap.Endpoint endpoint = cluster.channelMap().endpointOf(leader);
      try (ExclusivePublication raw = intruder.addExclusivePublication(endpoint.channel(), endpoint.streamId())) {
        byte[] bytes = new byte[256];
        new SplittableRandom(3).nextBytes(bytes);
        UnsafeBuffer corrupted = new UnsafeBuffer(bytes);
        corrupted.putInt(0, FrameFormat.MAGIC, FrameFormat.ORDER); // looks like a frame, is not one
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (raw.offer(corrupted, 0, corrupted.capacity()) < 0) {
          assertWithMessage("could not publish the corrupted frame").that(System.nanoTime()).isLessThan(deadline);
          Thread.yield();
        }
        LoadResult result = new ClosedLoop(cluster, VOTING, 8, 2)
            .run(TimeUnit.SECONDS.toNanos(60), 2_000, TimeUnit.SECONDS.toNanos(30));
        assertWithMessage(result.describe()).that(result.committed()).isEqualTo(2_000);
        assertWithMessage(result.describe()).that(result.wrong()).isEqualTo(0);
        while (cluster.counters(leader).get(Counter.FRAMES_DROPPED_BAD) < 1) {
          assertWithMessage(cluster.report()).that(System.nanoTime()).isLessThan(deadline);
          Thread.yield();
        }
        assertThat(cluster.counters(leader).get(Counter.FRAMES_DROPPED_BAD)).isEqualTo(1);
      }
    }
  }
}
