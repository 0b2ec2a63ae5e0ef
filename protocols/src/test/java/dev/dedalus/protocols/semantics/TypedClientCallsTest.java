package dev.dedalus.protocols.semantics;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dedalus.Location;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Topology;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated typed client of {@link Registry}, over a recording transport: calls of two inputs
 * answered by one output, each with its own resend time; a String key; outputs that answer no call
 * pass through; a call to an instance that does not exist is refused and not remembered.
 */
class TypedClientCallsTest {
  private final Topology topology = Topology.builder(Registry_Program.INSTANCE).instances("Server", 2).build();
  private final List<String> sent = new ArrayList<>();
  private final Location self = new Location(Topology.FIRST_CLIENT_ID);
  private final Registry_Client client = new Registry_Client(self, new Outbound() {
    @Override
    public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
      sent.add(codec.relationName() + "->" + topology.addressesOf("Server").indexOf(destination));
    }
  }, topology);
  private final List<Object> heard = new ArrayList<>();
  private final Registry_Client.Listener listener = new Registry_Client.Listener() {
    @Override
    public void onDone(Registry.Done fact) {
      heard.add(fact);
    }

    @Override
    public void onRegistered(Registry.Registered fact) {
      heard.add(fact);
    }

    @Override
    public void onChanged(Registry.Changed fact) {
      heard.add(fact);
    }
  };

  @Test
  void oneOutputAnswersCallsOfTwoInputsEachResentOnItsOwnTime() {
    client.call(new Registry.Put(self, 1, "k", "v"), 0);
    client.call(1, new Registry.Get(self, 2, "k"), 0);
    assertThat(sent).containsExactly("Put->0", "Put->1", "Get->1").inOrder();

    assertThat(client.nextResendMillis()).isEqualTo(200);
    assertThat(client.resendDue(200)).isEqualTo(1);
    assertThat(client.resendDue(500)).isEqualTo(2);
    assertThat(sent.subList(3, sent.size())).containsExactly("Put->0", "Put->1", "Put->0", "Put->1", "Get->1").inOrder();

    Registry.Done got = new Registry.Done(2, "v");
    Registry.Done put = new Registry.Done(1, "v");
    assertThat(accept(Registry_Codecs.DONE, got)).isTrue();
    assertThat(accept(Registry_Codecs.DONE, put)).isTrue();
    assertThat(accept(Registry_Codecs.DONE, put)).isFalse();
    assertThat(heard).containsExactly(got, put).inOrder();
    assertThat(client.pending()).isEqualTo(0);
    assertThat(client.resendDue(10_000)).isEqualTo(0);
  }

  @Test
  void aStringKeyMatchesItsAnswerAndOtherOutputsPassThrough() {
    client.call(new Registry.Register(self, "alice"), 0);
    client.call(new Registry.Register(self, "bob"), 0);

    assertThat(accept(Registry_Codecs.REGISTERED, new Registry.Registered("carol"))).isFalse();
    assertThat(accept(Registry_Codecs.REGISTERED, new Registry.Registered("bob"))).isTrue();
    assertThat(accept(Registry_Codecs.CHANGED, new Registry.Changed("k"))).isTrue();
    assertThat(accept(Registry_Codecs.CHANGED, new Registry.Changed("k"))).isTrue();
    assertThat(heard).containsExactly(new Registry.Registered("bob"), new Registry.Changed("k"), new Registry.Changed("k"))
        .inOrder();
    assertThat(client.pending()).isEqualTo(1);
    assertThat(client.resendDue(999)).isEqualTo(0);
    assertThat(client.resendDue(1_000)).isEqualTo(1);
  }

  @Test
  void aPendingKeyCannotBeCalledAgainNorAMissingInstance() {
    client.call(new Registry.Get(self, 5, "k"), 0);

    assertThrows(IllegalStateException.class, () -> client.call(new Registry.Get(self, 5, "other"), 1));
    assertThrows(IndexOutOfBoundsException.class, () -> client.call(2, new Registry.Get(self, 6, "k"), 1));
    assertThat(client.pending()).isEqualTo(1);
    assertThat(sent).containsExactly("Get->0", "Get->1").inOrder();
  }

  private boolean accept(RelationCodec<?> codec, Object fact) {
    return client.accept(codec.relationId(), fact, listener);
  }
}
