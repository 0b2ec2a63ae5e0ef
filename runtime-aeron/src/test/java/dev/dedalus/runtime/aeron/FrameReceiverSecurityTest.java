package dev.dedalus.runtime.aeron;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.Location;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.security.FrameKeys;
import dev.dedalus.runtime.wire.EchoProgram;
import dev.dedalus.runtime.wire.EchoProgram.Forward;
import dev.dedalus.runtime.wire.EchoProgram.Request;
import dev.dedalus.runtime.wire.FrameBatcher;
import dev.dedalus.runtime.wire.FrameSeal;
import dev.dedalus.runtime.wire.FrameSink;
import dev.dedalus.runtime.wire.FrameTrailer;
import dev.dedalus.runtime.wire.Incarnation;
import dev.dedalus.runtime.wire.SipHashTrailer;
import dev.dedalus.runtime.security.KeyFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node's receive path refuses, and counts, every frame it must not believe: tampered, replayed,
 * misaddressed, from an unknown sender, sealed with the wrong key, and a client's facts of
 * relations only nodes send; with keys (MACs) and without (CRC32C). Frames are handed to the
 * receiver directly, as the fragment assembler would; the stranger on the network is
 * {@code ForgedVotesTest}'s.
 */
class FrameReceiverSecurityTest {
  private static final Location FRONT = Location.of(1);
  private static final Location BACK = Location.of(2);
  private static final Location CLIENT = Location.of(Topology.FIRST_CLIENT_ID);

  @TempDir Path dir;

  private final EchoProgram program = new EchoProgram();
  /** Front at 1, back nodes at 2 and 3. */
  private final Topology topology = Topology.builder(program).instances(EchoProgram.BACK, 2).build();
  private final EndpointCounters counters = new EndpointCounters("front");
  private final List<Object> delivered = new ArrayList<>();
  private FrameKeys keys;
  private FrameSecurity security;
  private FrameReceiver front;

  private void start(boolean keyed) {
    if (keyed) {
      FrameKeys.generate(dir.resolve("cluster.key"));
      FrameKeys.generate(dir.resolve("client.key"));
      keys = FrameKeys.forNode(dir.resolve("cluster.key"), dir.resolve("client.key"));
    } else {
      keys = FrameKeys.none();
    }
    security = new FrameSecurity(topology, keys);
    front = new FrameReceiver("front", FRONT, program, security, counters, (id, fact) -> delivered.add(fact), () -> 0L);
  }

  /** One frame of {@code facts} from the endpoint {@code seal} stamps for, to {@code to}. */
  private static <T> byte[] frame(FrameSeal seal, Location to, RelationCodec<T> codec, List<T> facts) {
    List<byte[]> frames = new ArrayList<>();
    FrameBatcher batcher = new FrameBatcher(seal, 1024, new FrameSink() {
      @Override
      public void onFrame(Location destination, DirectBuffer buffer, int offset, int length, int factCount) {
        byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        frames.add(copy);
      }

      @Override
      public void onOversizedFact(Location destination, RelationCodec<?> c, int encodedLength) {
        throw new AssertionError("oversized");
      }
    });
    for (T fact : facts) {
      batcher.send(to, codec, fact);
    }
    batcher.flush();
    assertThat(frames).hasSize(1);
    return frames.get(0);
  }

  private static Forward forward(long id) {
    return new Forward(CLIENT, id, "forward-" + id, id % 2 == 0);
  }

  private byte[] fromBack(FrameSeal seal, long id) {
    return frame(seal, FRONT, EchoProgram.FORWARD, List.of(forward(id)));
  }

  private void receive(byte[] frame) {
    receive(frame, frame.length);
  }

  private void receive(byte[] frame, int length) {
    front.onFragment(new UnsafeBuffer(frame), 0, length, null);
  }

  private long dropped() {
    long sum = 0;
    for (Counter c : List.of(Counter.FRAMES_DROPPED_BAD, Counter.FRAMES_DROPPED_UNAUTHENTICATED, Counter.FRAMES_DROPPED_UNKNOWN_SENDER,
        Counter.FRAMES_DROPPED_MISADDRESSED, Counter.FRAMES_DROPPED_REPLAYED)) {
      sum += counters.get(c);
    }
    return sum;
  }

