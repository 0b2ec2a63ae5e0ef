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

  public static int start() {
    return SEED;
  }

  public static int add(int h, int v) {
    return mixInto(h, v);
  }

  public static int add(int h, long v) {
    return mixInto(mixInto(h, (int) v), (int) (v >>> 32));
  }

  public static int add(int h, double v) {
    return add(h, Double.doubleToLongBits(v == 0.0 ? 0.0 : v)); // -0.0 equals 0.0 in rules
  }

  public static int add(int h, boolean v) {
    return mixInto(h, v ? 1231 : 1237);
  }

  /** Strings hash by content; the JDK caches {@code String.hashCode()}, which is stable by spec. */
  public static int add(int h, String v) {
    return mixInto(h, v.hashCode());
  }

  public static int add(int h, byte[] v) {
    return mixInto(h, Arrays.hashCode(v));
  }

  public static int add(int h, Location v) {
    return add(h, v.id());
  }

  // Typed names for generated code: the overload is chosen by name, not by the argument's type, so
  // no cast is needed (nor warned about) and an int can never be hashed as a long by accident.

  public static int addInt(int h, int v) {
    return add(h, v);
  }

  public static int addLong(int h, long v) {
    return add(h, v);
  }

  public static int addDouble(int h, double v) {
    return add(h, v);
  }

  public static int addBoolean(int h, boolean v) {
    return add(h, v);
  }

  /** Murmur3's finalizer: every input bit affects every output bit. */
  public static int finish(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /** The partition, among {@code partitions}, of a key whose hash is {@code keyHash}. */
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
