package dev.dedalus.runtime;

/** A reusable read position and limit for decoding facts without allocation. */
public final class DecodeCursor {
  private int position;
  private int limit;

  /**
   * Points the cursor at a new region, to decode another fact or frame.
   *
   * @param position the offset of the first byte to read
   * @param limit the offset just past the last byte that may be read
   * @return this cursor
   */
  public DecodeCursor reset(int position, int limit) {
    this.position = position;
    this.limit = limit;
    return this;
  }

  /** {@return the offset of the next byte to read} */
  public int position() {
    return position;
  }

  /** {@return the offset just past the last byte that may be read} */
  public int limit() {
    return limit;
  }

  /**
   * Returns the current position and advances past {@code length} bytes, checking the limit first.
   *
   * @param length the number of bytes to take
   * @return the offset of the first byte taken
   * @throws MalformedFrameException if {@code length} is negative or more bytes than remain before the
   *     limit; the position is then unchanged
   */
  public int take(int length) {
    if (length < 0 || length > limit - position) {
      throw MalformedFrameException.INSTANCE;
    }
    int at = position;
    position += length;
    return at;
  }
}
