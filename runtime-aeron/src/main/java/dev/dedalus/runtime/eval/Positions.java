package dev.dedalus.runtime.eval;

import java.util.Arrays;

/**
 * A growable list of fact positions: the facts a kept carry drops in a tick, erased at its end.
 * Adding allocates nothing once the list has grown; {@link #clear()} is constant time.
 */
public final class Positions {
  private int[] positions = new int[16];
  private int size;

  public void add(int position) {
    if (size == positions.length) {
      positions = Arrays.copyOf(positions, size * 2);
    }
    positions[size++] = position;
  }

  public int size() {
    return size;
  }

  public int get(int i) {
    return positions[i];
  }

  public void clear() {
    size = 0;
  }
}
