package dev.dedalus.runtime.aeron;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.Location;
import dev.dedalus.runtime.wire.EchoProgram;
import dev.dedalus.runtime.wire.EchoProgram.Reply;
import dev.dedalus.runtime.wire.EchoProgram.Request;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sends {@code count} requests through one client, polling replies as it goes (so that replies
 * never back up behind its own sends), and checks it gets exactly one correct reply to each.
 */
final class EchoClient {
  private EchoClient() {}

  static long run(LocalCluster cluster, int clientIndex, int count) {
    try (ClientEndpoint client = cluster.newClient()) {
      List<Location> fronts = cluster.inputLocations(Request.class);
      Set<Long> replied = new HashSet<>();
      FactHandler onReply = (relationId, fact) -> {
        assertThat(relationId).isEqualTo(EchoProgram.REPLY.relationId());
        Reply reply = (Reply) fact;
        int i = (int) (reply.id() - base(clientIndex));
        assertThat(i).isIn(com.google.common.collect.Range.closedOpen(0, count));
        assertThat(reply.body()).isEqualTo(body(clientIndex, i));
        assertThat(reply.urgent()).isEqualTo(i % 2 == 0);
        assertThat(replied.add(reply.id())).isTrue(); // exactly once
      };
      for (int i = 0; i < count; i++) {
        long id = base(clientIndex) + i;
        client.send(fronts.get(i % fronts.size()), EchoProgram.REQUEST,
            new Request(client.location(), id, body(clientIndex, i), i % 2 == 0));
        if (i % 64 == 63) {
          client.flush();
          client.poll(onReply, 64);
        }
      }
      client.flush();
      Await.driving(() -> client.poll(onReply, 64), () -> replied.size() == count,
          () -> "client " + clientIndex + " has " + replied.size() + " of " + count + " replies; " + client.counters()
              + "\n" + cluster.report());
      assertThat(client.counters().get(Counter.FRAMES_DROPPED_BAD)).isEqualTo(0);
      assertThat(client.counters().get(Counter.FACTS_DROPPED)).isEqualTo(0);
      return replied.size();
    }
  }

  static long base(int clientIndex) {
    return clientIndex * 10_000_000L;
  }

  static String body(int clientIndex, int i) {
    return i % 5 == 0 ? "réponse " + clientIndex + "/" + i : "c" + clientIndex + "-" + i;
  }
}
