package dev.dedalus.runtime.eval;

import java.util.Arrays;

/**
 * A growable list of fact positions: the facts a kept carry drops in a tick, erased at its end.
 * Adding allocates nothing once the list has grown; {@link #clear()} is constant time.
 */
public final class Positions {
  private int[] positions = new int[16];
  private int size;

  /**
   * Appends a position, growing the list if it is full.
   *
   * @param position the position to remember
   */
  public void add(int position) {
    if (size == positions.length) {
      positions = Arrays.copyOf(positions, size * 2);
    }
    positions[size++] = position;
  }

  /** {@return how many positions the list holds} */
  public int size() {
    return size;
  }

  /**
   * The {@code i}th position added since the last {@link #clear()}. The index is not checked
   * against {@link #size()}: only {@code 0 .. size()-1} are meaningful.
   *
   * @param i the index, from 0
   * @return the position
   */
  public int get(int i) {
    return positions[i];
  }

  /** Empties the list, keeping its storage. */
  public void clear() {
    size = 0;
  }
}
