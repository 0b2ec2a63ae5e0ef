package dev.dedalus.runtime.aeron;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition reached by other threads; the limit only guards against hangs. */
final class Await {
  static final long LIMIT_MILLIS = 30_000;

  private Await() {}

  static void until(BooleanSupplier condition, Supplier<String> whatFailed) {
    long deadline = System.currentTimeMillis() + LIMIT_MILLIS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        fail("gave up waiting: " + whatFailed.get());
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  /** Runs {@code step} until {@code condition} holds. */
  static void driving(Runnable step, BooleanSupplier condition, Supplier<String> whatFailed) {
    long deadline = System.currentTimeMillis() + LIMIT_MILLIS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        fail("gave up waiting: " + whatFailed.get());
      }
      step.run();
    }
  }
}
