package dev.dedalus.runtime.wire;

import dev.dedalus.Location;
import dev.dedalus.runtime.RelationCodec;
import java.util.ArrayList;
import java.util.List;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/** Keeps copies of the frames a batcher hands over, and the oversized facts it reports. */
final class CapturingSink implements FrameSink {
  record Frame(Location destination, UnsafeBuffer bytes, int factCount) {
    int length() {
      return bytes.capacity();
    }
  }

  record Oversized(Location destination, String relation, int length) {}

  final List<Frame> frames = new ArrayList<>();
  final List<Oversized> oversized = new ArrayList<>();

  @Override
  public void onFrame(Location destination, DirectBuffer buffer, int offset, int length, int factCount) {
    byte[] copy = new byte[length];
    buffer.getBytes(offset, copy);
    frames.add(new Frame(destination, new UnsafeBuffer(copy), factCount));
  }

  @Override
  public void onOversizedFact(Location destination, RelationCodec<?> codec, int encodedLength) {
    oversized.add(new Oversized(destination, codec.relationName(), encodedLength));
  }
}
