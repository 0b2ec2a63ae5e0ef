package dev.dedalus.runtime.aeron;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.Location;
import dev.dedalus.runtime.DurableLog;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.wire.EchoProgram;
import dev.dedalus.runtime.wire.EchoProgram.Forward;
import dev.dedalus.runtime.wire.EchoProgram.Reply;
import dev.dedalus.runtime.wire.FrameBatcher;
import dev.dedalus.runtime.wire.FrameSink;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A back node's agent driven by the test thread (no agent thread, a manual clock), a tiny outbox
 * and the smallest term, replying to a client that is absent or does not poll: neither stops the
 * agent taking input; what the agent kept for such a client (an outbox's worth at most) is
 * delivered if it connects or reads again within the client wait, and dropped and counted after it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BackPressureTest {
  private static final int TERM = 64 * 1024;
  private static final int OUTBOX = 4;
  private static final Location CLIENT = Location.of(Topology.FIRST_CLIENT_ID);

  private final EchoProgram program = new EchoProgram();
  private final Topology topology = Topology.builder(program).build();
  private final Topology.Node back = topology.nodes().get(1);
  private final AtomicLong now = new AtomicLong(1_000);
  private final EndpointSettings settings = new EndpointSettings(1024, OUTBOX, 8, 5_000, 1_000, 10_000, now::get);
  private final AeronMedia media = AeronMedia.launchEmbedded(TERM);
  private final PublicationRegistry publications = new PublicationRegistry(media.aeron(), ChannelMap.ipc());
  private final Subscription backSubscription = subscribe(back.location());
  private final StageAgent agent = new StageAgent(back, topology.newStage(back), program, backSubscription, publications, settings);
  private final Feeder feeder = new Feeder(publications.channels().endpointOf(back.location()));
  private ClientEndpoint client;

  @AfterEach
  void close() {
    CloseHelper.closeAll(client, feeder, publications, backSubscription, media);
  }

  private Subscription subscribe(Location location) {
    ChannelMap.Endpoint e = ChannelMap.ipc().endpointOf(location);
    return media.aeron().addSubscription(e.channel(), e.streamId());
  }

  private ClientEndpoint openClient() {
    return new ClientEndpoint(CLIENT, program, subscribe(CLIENT), publications, settings, NoOpIdleStrategy.INSTANCE, () -> {});
  }

  private long counter(Counter c) {
    return agent.counters().get(c);
  }

  private void step() {
    feeder.pump();
    agent.doWork();
  }

  @Test
  void anAbsentClientDoesNotStopInputAndGetsTheFramesKeptForItIfItConnectsInTime() {
    int facts = 2_000;
    feeder.enqueue(facts);
    Await.driving(this::step, () -> counter(Counter.FACTS_RECEIVED) == facts, () -> agent.counters().toString());
    // Replies to an unconnected client never stopped the node's input: it kept at most an outbox's
    // worth of frames for the client (the clock stands still, within the client connect wait) and
    // counted the rest as dropped.
    assertThat(counter(Counter.NOT_CONNECTED_EVENTS)).isGreaterThan(0);
    assertThat(counter(Counter.OUTBOX_FULL_CYCLES)).isEqualTo(0);
    assertThat(agent.pendingFrames()).isAtMost(OUTBOX);
    assertThat(agent.pendingFrames()).isGreaterThan(0);
    long dropped = counter(Counter.FACTS_DROPPED);
    assertThat(dropped).isGreaterThan(0L);
    assertThat(counter(Counter.FACTS_DROPPED_UNCONNECTED)).isEqualTo(dropped);
    assertThat(counter(Counter.FRAMES_SENT)).isEqualTo(0);

    // The client connects within the wait: every reply that was kept reaches it.
    client = openClient();
    Set<Long> replies = collect((int) (facts - dropped));
    assertThat(replies).hasSize((int) (facts - dropped));
    assertThat(counter(Counter.FACTS_SENT)).isEqualTo(facts - dropped);
    assertThat(agent.pendingFrames()).isEqualTo(0);
  }

  /**
   * A client that stays connected but stops reading (its stream fills up) does not slow the node:
   * the node keeps taking input, keeps at most an outbox's worth of frames for that client while the
   * clock stands still, and drops and counts the rest; when the client reads again it gets what was
   * kept. If it stops reading for longer than the client wait, what waits for it is dropped too.
   */
  @Test
  void aClientThatStopsReadingDoesNotSlowTheNodeAndLosesOnlyWhatWasNotKept() {
    client = openClient();
    int facts = 6_000; // ~140 KiB of replies: more than the 64 KiB term holds
    feeder.enqueue(facts);
    Await.driving(this::step, () -> counter(Counter.FACTS_RECEIVED) == facts, () -> agent.counters().toString());
    assertThat(counter(Counter.BACK_PRESSURE_EVENTS)).isGreaterThan(0);
    assertThat(counter(Counter.OUTBOX_FULL_CYCLES)).isEqualTo(0);
    assertThat(agent.pendingFrames()).isAtMost(OUTBOX);
    long dropped = counter(Counter.FACTS_DROPPED);
    assertThat(dropped).isGreaterThan(0L);
    assertThat(counter(Counter.FACTS_DROPPED_UNREAD)).isEqualTo(dropped);
    assertThat(counter(Counter.FACTS_DROPPED_UNCONNECTED)).isEqualTo(0);

    // Reading again, within the wait: every reply that was not dropped arrives.
    Set<Long> replies = collect((int) (facts - dropped));
    assertThat(replies).hasSize((int) (facts - dropped));
    assertThat(agent.pendingFrames()).isEqualTo(0);

    // It stops reading for longer than the client wait: what waited for it is dropped as unread.
    feeder.enqueue(facts);
    Await.driving(this::step, () -> counter(Counter.FACTS_RECEIVED) == 2L * facts && agent.pendingFrames() > 0,
        () -> agent.counters().toString());
    now.addAndGet(settings.clientConnectWaitMillis());
    agent.doWork(); // the first refusal after the wait starts nothing new: it drops
    agent.doWork();
    assertThat(agent.pendingFrames()).isEqualTo(0);
    assertThat(counter(Counter.FACTS_SENT) + counter(Counter.FACTS_DROPPED)).isEqualTo(2L * facts);
    assertThat(counter(Counter.FACTS_DROPPED_UNREAD)).isEqualTo(counter(Counter.FACTS_DROPPED));
    assertThat(counter(Counter.OUTBOX_FULL_CYCLES)).isEqualTo(0);
  }

  /**
   * Requests whose reply address nobody listens on (a client that closed early, a forged address),
   * ten outboxes' worth of distinct ones, among a live client's, while the clock stands still: the
   * node keeps taking input and answering the live client; the replies to the dead addresses wait,
   * each for its destination alone, only for the client connect wait, then are dropped and counted.
   */
  @Test
  void liveRepliesDoNotWaitBehindUnreachableClientsWhoseRepliesAreDroppedAndCounted() {
    client = openClient();
    Set<Long> replies = new HashSet<>();
    Runnable stepAndPoll = () -> {
      step();
      client.poll((relationId, fact) -> assertThat(replies.add(((Reply) fact).id())).isTrue(), 16);
    };
    feeder.send(CLIENT, 0); // the live client is connected before the dead addresses appear
    Await.driving(stepAndPoll, () -> replies.contains(0L), () -> agent.counters().toString());

    int unreachable = 10 * OUTBOX;
    long id = 1;
    for (int i = 0; i < unreachable; i++) {
      feeder.send(Location.of(Topology.FIRST_CLIENT_ID + 1_000 + i), 1_000_000 + i);
      for (int j = 0; j < 5; j++) {
        feeder.send(CLIENT, id++);
      }
    }
    long live = id;
    Await.driving(stepAndPoll, () -> replies.size() == live,
        () -> replies.size() + " of " + live + " live replies; " + agent.counters());
    assertThat(counter(Counter.FACTS_RECEIVED)).isEqualTo(live + unreachable);
    assertThat(counter(Counter.OUTBOX_FULL_CYCLES)).isEqualTo(0);
    assertThat(counter(Counter.FACTS_SENT)).isEqualTo(live);
    assertThat(agent.pendingFrames()).isEqualTo(unreachable); // one reply per dead address, waiting
    assertThat(counter(Counter.FACTS_DROPPED)).isEqualTo(0);

    now.addAndGet(settings.clientConnectWaitMillis());
    stepAndPoll.run();
    assertThat(agent.pendingFrames()).isEqualTo(0);
    assertThat(counter(Counter.FACTS_DROPPED)).isEqualTo(unreachable);
    assertThat(counter(Counter.FACTS_DROPPED_UNCONNECTED)).isEqualTo(unreachable);

    // The dead addresses are forgotten: no publication is kept for any of them.
    assertThat(publications.size()).isEqualTo(1);

    // A later reply to a dead address waits again, for it alone; the live client is still answered.
    feeder.send(Location.of(Topology.FIRST_CLIENT_ID + 1_000), 2_000_000);
    feeder.send(CLIENT, live);
    Await.driving(stepAndPoll, () -> replies.contains(live) && agent.pendingFrames() == 1, () -> agent.counters().toString());
    now.addAndGet(settings.clientConnectWaitMillis());
    stepAndPoll.run();
    stepAndPoll.run();
    assertThat(agent.pendingFrames()).isEqualTo(0);
    assertThat(counter(Counter.FACTS_DROPPED_UNCONNECTED)).isEqualTo(unreachable + 1);
    assertThat(publications.size()).isEqualTo(1);
  }

  @Test
  void framesToAClientUnconnectedLongerThanItsWaitAreDroppedAndCounted() {
    int facts = 100;
    feeder.enqueue(facts);
    Await.driving(this::step, () -> counter(Counter.FACTS_RECEIVED) == facts && counter(Counter.NOT_CONNECTED_EVENTS) > 0,
        () -> agent.counters().toString());
    assertThat(agent.pendingFrames()).isGreaterThan(0);

    now.addAndGet(settings.clientConnectWaitMillis());
    agent.doWork();

    assertThat(agent.pendingFrames()).isEqualTo(0);
    assertThat(counter(Counter.FACTS_DROPPED)).isEqualTo(facts);
    assertThat(counter(Counter.FACTS_SENT)).isEqualTo(0);
  }

  @Test
  void dropsBeyondTheLogThrottleAreCountedButNotPutIntoWords() {
    EndpointCounters counters = new EndpointCounters("dropper");
    Outbox outbox = new Outbox("dropper", publications, counters, settings);
    UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
    outbox.onFrame(CLIENT, frame, 0, frame.capacity(), 2); // not connected yet: kept
    assertThat(outbox.pendingFrames()).isEqualTo(1);
    assertThat(outbox.dropMessages()).isEqualTo(0);

    now.addAndGet(settings.clientConnectWaitMillis()); // the client is gone: its frames are dropped
    outbox.drain();
    assertThat(outbox.pendingFrames()).isEqualTo(0);
    assertThat(counters.get(Counter.FACTS_DROPPED)).isEqualTo(2);
    assertThat(outbox.dropMessages()).isEqualTo(1); // the first drop is logged

    // The gone client was forgotten: new frames for it wait again, a capacity's worth, and the
    // rest are dropped.
    for (int i = 0; i < 1_000; i++) {
      outbox.onFrame(CLIENT, frame, 0, frame.capacity(), 2);
    }
    assertThat(outbox.pendingFrames()).isEqualTo(OUTBOX);
    assertThat(counters.get(Counter.FACTS_DROPPED)).isEqualTo(2 + 2 * (1_000 - OUTBOX));
    assertThat(outbox.dropMessages()).isEqualTo(1); // throttled: counted, never formatted

    now.addAndGet(1_000); // a second later the throttle lets one through again
    outbox.onFrame(CLIENT, frame, 0, frame.capacity(), 2);
    assertThat(counters.get(Counter.FACTS_DROPPED)).isEqualTo(2 + 2 * (1_001 - OUTBOX));
    assertThat(outbox.dropMessages()).isEqualTo(2);
  }

  @Test
  void aTicksSendsWaitForItsCommitAndAFailedCommitSendsNothing() {
    client = openClient();
    int[] commits = new int[1];
    long[] sentAtCommit = new long[] {-1};
    StageAgent[] logged = new StageAgent[1];
    DurableLog failing = new DurableLog() {
      @Override
      public <T> void append(RelationCodec<T> codec, T fact) {}

      @Override
      public <T> void erase(RelationCodec<T> codec, T fact) {}

      @Override
      public int commit() {
        commits[0]++;
        sentAtCommit[0] = logged[0].counters().get(Counter.FRAMES_SENT);
        throw new IllegalStateException("disk full");
      }

      @Override
      public void recover(dev.dedalus.runtime.wire.FactConsumer sink) {}

      @Override
      public void close() {}
    };
    logged[0] = new StageAgent(back, topology.newStage(back), failing, program, backSubscription, publications, settings,
        new EndpointCounters(back.toString()));
    feeder.enqueue(20);
    Await.driving(() -> {
      feeder.pump();
      logged[0].doWork();
    }, () -> logged[0].failed(), () -> logged[0].counters().toString());
    // The first tick committed before anything left: nothing was sent when the commit ran, and
    // nothing after it failed; the tick's replies were dropped and counted, and the node stopped.
    assertThat(commits[0]).isEqualTo(1);
    assertThat(sentAtCommit[0]).isEqualTo(0);
    for (int i = 0; i < 100; i++) {
      feeder.pump();
      logged[0].doWork();
    }
    assertThat(logged[0].counters().get(Counter.FRAMES_SENT)).isEqualTo(0);
    assertThat(logged[0].counters().get(Counter.FACTS_DROPPED)).isGreaterThan(0L);
  }

  /** Drives feeder, agent and client until the client has a reply for each of {@code facts} ids. */
  private Set<Long> collect(int facts) {
    Set<Long> ids = new HashSet<>();
    FactHandler handler = (relationId, fact) -> assertThat(ids.add(((Reply) fact).id())).isTrue();
    Await.driving(() -> {
      step();
      client.poll(handler, 16);
    }, () -> ids.size() == facts, () -> ids.size() + " replies; " + agent.counters() + "; " + client.counters());
    return ids;
  }

  /** Publishes Forward facts to the back node, in frames of 10, as fast as the stream takes them. */
  private final class Feeder implements FrameSink, AutoCloseable {
    private final ExclusivePublication publication;
    private final ArrayDeque<UnsafeBuffer> frames = new ArrayDeque<>();

    Feeder(ChannelMap.Endpoint endpoint) {
      publication = media.aeron().addExclusivePublication(endpoint.channel(), endpoint.streamId());
    }

    void enqueue(int count) {
      FrameBatcher batcher = new FrameBatcher(Location.of(1), 1024, this);
      for (int i = 0; i < count; i++) {
        batcher.send(back.location(), EchoProgram.FORWARD, new Forward(CLIENT, i, "forward-" + i, i % 3 == 0));
        if (i % 10 == 9) {
          batcher.flush();
        }
      }
      batcher.flush();
    }

    /** One Forward, in a frame of its own, to be answered at {@code replyTo}. */
    void send(Location replyTo, long id) {
      FrameBatcher batcher = new FrameBatcher(Location.of(1), 1024, this);
      batcher.send(back.location(), EchoProgram.FORWARD, new Forward(replyTo, id, "forward-" + id, false));
      batcher.flush();
    }

    void pump() {
      while (!frames.isEmpty() && publication.offer(frames.peekFirst()) > 0) {
        frames.pollFirst();
      }
    }

    @Override
    public void onFrame(Location destination, DirectBuffer buffer, int offset, int length, int factCount) {
      byte[] copy = new byte[length];
      buffer.getBytes(offset, copy);
      frames.addLast(new UnsafeBuffer(copy));
    }

    @Override
    public void onOversizedFact(Location destination, RelationCodec<?> codec, int encodedLength) {
      throw new AssertionError("oversized");
    }

    @Override
    public void close() {
      publication.close();
    }
  }
}
