package dev.dedalus.runtime;

import dev.dedalus.Location;
import java.util.Arrays;

/**
 * Hashing for generated indexes and, later, partition routing: a stable, well-mixed 32-bit hash
 * built column by column, without boxing. The same values hash the same in every JVM.
 */
public final class Hashing {
  private static final int SEED = 0x9747b28c;

  private Hashing() {}

  /**
   * The state to start a hash from. Hash a key as {@code finish(add(add(start(), a), b))}, one
   * {@code add} per column in order.
   *
   * @return the fixed seed
   */
  public static int start() {
    return SEED;
  }

  /**
   * Mixes an {@code int} column into a running hash.
   *
   * @param h the running hash, from {@link #start()} or a previous {@code add}
   * @param v the column's value
   * @return the new running hash
   */
  public static int add(int h, int v) {
    return mixInto(h, v);
  }

  /**
   * Mixes a {@code long} column into a running hash, low 32 bits first, then high.
   *
   * @param h the running hash
   * @param v the column's value
   * @return the new running hash
   */
  public static int add(int h, long v) {
    return mixInto(mixInto(h, (int) v), (int) (v >>> 32));
  }

  /**
   * Mixes a {@code double} column into a running hash by its bits, with {@code -0.0} hashed as
   * {@code 0.0} (rules treat them as equal).
   *
   * @param h the running hash
   * @param v the column's value
   * @return the new running hash
   */
  public static int add(int h, double v) {
    return add(h, Double.doubleToLongBits(v == 0.0 ? 0.0 : v)); // -0.0 equals 0.0 in rules
  }

  /**
   * Mixes a {@code boolean} column into a running hash.
   *
   * @param h the running hash
   * @param v the column's value
   * @return the new running hash
   */
  public static int add(int h, boolean v) {
    return mixInto(h, v ? 1231 : 1237);
  }

  /**
   * Mixes a {@code String} column into a running hash. Strings hash by content; the JDK caches
   * {@code String.hashCode()}, which is stable by spec.
   *
   * @param h the running hash
   * @param v the column's value; not null
   * @return the new running hash
   */
  public static int add(int h, String v) {
    return mixInto(h, v.hashCode());
  }

  /**
   * Mixes a {@code byte[]} column into a running hash, by content ({@link Arrays#hashCode(byte[])}).
   *
   * @param h the running hash
   * @param v the column's value; not null
   * @return the new running hash
   */
  public static int add(int h, byte[] v) {
    return mixInto(h, Arrays.hashCode(v));
  }

  /**
   * Mixes a {@code Location} column into a running hash: the same as adding its id as a {@code long}.
   *
   * @param h the running hash
   * @param v the column's value; not null
   * @return the new running hash
   */
  public static int add(int h, Location v) {
    return add(h, v.id());
  }

  // Typed names for generated code: the overload is chosen by name, not by the argument's type, so
  // no cast is needed (nor warned about) and an int can never be hashed as a long by accident.

  /**
   * {@link #add(int, int)}, by name.
   *
   * @param h the running hash
   * @param v the column's value
   * @return the new running hash
   */
  public static int addInt(int h, int v) {
    return add(h, v);
  }

  /**
   * {@link #add(int, long)}, by name.
   *
   * @param h the running hash
   * @param v the column's value
   * @return the new running hash
   */
  public static int addLong(int h, long v) {
    return add(h, v);
  }

  /**
   * {@link #add(int, double)}, by name.
   *
   * @param h the running hash
   * @param v the column's value
   * @return the new running hash
   */
  public static int addDouble(int h, double v) {
    return add(h, v);
  }

  /**
   * {@link #add(int, boolean)}, by name.
   *
   * @param h the running hash
   * @param v the column's value
   * @return the new running hash
   */
  public static int addBoolean(int h, boolean v) {
    return add(h, v);
  }

  /**
   * Finishes a running hash with Murmur3's finalizer: every input bit affects every output bit.
   *
   * @param h the running hash, after the last column's {@code add}
   * @return the key's hash
   */
  public static int finish(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /**
   * The partition, among {@code partitions}, of a key whose hash is {@code keyHash}.
   *
   * @param keyHash the key's finished hash
   * @param partitions how many partitions there are; at least 1
   * @return the partition, in {@code 0..partitions-1} (never negative)
   * @throws ArithmeticException if {@code partitions} is 0
   */
  public static int partition(int keyHash, int partitions) {
    return Math.floorMod(keyHash, partitions);
  }

  private static int mixInto(int h, int k) {
    k *= 0xcc9e2d51;
    k = Integer.rotateLeft(k, 15);
    k *= 0x1b873593;
    h ^= k;
    h = Integer.rotateLeft(h, 13);
    return h * 5 + 0xe6546b64;
  }
}
