package dev.dedalus.runtime.wire;

import static com.google.common.truth.Truth.assertThat;
import static dev.dedalus.runtime.wire.FrameFormat.*;

import dev.dedalus.Location;
import dev.dedalus.runtime.wire.EchoProgram.Forward;
import dev.dedalus.runtime.wire.EchoProgram.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad frame is rejected whole, with its reason, and delivers nothing; no bytes make
 * the decoder throw.
 */
class MalformedFrameTest {
  private static final Request R1 = new Request(Location.of(1_000_001), 11, "first", true);
  private static final Request R2 = new Request(Location.of(1_000_002), 12, "second", false);
  private static final Forward F1 = new Forward(Location.of(1_000_003), 13, "third", true);

  private final EchoProgram program = new EchoProgram();
  private final FrameDecoder decoder = new FrameDecoder(program);

  /** A valid frame: a section of two requests, then a section of one forward. */
  private static byte[] validFrame() {
    CapturingSink sink = new CapturingSink();
    FrameBatcher batcher = new FrameBatcher(Location.of(5), 4096, sink);
    batcher.send(Location.of(1), EchoProgram.REQUEST, R1);
    batcher.send(Location.of(1), EchoProgram.REQUEST, R2);
    batcher.send(Location.of(1), EchoProgram.FORWARD, F1);
    batcher.flush();
    return sink.frames.get(0).bytes().byteArray();
  }

  private static final int SECTION1 = HEADER_LENGTH;
  private static final int R1_AT = SECTION1 + SECTION_HEADER_LENGTH;
  private static final int R1_LENGTH = EchoProgram.REQUEST.encodedLength(R1);
  private static final int SECTION2 = R1_AT + R1_LENGTH + EchoProgram.REQUEST.encodedLength(R2);

  /** Decodes a mutated copy of the valid frame and checks it is rejected with nothing delivered. */
  private void assertRejected(FrameStatus expected, Consumer<UnsafeBuffer> mutation) {
    assertRejected(expected, validFrame().length, mutation);
  }

  private void assertRejected(FrameStatus expected, int length, Consumer<UnsafeBuffer> mutation) {
    UnsafeBuffer frame = new UnsafeBuffer(new byte[Math.max(length, validFrame().length)]);
    frame.putBytes(0, validFrame());
    mutation.accept(frame);
    assertThat(decoder.decode(frame, 0, length)).isEqualTo(expected);
    assertThat(decoder.size()).isEqualTo(0);
    List<Object> delivered = new ArrayList<>();
    assertThat(decoder.deliverTo((id, fact) -> delivered.add(fact))).isEqualTo(0);
    assertThat(delivered).isEmpty();
  }

