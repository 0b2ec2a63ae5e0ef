package dev.dedalus.runtime.wire;

import dev.dedalus.Location;
import dev.dedalus.runtime.RelationCodec;
import org.agrona.DirectBuffer;

/** Where a {@link FrameBatcher} hands finished frames: a transport's outbox, or a test. */
public interface FrameSink {

  /**
   * Takes one finished frame for {@code destination}. The bytes are valid only during the call: the
   * batcher reuses the buffer afterwards, so a sink that cannot send them now must copy them.
   *
   * @param destination where the frame goes
   * @param buffer the buffer holding the frame
   * @param offset where the frame starts in {@code buffer}
   * @param length the frame's length in bytes
   * @param factCount the number of facts in the frame
   */
  void onFrame(Location destination, DirectBuffer buffer, int offset, int length, int factCount);

  /**
   * A fact too large for any frame at the configured size; it cannot be sent and must be counted.
   *
   * @param destination where the fact was to go
   * @param codec the codec of the fact's relation
   * @param encodedLength the fact's encoded length in bytes
   */
  void onOversizedFact(Location destination, RelationCodec<?> codec, int encodedLength);
}
