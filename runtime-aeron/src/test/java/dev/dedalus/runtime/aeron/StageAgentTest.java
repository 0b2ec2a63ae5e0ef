package dev.dedalus.runtime.aeron;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.wire.EchoProgram;
import io.aeron.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** When a stage agent ticks, and that it reports no work when there is none. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StageAgentTest {
  private final EchoProgram program = new EchoProgram();
  private final Topology topology = Topology.builder(program).build();
  private final AtomicLong now = new AtomicLong(100);
  private final AeronMedia media = AeronMedia.launchEmbedded(64 * 1024);
  private final PublicationRegistry publications = new PublicationRegistry(media.aeron(), ChannelMap.ipc());
  private final ChannelMap.Endpoint endpoint = ChannelMap.ipc().endpointOf(topology.nodes().get(0).location());
  private final Subscription subscription = media.aeron().addSubscription(endpoint.channel(), endpoint.streamId());
  private final ScriptedStage stage = new ScriptedStage();
  private final StageAgent agent = new StageAgent(topology.nodes().get(0), stage, program, subscription, publications,
      new EndpointSettings(1024, 4, 8, 1_000, 1_000, 1_000, now::get), FrameSecurity.unkeyed(topology));

  @AfterEach
  void close() {
    CloseHelper.closeAll(publications, subscription, media);
  }

  /** A stage whose timer and "tick again" answers the test sets. */
  private static final class ScriptedStage implements Stage {
    final List<Long> tickTimes = new ArrayList<>();
    long nextTimer = Long.MAX_VALUE;
    int moreTicksWanted;

    @Override
    public String role() {
      return EchoProgram.FRONT;
    }

    @Override
    public boolean accept(int relationId, Object fact) {
      return false;
    }

    @Override
    public boolean tick(long nowMillis, Outbound out) {
      tickTimes.add(nowMillis);
      if (nowMillis >= nextTimer) {
        nextTimer = Long.MAX_VALUE;
      }
      return moreTicksWanted-- > 0;
    }

    @Override
    public boolean hasInput() {
      return false;
    }

    @Override
    public long nextTimerMillis() {
      return nextTimer;
    }
  }

  @Test
  void ticksOnceAtStartThenOnlyWhenAskedOrATimerIsDue() {
    assertThat(agent.doWork()).isGreaterThan(0);
    assertThat(stage.tickTimes).containsExactly(100L);

    assertThat(agent.doWork()).isEqualTo(0); // quiescent: no input, no timer, no tick asked for
    assertThat(agent.doWork()).isEqualTo(0);
    assertThat(stage.tickTimes).hasSize(1);

    stage.nextTimer = 150;
    now.set(149);
    assertThat(agent.doWork()).isEqualTo(0);
    now.set(150);
    assertThat(agent.doWork()).isGreaterThan(0);
    assertThat(stage.tickTimes).containsExactly(100L, 150L).inOrder();

    stage.moreTicksWanted = 2; // this tick and the next ask for one more
    now.set(160);
    stage.nextTimer = 160;
    agent.doWork();
    agent.doWork();
    agent.doWork();
    assertThat(agent.doWork()).isEqualTo(0);
    assertThat(stage.tickTimes).containsExactly(100L, 150L, 160L, 160L, 160L).inOrder();
    assertThat(agent.counters().get(Counter.TICKS)).isEqualTo(5);
  }
}
