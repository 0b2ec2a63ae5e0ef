package dev.dedalus.protocols.lin;

import java.util.Objects;

/**
 * A command to a key-value store: {@code put(key, value)}, {@code get(key)}, or {@code cas(key,
 * expected, value)} (set {@code value} if the current value equals {@code expected}; {@code
 * expected == null} means "the key is absent"). Values are never null: absence is no value.
 */
public record KvInput(Op op, String key, String value, String expected) {
  public enum Op { PUT, GET, CAS }

  public KvInput {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(key, "key");
    if ((op == Op.GET) != (value == null)) {
      throw new IllegalArgumentException(op + " with value " + value);
    }
    if (op != Op.CAS && expected != null) {
      throw new IllegalArgumentException(op + " with an expected value " + expected);
    }
  }

  public static KvInput put(String key, String value) {
    return new KvInput(Op.PUT, key, value, null);
  }

  public static KvInput get(String key) {
    return new KvInput(Op.GET, key, null, null);
  }

  public static KvInput cas(String key, String expected, String value) {
    return new KvInput(Op.CAS, key, value, expected);
  }

  /** {@code put(x, 1)}, {@code get(x)}, {@code cas(x, null, 2)}. */
  @Override
  public String toString() {
    return switch (op) {
      case PUT -> "put(" + key + ", " + value + ")";
      case GET -> "get(" + key + ")";
      case CAS -> "cas(" + key + ", " + expected + ", " + value + ")";
    };
  }
}
