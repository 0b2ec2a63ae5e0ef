package dev.dedalus.protocols.voting;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.Location;
import dev.dedalus.runtime.DecodeCursor;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.Topology;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class FifoVotingScratchTest {
  record Msg(Location dest, int relationId, Object fact) {}

  @Test
  void everyRequestIsAnsweredOnce() {
    Topology topology = Topology.builder(Voting_Program.INSTANCE).instances("Participant", 3).build();
    Map<Location, Stage> stages = new LinkedHashMap<>();
    topology.nodes().forEach(n -> stages.put(n.location(), topology.newStage(n)));
    ArrayDeque<Msg> queue = new ArrayDeque<>();
    UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 16]);
    DecodeCursor cursor = new DecodeCursor();
    Outbound out = new Outbound() {
      @Override
      public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
        int end = codec.encode(fact, buffer, 0);
        assertThat(end).isEqualTo(codec.encodedLength(fact));
        T copy = codec.decode(buffer, cursor.reset(0, end));
        assertThat(copy).isEqualTo(fact);
        queue.add(new Msg(destination, codec.relationId(), copy));
      }
    };
    Location clientLoc = new Location(Topology.FIRST_CLIENT_ID);
    Voting_Client client = new Voting_Client(clientLoc, out, topology);
    for (int i = 0; i < 1000; i++) {
      client.send(new Voting.ClientIn(clientLoc, i, "p" + i));
    }
    Map<Long, Integer> answers = new HashMap<>();
    Map<Location, Boolean> again = new HashMap<>();
    int rounds = 0;
    while (!queue.isEmpty() || again.containsValue(true)) {
      rounds++;
      int n = queue.size();
      for (int i = 0; i < n; i++) {
        Msg m = queue.poll();
        if (Topology.isClient(m.dest())) {
          Voting_Client.dispatch(m.relationId(), m.fact(), new Voting_Client.Listener() {
            @Override
            public void onClientOut(Voting.ClientOut fact) {
              assertThat(fact.payload()).isEqualTo("p" + fact.id());
              answers.merge(fact.id(), 1, Integer::sum);
            }
          });
        } else {
          assertThat(stages.get(m.dest()).accept(m.relationId(), m.fact())).isTrue();
        }
      }
      for (var e : stages.entrySet()) {
        if (e.getValue().hasInput() || again.getOrDefault(e.getKey(), false)) {
          again.put(e.getKey(), e.getValue().tick(rounds, out));
        }
      }
      assertThat(rounds).isLessThan(100);
    }
    assertThat(answers).hasSize(1000);
    assertThat(answers.values().stream().allMatch(v -> v == 1)).isTrue();
  }
}