  @Test
  void theValidFrameDecodes() {
    byte[] bytes = validFrame();
    assertThat(decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length)).isEqualTo(FrameStatus.VALID);
    List<Object> delivered = new ArrayList<>();
    assertThat(decoder.deliverTo((id, fact) -> delivered.add(fact))).isEqualTo(0);
    assertThat(delivered).containsExactly(R1, R2, F1).inOrder();
    assertThat(SECTION2 + SECTION_HEADER_LENGTH + EchoProgram.FORWARD.encodedLength(F1) + CRC32C_TRAILER_LENGTH)
        .isEqualTo(bytes.length);
  }

  @Test
  void headerProblems() {
    assertRejected(FrameStatus.BAD_MAGIC, f -> f.putInt(MAGIC_OFFSET, 0xDEADBEEF, ORDER));
    assertRejected(FrameStatus.BAD_VERSION, f -> f.putShort(VERSION_OFFSET, (short) 1, ORDER));
    assertRejected(FrameStatus.BAD_VERSION, f -> f.putShort(VERSION_OFFSET, (short) 3, ORDER));
    assertRejected(FrameStatus.BAD_FLAGS, f -> f.putShort(FLAGS_OFFSET, (short) 2, ORDER));
    // A MAC frame must be long enough for its 16-byte trailer.
    assertRejected(FrameStatus.TRUNCATED, HEADER_LENGTH + 10, f -> f.putShort(FLAGS_OFFSET, FLAG_MAC, ORDER));
    assertRejected(FrameStatus.TRUNCATED, 10, f -> {});
    assertRejected(FrameStatus.TRUNCATED, 0, f -> {});
    assertRejected(FrameStatus.BAD_SECTION_COUNT, f -> f.putInt(SECTION_COUNT_OFFSET, 0, ORDER));
    assertRejected(FrameStatus.BAD_SECTION_COUNT, f -> f.putInt(SECTION_COUNT_OFFSET, -1, ORDER));
    assertRejected(FrameStatus.BAD_SECTION_COUNT, f -> f.putInt(SECTION_COUNT_OFFSET, Integer.MAX_VALUE, ORDER));
  }

  @Test
  void lyingLengthsAndCounts() {
    int length = validFrame().length;
    // One more section than there is: the third section header would run past the end.
    assertRejected(FrameStatus.TRUNCATED, f -> f.putInt(SECTION_COUNT_OFFSET, 3, ORDER));
    // The frame cut short: the last body runs past the end.
    assertRejected(FrameStatus.BAD_LENGTH, length - 3, f -> {});
    assertRejected(FrameStatus.BAD_LENGTH, f -> f.putInt(SECTION1 + BODY_LENGTH_OFFSET, 1 << 20, ORDER));
    assertRejected(FrameStatus.BAD_LENGTH, f -> f.putInt(SECTION1 + BODY_LENGTH_OFFSET, -1, ORDER));
    // A body shorter than its facts: the second fact would read past the section.
    assertRejected(FrameStatus.MALFORMED_FACT, f -> f.putInt(SECTION1 + BODY_LENGTH_OFFSET, R1_LENGTH + 3, ORDER));
    // A body longer than its facts: bytes left in the section.
    assertRejected(FrameStatus.SECTION_NOT_CONSUMED, f -> f.putInt(SECTION1 + FACT_COUNT_OFFSET, 1, ORDER));
    assertRejected(FrameStatus.MALFORMED_FACT, f -> f.putInt(SECTION1 + FACT_COUNT_OFFSET, 3, ORDER));
    assertRejected(FrameStatus.BAD_FACT_COUNT, f -> f.putInt(SECTION1 + FACT_COUNT_OFFSET, 0, ORDER));
    assertRejected(FrameStatus.BAD_FACT_COUNT, f -> f.putInt(SECTION1 + FACT_COUNT_OFFSET, Integer.MAX_VALUE, ORDER));
    assertRejected(FrameStatus.BAD_FACT_COUNT, f -> f.putInt(SECTION2 + FACT_COUNT_OFFSET, MAX_FACTS_PER_FRAME, ORDER));
    // A string length inside a fact that lies (huge, negative, or past the section).
    int stringLengthAt = R1_AT + 16;
    assertRejected(FrameStatus.MALFORMED_FACT, f -> f.putInt(stringLengthAt, Integer.MAX_VALUE));
    assertRejected(FrameStatus.MALFORMED_FACT, f -> f.putInt(stringLengthAt, -5));
    assertRejected(FrameStatus.MALFORMED_FACT, f -> f.putInt(stringLengthAt, 200));
  }

  @Test
  void unknownRelationsAndSchemas() {
    assertRejected(FrameStatus.UNKNOWN_RELATION, f -> f.putInt(SECTION1 + RELATION_ID_OFFSET, 99, ORDER));
    assertRejected(FrameStatus.UNKNOWN_RELATION, f -> f.putInt(SECTION1 + RELATION_ID_OFFSET, -1, ORDER));
    assertRejected(FrameStatus.SCHEMA_MISMATCH, f -> f.putInt(SECTION1 + SCHEMA_HASH_OFFSET, 12345, ORDER));
    // The first section is fine; a bad second one still rejects the whole frame.
    assertRejected(FrameStatus.SCHEMA_MISMATCH, f -> f.putInt(SECTION2 + SCHEMA_HASH_OFFSET, 12345, ORDER));
    assertRejected(FrameStatus.UNKNOWN_RELATION, f -> f.putInt(SECTION2 + RELATION_ID_OFFSET, 3, ORDER));
  }

  @Test
  void badFactBytes() {
    int booleanAt = R1_AT + R1_LENGTH - 1;
    assertRejected(FrameStatus.MALFORMED_FACT, f -> f.putByte(booleanAt, (byte) 2));
    assertRejected(FrameStatus.MALFORMED_FACT, f -> f.putByte(booleanAt, (byte) -1));
  }

  @Test
  void trailingBytes() {
    int length = validFrame().length;
    assertRejected(FrameStatus.TRAILING_BYTES, length + 1, f -> {});
    assertRejected(FrameStatus.TRAILING_BYTES, length + 40, f -> f.putInt(length, MAGIC, ORDER));
  }

  @Test
  void aFrameInTheMiddleOfABufferDecodes() {
    byte[] frame = validFrame();
    UnsafeBuffer buffer = new UnsafeBuffer(new byte[frame.length + 64]);
    buffer.setMemory(0, buffer.capacity(), (byte) 0x55);
    buffer.putBytes(32, frame);
    assertThat(decoder.decode(buffer, 32, frame.length)).isEqualTo(FrameStatus.VALID);
    assertThat(decoder.size()).isEqualTo(3);
  }

  @Test
  void randomCorruptionNeverThrowsAndNeverDeliversPartFrames() {
    Random random = new Random(20_261_124L);
    byte[] valid = validFrame();
    int valids = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes;
      int length;
      if (i % 4 == 0) {
        length = random.nextInt(200);
        bytes = new byte[length];
        random.nextBytes(bytes);
        if (length >= 4 && random.nextBoolean()) {
          new UnsafeBuffer(bytes).putInt(0, MAGIC, ORDER);
        }
      } else {
        bytes = valid.clone();
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        length = random.nextInt(10) == 0 ? random.nextInt(bytes.length + 1) : bytes.length;
      }
      FrameStatus status = decoder.decode(new UnsafeBuffer(bytes), 0, length);
      if (status == FrameStatus.VALID) {
        valids++;
        assertThat(decoder.size()).isEqualTo(3); // only a flip inside a value can still be valid
      } else {
        assertThat(decoder.size()).isEqualTo(0);
      }
      decoder.clear();
    }
    assertThat(valids).isLessThan(20_000);
  }
}
