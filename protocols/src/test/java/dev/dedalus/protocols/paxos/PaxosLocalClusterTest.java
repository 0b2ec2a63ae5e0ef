package dev.dedalus.protocols.paxos;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.Location;
import dev.dedalus.protocols.lin.CheckResult;
import dev.dedalus.protocols.lin.KvInput;
import dev.dedalus.protocols.lin.KvModel;
import dev.dedalus.protocols.lin.KvOutput;
import dev.dedalus.protocols.lin.Linearizability;
import dev.dedalus.protocols.lin.Operation;
import dev.dedalus.protocols.load.ClosedLoop;
import dev.dedalus.protocols.load.LoadResult;
import dev.dedalus.protocols.load.ReplyListener;
import dev.dedalus.runtime.aeron.Counter;
import dev.dedalus.runtime.aeron.LocalCluster;
import dev.dedalus.runtime.durable.ChronicleStore;
import dev.dedalus.runtime.durable.LogSync;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paxos on a LocalCluster over Aeron IPC, acceptors' logs on Chronicle queues: 10,000 requests from
 * concurrent clients, each answered once, in a linearizable history; and a run whose leader is
 * stopped half way, which the other proposer finishes.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS) // guards against a hang, not a speed goal
class PaxosLocalClusterTest {
  private static final PaxosWorkload PAXOS = new PaxosWorkload();

  @TempDir
  Path data;

  /** Records each request's first send and its answer, as a history for the checker. */
  static final class History implements ReplyListener {
    private final Map<String, Long> calls = new ConcurrentHashMap<>();
    private final Map<String, Paxos.Request> requests = new ConcurrentHashMap<>();
    private final List<Operation<KvInput, KvOutput>> operations = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void answered(Location client, long id, String outcome) {}

    @Override
    public void called(Location client, long id, Object request, long nanos) {
      calls.put(client.id() + "/" + id, nanos);
      requests.put(client.id() + "/" + id, (Paxos.Request) request);
    }

    @Override
    public void returned(Location client, long id, Object reply, long nanos) {
      String key = client.id() + "/" + id;
      Paxos.Request r = requests.remove(key);
      Paxos.Reply answer = (Paxos.Reply) reply;
      KvInput input = r.op().equals("put") ? KvInput.put(r.key(), r.value()) : KvInput.get(r.key());
      KvOutput output = r.op().equals("put") ? KvOutput.ok() : KvOutput.read(answer.ok() ? answer.value() : null);
      operations.add(Operation.completed(client.id(), calls.remove(key), nanos, input, output));
    }

    List<Operation<KvInput, KvOutput>> operations() {
      List<Operation<KvInput, KvOutput>> all = new ArrayList<>(operations);
      requests.forEach((key, r) -> all.add(Operation.pending(Long.parseLong(key.substring(0, key.indexOf('/'))), calls.get(key),
          r.op().equals("put") ? KvInput.put(r.key(), r.value()) : KvInput.get(r.key()))));
      return all;
    }
  }

  private LocalCluster start() {
    return LocalCluster.start(PAXOS.topology("base", 1),
        LocalCluster.Options.defaults().withDurableStore(ChronicleStore.of(data, LogSync.OS)));
  }

  private static void assertLinearizable(History history) {
    CheckResult<KvInput, KvOutput> result = Linearizability.check(new KvModel(), history.operations());
    assertWithMessage("%s", result).that(result.isLinearizable()).isTrue();
  }

  @Test
  void tenThousandRequestsAreEachAnsweredOnceLinearizably() throws Exception {
    try (LocalCluster cluster = start()) {
      History history = new History();
      LoadResult result = new ClosedLoop(cluster, PAXOS, 16, 2, 0, history)
          .run(TimeUnit.SECONDS.toNanos(120), 10_000, TimeUnit.SECONDS.toNanos(30));
      assertWithMessage(result.describe() + result.errors()).that(result.committed()).isEqualTo(10_000);
      assertWithMessage(result.describe() + result.errors()).that(result.wrong()).isEqualTo(0);
      assertThat(result.count("put")).isGreaterThan(0);
      assertThat(result.count("get")).isGreaterThan(0);
      assertLinearizable(history);
      // The acceptors logged what they accepted.
      for (Location acceptor : cluster.topology().addressesOf("Acceptor")) {
        assertWithMessage(cluster.report()).that(cluster.counters(acceptor).get(Counter.LOG_FACTS)).isAtLeast(1L);
      }
    }
  }

  @Test
  void theOtherProposerFinishesTheRunWhenTheLeaderStops() throws Exception {
    try (LocalCluster cluster = start()) {
      History history = new History();
      ClosedLoop load = new ClosedLoop(cluster, PAXOS, 8, 1, 0, history);
      LoadResult[] result = new LoadResult[1];
      Thread driver = new Thread(() -> {
        try {
          result[0] = load.run(TimeUnit.SECONDS.toNanos(120), 2_000, TimeUnit.SECONDS.toNanos(60));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      driver.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (load.committed() < 1_000 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(load.committed()).isAtLeast(1_000L);
      Location leader = leader(cluster);
      cluster.stop(leader);
      driver.join(TimeUnit.SECONDS.toMillis(150));
      assertWithMessage("the run did not finish").that(result[0]).isNotNull();
      assertWithMessage(result[0].describe() + result[0].errors()).that(result[0].committed()).isEqualTo(2_000);
      assertWithMessage(result[0].describe() + result[0].errors()).that(result[0].wrong()).isEqualTo(0);
      assertLinearizable(history);
    }
  }

  /** The proposer that sent the most: the leader sends every proposal, the other almost nothing. */
  private static Location leader(LocalCluster cluster) {
    List<Location> proposers = cluster.topology().addressesOf("Proposer");
    return cluster.counters(proposers.get(0)).get(Counter.FACTS_SENT) > cluster.counters(proposers.get(1)).get(Counter.FACTS_SENT)
        ? proposers.get(0) : proposers.get(1);
  }
}
