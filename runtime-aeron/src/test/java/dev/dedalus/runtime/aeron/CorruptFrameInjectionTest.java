package dev.dedalus.runtime.aeron;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.Location;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.wire.EchoProgram;
import dev.dedalus.runtime.wire.FrameBatcher;
import dev.dedalus.runtime.wire.FrameFormat;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Raw bytes published on a node's own channel and stream, from another Aeron client, are counted
 * and dropped; the node keeps serving.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CorruptFrameInjectionTest {

  @Test
  void corruptFramesAreCountedAndDroppedAndTheRunCompletes() {
    Topology topology = Topology.builder(new EchoProgram()).instances(EchoProgram.BACK, 2).build();
    try (LocalCluster cluster = LocalCluster.start(topology, LocalCluster.Options.defaults().withThreads(1));
        Aeron intruder = Aeron.connect(new Aeron.Context().aeronDirectoryName(cluster.aeronDirectory()))) {
      Location front = cluster.inputLocation(EchoProgram.Request.class, 0);
      ChannelMap.Endpoint endpoint = cluster.channelMap().endpointOf(front);
      try (ExclusivePublication raw = intruder.addExclusivePublication(endpoint.channel(), endpoint.streamId())) {
        List<UnsafeBuffer> bad = badFrames();
        for (UnsafeBuffer frame : bad) {
          Await.until(() -> raw.offer(frame, 0, frame.capacity()) > 0, () -> "could not publish the bad frame");
        }
        // A valid frame of a relation the front role does not receive: delivered, then refused.
        UnsafeBuffer refused = replyFrame();
        Await.until(() -> raw.offer(refused, 0, refused.capacity()) > 0, () -> "could not publish");

        assertThat(EchoClient.run(cluster, 0, 1_000)).isEqualTo(1_000);

        EndpointCounters counters = cluster.counters(front);
        // Bytes that are no frame of this version are bad; frames changed after sealing fail their CRC32C.
        Await.until(() -> counters.get(Counter.FRAMES_DROPPED_BAD) == 3
            && counters.get(Counter.FRAMES_DROPPED_UNAUTHENTICATED) == bad.size() - 3
            && counters.get(Counter.FACTS_REFUSED) == 2, cluster::report);
        assertThat(counters.get(Counter.FACTS_RECEIVED)).isEqualTo(1_000 + 2);
      }
    }
  }

  /**
   * Garbage, a wrong magic, a frame larger than an MTU (bad: not frames of this version), a truncated
   * frame and an unknown relation (whose CRC32C no longer matches).
   */
  private static List<UnsafeBuffer> badFrames() {
    List<UnsafeBuffer> frames = new ArrayList<>();
    Random random = new Random(7);
    byte[] garbage = new byte[100];
    random.nextBytes(garbage);
    frames.add(new UnsafeBuffer(garbage));

    UnsafeBuffer wrongMagic = new UnsafeBuffer(replyFrame().byteArray().clone());
    wrongMagic.putInt(FrameFormat.MAGIC_OFFSET, 0x12345678, FrameFormat.ORDER);
    frames.add(wrongMagic);

    byte[] valid = replyFrame().byteArray();
    byte[] truncated = new byte[valid.length - 5];
    System.arraycopy(valid, 0, truncated, 0, truncated.length);
    frames.add(new UnsafeBuffer(truncated));

    UnsafeBuffer unknown = new UnsafeBuffer(valid.clone());
    unknown.putInt(FrameFormat.HEADER_LENGTH + FrameFormat.RELATION_ID_OFFSET, 42, FrameFormat.ORDER);
    frames.add(unknown);

    byte[] big = new byte[5_000]; // arrives in fragments; the assembler must rebuild it before it is judged
    random.nextBytes(big);
    new UnsafeBuffer(big).putInt(0, FrameFormat.MAGIC, FrameFormat.ORDER);
    frames.add(new UnsafeBuffer(big));
    return frames;
  }

  /** A valid frame of two replies, from a back node (the topology knows it) to the front node. */
  private static UnsafeBuffer replyFrame() {
    UnsafeBuffer[] out = new UnsafeBuffer[1];
    FrameBatcher batcher = new FrameBatcher(Location.of(2), 1024, new dev.dedalus.runtime.wire.FrameSink() {
      @Override
      public void onFrame(Location destination, org.agrona.DirectBuffer buffer, int offset, int length, int factCount) {
        byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        out[0] = new UnsafeBuffer(copy);
      }

      @Override
      public void onOversizedFact(Location destination, dev.dedalus.runtime.RelationCodec<?> codec, int encodedLength) {
        throw new AssertionError();
      }
    });
    batcher.send(Location.of(1), EchoProgram.REPLY, new EchoProgram.Reply(1, "not for front", true));
    batcher.send(Location.of(1), EchoProgram.REPLY, new EchoProgram.Reply(2, "nor this", false));
    batcher.flush();
    return out[0];
  }
}
