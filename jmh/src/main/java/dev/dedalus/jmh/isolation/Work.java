package dev.dedalus.jmh.isolation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The CPU-heavy user function of the isolation benchmarks: SHA-256, applied {@link #ROUNDS} times,
 * so that one node's work, not the runtime, bounds throughput, as in the paper's microbenchmarks.
 */
public final class Work {
  static final int ROUNDS = 100;
  private static final ThreadLocal<MessageDigest> SHA = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  });

  private Work() {}

  /** SHA-256 of {@code text}, {@link #ROUNDS} times over, as hex. */
  public static String digest(String text) {
    MessageDigest sha = SHA.get();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < ROUNDS; i++) {
      bytes = sha.digest(bytes);
    }
    return HexFormat.of().formatHex(bytes, 0, 8);
  }

  /** The reply types of the isolation programs all carry their request's id. */
  public interface Reply {
    long id();
  }
}
