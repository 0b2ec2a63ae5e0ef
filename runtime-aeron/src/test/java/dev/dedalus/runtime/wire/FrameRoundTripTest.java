package dev.dedalus.runtime.wire;

import static com.google.common.truth.Truth.assertThat;
import static dev.dedalus.runtime.wire.EchoProgram.FORWARD;
import static dev.dedalus.runtime.wire.EchoProgram.REPLY;
import static dev.dedalus.runtime.wire.EchoProgram.REQUEST;

import dev.dedalus.Location;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.wire.EchoProgram.Forward;
import dev.dedalus.runtime.wire.EchoProgram.Reply;
import dev.dedalus.runtime.wire.EchoProgram.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameRoundTripTest {
  private static final Location SENDER = Location.of(7);
  private static final Location A = Location.of(1);
  private static final Location B = Location.of(1_000_003);

  private final EchoProgram program = new EchoProgram();
  private final CapturingSink sink = new CapturingSink();

  /** Sends fact i of a repeating pattern: 3 requests, 2 forwards, 1 reply. */
  private Object send(FrameBatcher batcher, Location to, int i) {
    String body = i % 7 == 0 ? "héllo wörld " + i : "body-" + i;
    Object fact;
    switch (i % 6) {
      case 0, 1, 2 -> {
        Request r = new Request(Location.of(1_000_000 + i), i, body, i % 2 == 0);
        batcher.send(to, REQUEST, r);
        fact = r;
      }
      case 3, 4 -> {
        Forward f = new Forward(Location.of(i), -i, body, true);
        batcher.send(to, FORWARD, f);
        fact = f;
      }
      default -> {
        Reply r = new Reply(Long.MAX_VALUE - i, body, false);
        batcher.send(to, REPLY, r);
        fact = r;
      }
    }
    return fact;
  }

  private List<Object> decodeAll(List<CapturingSink.Frame> frames) {
    FrameDecoder decoder = new FrameDecoder(program);
    List<Object> facts = new ArrayList<>();
    for (CapturingSink.Frame frame : frames) {
      assertThat(decoder.decode(frame.bytes(), 0, frame.length())).isEqualTo(FrameStatus.VALID);
      assertThat(decoder.size()).isEqualTo(frame.factCount());
      assertThat(decoder.senderId()).isEqualTo(SENDER.id());
      for (int i = 0; i < decoder.size(); i++) {
        RelationCodec<?> codec = program.codec(decoder.relationId(i));
        assertThat(codec.type().isInstance(decoder.fact(i))).isTrue();
        facts.add(decoder.fact(i));
      }
    }
    return facts;
  }

  private static int sectionCount(CapturingSink.Frame frame) {
    return frame.bytes().getInt(FrameFormat.SECTION_COUNT_OFFSET, FrameFormat.ORDER);
  }

  @Test
  void manyFactsInManySectionsRoundTripInOrder() {
    FrameBatcher batcher = new FrameBatcher(SENDER, 64 * 1024, sink);
    List<Object> sent = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      sent.add(send(batcher, A, i));
    }
    assertThat(sink.frames).isEmpty(); // nothing leaves before the flush: it all fits one frame
    assertThat(batcher.flush()).isEqualTo(1);

    assertThat(sink.frames).hasSize(1);
    assertThat(sectionCount(sink.frames.get(0))).isEqualTo(3 * 200); // one section per run of a relation
    assertThat(decodeAll(sink.frames)).containsExactlyElementsIn(sent).inOrder();
  }

  @Test
  void consecutiveFactsOfOneRelationShareOneSection() {
    FrameBatcher batcher = new FrameBatcher(SENDER, 64 * 1024, sink);
    for (int i = 0; i < 100; i++) {
      batcher.send(A, REPLY, new Reply(i, "r", true));
    }
    batcher.flush();
    assertThat(sectionCount(sink.frames.get(0))).isEqualTo(1);
    assertThat(sink.frames.get(0).factCount()).isEqualTo(100);
  }

  @Test
  void eachDestinationGetsItsOwnFrames() {
    FrameBatcher batcher = new FrameBatcher(SENDER, 64 * 1024, sink);
    List<Object> toA = new ArrayList<>();
    List<Object> toB = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      (i % 3 == 0 ? toB : toA).add(send(batcher, i % 3 == 0 ? B : A, i));
    }
    batcher.flush();
    assertThat(sink.frames).hasSize(2);
    assertThat(sink.frames.get(0).destination()).isEqualTo(B); // fact 0 went to B: first written, first handed over
    assertThat(decodeAll(List.of(sink.frames.get(0)))).containsExactlyElementsIn(toB).inOrder();
    assertThat(decodeAll(List.of(sink.frames.get(1)))).containsExactlyElementsIn(toA).inOrder();
  }

  @Test
  void aFactThatDoesNotFitFinishesTheFrameAndStartsANewOne() {
    int maxFrameSize = 256;
    FrameBatcher batcher = new FrameBatcher(SENDER, maxFrameSize, sink);
    List<Object> sent = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      sent.add(send(batcher, A, i));
    }
    int beforeFlush = sink.frames.size();
    assertThat(beforeFlush).isGreaterThan(10); // full frames leave during the sends
    batcher.flush();
    assertThat(sink.frames).hasSize(beforeFlush + 1);
    for (CapturingSink.Frame frame : sink.frames) {
      assertThat(frame.length()).isAtMost(maxFrameSize);
      assertThat(frame.factCount()).isGreaterThan(0);
    }
    assertThat(decodeAll(sink.frames)).containsExactlyElementsIn(sent).inOrder();
  }

  @Test
  void aFactLargerThanAnyFrameIsReportedAndTheOthersStillGo() {
    FrameBatcher batcher = new FrameBatcher(SENDER, 128, sink);
    Reply small1 = new Reply(1, "a", true);
    Reply huge = new Reply(2, "x".repeat(500), true);
    Reply small2 = new Reply(3, "b", false);
    batcher.send(A, REPLY, small1);
    batcher.send(A, REPLY, huge);
    batcher.send(A, REPLY, small2);
    batcher.flush();

    assertThat(sink.oversized).containsExactly(new CapturingSink.Oversized(A, "Reply", REPLY.encodedLength(huge)));
    assertThat(decodeAll(sink.frames)).containsExactly(small1, small2).inOrder();
  }

  @Test
  void aFactThatExactlyFillsAFrameFits() {
    int maxFrameSize = 128;
    int room = FrameFormat.maxFactLength(maxFrameSize);
    Reply exact = new Reply(1, "y".repeat(room - 8 - 4 - 1), true);
    assertThat(REPLY.encodedLength(exact)).isEqualTo(room);
    FrameBatcher batcher = new FrameBatcher(SENDER, maxFrameSize, sink);
    batcher.send(A, REPLY, exact);
    batcher.flush();
    assertThat(sink.oversized).isEmpty();
    // Room for a MAC is kept; this frame is sealed with the shorter CRC32C.
    int crcFrame = maxFrameSize - FrameFormat.MAX_TRAILER_LENGTH + FrameFormat.CRC32C_TRAILER_LENGTH;
    assertThat(sink.frames.get(0).length()).isEqualTo(crcFrame);
    assertThat(decodeAll(sink.frames)).containsExactly(exact);
  }

  @Test
  void flushWithNothingSentHandsOverNothing() {
    FrameBatcher batcher = new FrameBatcher(SENDER, 1024, sink);
    assertThat(batcher.flush()).isEqualTo(0);
    batcher.send(A, REPLY, new Reply(1, "", false));
    batcher.flush();
    assertThat(batcher.flush()).isEqualTo(0);
    assertThat(sink.frames).hasSize(1);
  }
}
