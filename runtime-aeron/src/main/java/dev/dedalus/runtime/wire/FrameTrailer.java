package dev.dedalus.runtime.wire;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The check a frame ends with, computed over every byte before it, header included: written once
 * when a frame is finished ({@link #write}) and checked before anything in a received frame is
 * trusted ({@link #verify}). One instance per endpoint: it keeps its scratch state so that neither
 * side allocates per frame. Single-threaded.
 */
public abstract class FrameTrailer {
  /** The computed trailer. */
  private final byte[] computed;

  /**
   * A trailer of {@code length} bytes.
   *
   * @param length the trailer's length in bytes
   */
  protected FrameTrailer(int length) {
    this.computed = new byte[length];
  }

  /** {@return the flags a frame with this trailer carries ({@link FrameFormat#FLAGS_CRC32C} or {@link FrameFormat#FLAG_MAC})} */
  public abstract short flag();

  /** {@return the trailer's length in bytes} */
  public final int length() {
    return computed.length;
  }

  /**
   * Computes the trailer of {@code buffer[offset, offset + length)} into {@code out[0, length())}.
   * The buffer may be a heap buffer (a sender's) or a direct one (Aeron's term buffer).
   *
   * @param buffer holds the frame
   * @param offset where the frame starts
   * @param length how many bytes the trailer covers: the frame before its trailer
   * @param out receives the trailer, {@link #length()} bytes
   */
  protected abstract void compute(DirectBuffer buffer, int offset, int length, byte[] out);

  /**
   * Appends the trailer of {@code buffer[0, bodyLength)} at {@code bodyLength}.
   *
   * @param buffer holds the frame from offset 0, with room for the trailer after it
   * @param bodyLength the frame's length before its trailer
   */
  public final void write(MutableDirectBuffer buffer, int bodyLength) {
    compute(buffer, 0, bodyLength, computed);
    buffer.putBytes(bodyLength, computed);
  }

  /**
   * Whether the frame at {@code [offset, offset + bodyLength + length())} ends with the trailer of
   * its first {@code bodyLength} bytes. Compares in constant time, so timing tells a forger nothing
   * about how much of a guess was right.
   *
   * @param buffer holds the frame
   * @param offset where the frame starts
   * @param bodyLength the frame's length before its trailer
   * @return true if the trailer is the one the frame's bytes give
   */
  public final boolean verify(DirectBuffer buffer, int offset, int bodyLength) {
    compute(buffer, offset, bodyLength, computed);
    int difference = 0;
    for (int i = 0; i < computed.length; i++) {
      difference |= computed[i] ^ buffer.getByte(offset + bodyLength + i);
    }
    return difference == 0;
  }

  /** Never shows key material: only what kind of trailer this is. */
  @Override
  public String toString() {
    return getClass().getSimpleName();
  }
}