  @ParameterizedTest(name = "keyed {0}")
  @ValueSource(booleans = {false, true})
  void noTamperedFrameIsAcceptedAndEachIsCounted(boolean keyed) {
    start(keyed);
    byte[] valid = fromBack(security.newSeal(BACK), 7);
    Random random = new Random(20_261_130L);
    int attempts = 20_000;
    for (int i = 0; i < attempts; i++) {
      byte[] bytes = valid.clone();
      for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
        int at = random.nextInt(bytes.length);
        bytes[at] = (byte) (bytes[at] ^ (1 + random.nextInt(255))); // always a different byte
      }
      int length = random.nextInt(10) == 0 ? random.nextInt(bytes.length + 1) : bytes.length;
      receive(bytes, length);
    }
    // Without a trailer about a quarter of such frames decoded as valid; now none does.
    assertThat(delivered).isEmpty();
    assertThat(counters.get(Counter.FRAMES_RECEIVED)).isEqualTo(0);
    assertThat(dropped()).isEqualTo(attempts);
    assertThat(counters.get(Counter.FRAMES_DROPPED_UNAUTHENTICATED)).isGreaterThan(attempts / 2);
    // The untouched frame is still taken: it was the changes that were refused.
    receive(valid);
    assertThat(delivered).containsExactly(forward(7));
  }

  @ParameterizedTest(name = "keyed {0}")
  @ValueSource(booleans = {false, true})
  void aReplayedFrameIsDroppedAndCounted(boolean keyed) {
    start(keyed);
    FrameSeal back = security.newSeal(BACK);
    byte[] first = fromBack(back, 1);
    byte[] second = fromBack(back, 2);
    receive(first);
    receive(first); // recorded and offered again
    receive(second);
    receive(first); // an older sequence after a newer one
    assertThat(delivered).containsExactly(forward(1), forward(2)).inOrder();
    assertThat(counters.get(Counter.FRAMES_DROPPED_REPLAYED)).isEqualTo(2);

    // The sender restarts: a new incarnation starts its sequence over and is taken.
    FrameSeal restarted = security.newSeal(BACK);
    assertThat(restarted.incarnation()).isGreaterThan(back.incarnation());
    receive(fromBack(restarted, 3));
    // Frames of the earlier run are now all old.
    receive(fromBack(back, 4));
    assertThat(delivered).containsExactly(forward(1), forward(2), forward(3)).inOrder();
    assertThat(counters.get(Counter.FRAMES_DROPPED_REPLAYED)).isEqualTo(3);
  }

  @ParameterizedTest(name = "keyed {0}")
  @ValueSource(booleans = {false, true})
  void framesFromUnknownSendersOrForAnotherNodeAreDroppedAndCounted(boolean keyed) {
    start(keyed);
    receive(fromBack(security.newSeal(Location.of(4)), 1)); // no node 4 in the topology
    receive(fromBack(security.newSeal(FRONT), 2)); // claims to be the receiver itself
    receive(fromBack(security.newSeal(Location.of(0)), 3));
    assertThat(counters.get(Counter.FRAMES_DROPPED_UNKNOWN_SENDER)).isEqualTo(3);

    byte[] toOtherBack = frame(security.newSeal(BACK), Location.of(3), EchoProgram.FORWARD, List.of(forward(4)));
    receive(toOtherBack); // a frame one back node sealed for the other, offered to the front node
    assertThat(counters.get(Counter.FRAMES_DROPPED_MISADDRESSED)).isEqualTo(1);
    assertThat(delivered).isEmpty();
  }

  @ParameterizedTest(name = "keyed {0}")
  @ValueSource(booleans = {false, true})
  void aClientsFactsOfRelationsOnlyNodesSendAreRefusedAndCounted(boolean keyed) {
    start(keyed);
    FrameSeal client = new FrameSecurity(topology, keys.forClients()).newSeal(CLIENT);
    Request request = new Request(CLIENT, 1, "an input", false);
    receive(frame(client, FRONT, EchoProgram.REQUEST, List.of(request)));
    receive(frame(client, FRONT, EchoProgram.FORWARD, List.of(forward(2), forward(3))));
    assertThat(delivered).containsExactly(request);
    assertThat(counters.get(Counter.FACTS_REFUSED_NOT_CLIENT_INPUT)).isEqualTo(2);
    assertThat(counters.get(Counter.FACTS_REFUSED)).isEqualTo(2);
    // The same facts from a node are taken.
    receive(fromBack(security.newSeal(BACK), 2));
    assertThat(delivered).containsExactly(request, forward(2)).inOrder();
  }

  @ParameterizedTest(name = "keyed {0}")
  @ValueSource(booleans = {false, true})
  void aFrameWithTheOtherModesTrailerIsUnauthenticated(boolean keyed) {
    start(keyed);
    FrameKeys other = keyed ? FrameKeys.none() : nodeKeys("other");
    receive(fromBack(new FrameSecurity(topology, other).newSeal(BACK), 1));
    assertThat(counters.get(Counter.FRAMES_DROPPED_UNAUTHENTICATED)).isEqualTo(1);
    assertThat(delivered).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"a made-up key", "the client key"})
  void aNodeIdClaimedWithoutTheClusterKeyIsUnauthenticated(String which) {
    start(true);
    FrameTrailer wrong = which.equals("the client key")
        ? keys.withClients() // a client holds it: it must not pass for a node
        : new SipHashTrailer(SipHashTrailer.deriveKey(KeyFile.read(generated("made-up.key"))));
    FrameSeal forger = new FrameSeal(BACK.id(), Incarnation.next(), wrong, wrong);
    receive(fromBack(forger, 1));
    assertThat(counters.get(Counter.FRAMES_DROPPED_UNAUTHENTICATED)).isEqualTo(1);
    assertThat(delivered).isEmpty();
    // A client process's keys cannot seal frames between nodes at all.
    FrameKeys clientOnly = keys.forClients();
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, clientOnly::betweenNodes);
  }

  private Path generated(String name) {
    Path file = dir.resolve(name);
    FrameKeys.generate(file);
    return file;
  }

  private FrameKeys nodeKeys(String prefix) {
    return FrameKeys.forNode(generated(prefix + "-cluster.key"), generated(prefix + "-client.key"));
  }
}
