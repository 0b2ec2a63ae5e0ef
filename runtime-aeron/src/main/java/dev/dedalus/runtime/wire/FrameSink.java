package dev.dedalus.runtime.wire;

import dev.dedalus.Location;
import dev.dedalus.runtime.RelationCodec;
import org.agrona.DirectBuffer;

/** Where a {@link FrameBatcher} hands finished frames: a transport's outbox, or a test. */
public interface FrameSink {

  /**
   * Takes one finished frame for {@code destination}. The bytes are valid only during the call: the
   * batcher reuses the buffer afterwards, so a sink that cannot send them now must copy them.
   */
  void onFrame(Location destination, DirectBuffer buffer, int offset, int length, int factCount);

  /** A fact too large for any frame at the configured size; it cannot be sent and must be counted. */
  void onOversizedFact(Location destination, RelationCodec<?> codec, int encodedLength);
}
