package dev.dedalus.runtime.wire;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The check a frame ends with, computed over every byte before it, header included: written once
 * when a frame is finished ({@link #write}) and checked before anything in a received frame is
 * trusted ({@link #verify}). One instance per endpoint: it keeps scratch arrays so that neither side
 * allocates per frame. Single-threaded.
 */
public abstract class FrameTrailer {
  /** Frames in buffers without a heap array (Aeron's term buffers) are copied here first. */
  private byte[] scratch = new byte[0];
  /** The computed trailer. */
  private final byte[] computed;

  protected FrameTrailer(int length) {
    this.computed = new byte[length];
  }

  /** The flags a frame with this trailer carries ({@link FrameFormat#FLAGS_CRC32C} or {@link FrameFormat#FLAG_MAC}). */
  public abstract short flag();

  /** The trailer's length in bytes. */
  public final int length() {
    return computed.length;
  }

  /** Computes the trailer of {@code bytes[offset, offset + length)} into {@code out[0, length())}. */
  protected abstract void compute(byte[] bytes, int offset, int length, byte[] out);

  /** Appends the trailer of {@code buffer[0, bodyLength)} at {@code bodyLength}. */
  public final void write(MutableDirectBuffer buffer, int bodyLength) {
    computeOver(buffer, 0, bodyLength);
    buffer.putBytes(bodyLength, computed);
  }

  /**
   * Whether the frame at {@code [offset, offset + bodyLength + length())} ends with the trailer of
   * its first {@code bodyLength} bytes. Compares in constant time, so timing tells a forger nothing
   * about how much of a guess was right.
   */
  public final boolean verify(DirectBuffer buffer, int offset, int bodyLength) {
    computeOver(buffer, offset, bodyLength);
    int difference = 0;
    for (int i = 0; i < computed.length; i++) {
      difference |= computed[i] ^ buffer.getByte(offset + bodyLength + i);
    }
    return difference == 0;
  }

  private void computeOver(DirectBuffer buffer, int offset, int length) {
    byte[] array = buffer.byteArray();
    if (array != null) {
      compute(array, buffer.wrapAdjustment() + offset, length, computed);
      return;
    }
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, 2 * scratch.length)];
    }
    buffer.getBytes(offset, scratch, 0, length);
    compute(scratch, 0, length, computed);
  }

  /** Never shows key material: only what kind of trailer this is. */
  @Override
  public String toString() {
    return getClass().getSimpleName();
  }
}
