package dev.dedalus.protocols.semantics;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.runtime.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tick sends each head fact once per destination, however many derivations or rules give it. */
class ProjectionTest {
  private final StageDriver front = new StageDriver(Topology.builder(Projection_Program.INSTANCE).build(), "Front");

  @Test
  void aFactTwoDerivationsGiveIsSentOnce() {
    front.deliver(new Projection.Hello(StageDriver.CLIENT, 1, 7))
        .deliver(new Projection.Hello(StageDriver.CLIENT, 2, 7))
        .deliver(new Projection.Hello(StageDriver.CLIENT, 3, 8));
    List<StageDriver.Sent> sent = front.tick(0);
    assertThat(sent.stream().map(StageDriver.Sent::fact).filter(Projection.Known.class::isInstance).toList())
        .containsExactly(new Projection.Known(7), new Projection.Known(8));
    assertThat(sent.stream().map(StageDriver.Sent::fact).filter(Projection.Seen.class::isInstance).toList())
        .containsExactly(new Projection.Seen(7, 1), new Projection.Seen(7, 2), new Projection.Seen(8, 3));
  }

  @Test
  void theNextTickMaySendItAgain() {
    front.deliver(new Projection.Hello(StageDriver.CLIENT, 1, 7));
    assertThat(front.tickAndCollect(0, Projection.Known.class)).containsExactly(new Projection.Known(7));
    front.deliver(new Projection.Hello(StageDriver.CLIENT, 2, 7));
    assertThat(front.tickAndCollect(1, Projection.Known.class)).containsExactly(new Projection.Known(7));
  }
}
