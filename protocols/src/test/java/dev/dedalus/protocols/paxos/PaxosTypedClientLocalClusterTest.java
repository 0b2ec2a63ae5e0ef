package dev.dedalus.protocols.paxos;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.Location;
import dev.dedalus.runtime.aeron.ClientEndpoint;
import dev.dedalus.runtime.aeron.LocalCluster;
import dev.dedalus.runtime.durable.ChronicleStore;
import dev.dedalus.runtime.durable.LogSync;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed client on a real deployment: Paxos on a LocalCluster over Aeron IPC, clients that
 * only {@code call}, {@code resendDue} on a monotonic clock and {@code accept}, and the leader
 * stopped half way. The other proposer takes over, and each client's listener gets each answer
 * once, with its own values. (Whether a given run needs a resend depends on where the stop falls;
 * {@link PaxosTypedClientTest} shows in the simulator that without resends calls go unanswered.)
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS) // guards against a hang, not a speed goal
class PaxosTypedClientLocalClusterTest {
  static final int CLIENTS = 4;
  static final int CALLS = 100;

  @TempDir
  Path data;

  /** One closed-loop client: the next call goes out when the previous one is answered. */
  static final class Client implements Paxos_Client.Listener {
    final int index;
    final ClientEndpoint endpoint;
    final Paxos_Client client;
    final List<Paxos.Reply> answers = new ArrayList<>();
    int next;

    Client(int index, LocalCluster cluster) {
      this.index = index;
      this.endpoint = cluster.newClient();
      this.client = new Paxos_Client(endpoint.location(), endpoint, cluster.topology());
    }

    @Override
    public void onReply(Paxos.Reply fact) {
      answers.add(fact);
    }

    /** Calls the next request if the previous one is answered, resends what is due, and polls. */
    void step() {
      long nowMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
      if (client.pending() == 0 && next < CALLS) {
        client.call(PaxosTypedClientTest.request(index, client.self(), next++), nowMillis);
        endpoint.flush();
      } else if (!endpoint.isBackPressured()) {
        // Never resend into a full outbox: this client would stop polling the answers it waits for.
        if (client.resendDue(nowMillis) > 0) {
          endpoint.flush();
        }
      }
      endpoint.poll((relationId, fact) -> client.accept(relationId, fact, this), 64);
    }

    boolean done() {
      return answers.size() == CALLS;
    }
  }

  @Test
  void everyCallIsAnsweredOnceAcrossALeaderStop() {
    PaxosWorkload paxos = new PaxosWorkload();
    try (LocalCluster cluster = LocalCluster.start(paxos.topology("base", 1),
        LocalCluster.Options.defaults().withDurableStore(ChronicleStore.of(data, LogSync.OS)))) {
      List<Client> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        clients.add(new Client(c, cluster));
      }
      Location stopped = null;
      while (!clients.stream().allMatch(Client::done)) {
        clients.forEach(Client::step);
        if (stopped == null && clients.stream().mapToInt(c -> c.answers.size()).sum() >= CLIENTS * CALLS / 2) {
          stopped = paxos.leader(cluster).orElseThrow();
          cluster.stop(stopped);
        }
      }
      for (Client c : clients) {
        assertWithMessage("client %s", c.index).that(c.answers)
            .containsExactlyElementsIn(PaxosTypedClientTest.expected(c.index, CALLS)).inOrder();
        assertThat(c.client.pending()).isEqualTo(0);
      }
      assertThat(cluster.isRunning(stopped)).isFalse();
      clients.forEach(c -> c.endpoint.close());
    }
  }
}
