package dev.dedalus.runtime;

/** A reusable read position and limit for decoding facts without allocation. */
public final class DecodeCursor {
  private int position;
  private int limit;

  public DecodeCursor reset(int position, int limit) {
    this.position = position;
    this.limit = limit;
    return this;
  }

  public int position() {
    return position;
  }

  public int limit() {
    return limit;
  }

  /** Returns the current position and advances past {@code length} bytes, checking the limit first. */
  public int take(int length) {
    if (length < 0 || length > limit - position) {
      throw MalformedFrameException.INSTANCE;
    }
    int at = position;
    position += length;
    return at;
  }
}
