package dev.dedalus.runtime.durable;

import dev.dedalus.runtime.DurableLog;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.wire.FactConsumer;

/**
 * The log of {@link LogSync#NONE}: keeps nothing and touches no file. {@link #commit} reports how
 * many facts the tick appended and erased, as a real log would; {@link #recover} delivers nothing.
 */
final class MemoryOnlyLog implements DurableLog {
  private int pendingFacts;

  @Override
  public <T> void append(RelationCodec<T> codec, T fact) {
    pendingFacts++;
  }

  @Override
  public <T> void erase(RelationCodec<T> codec, T fact) {
    pendingFacts++;
  }

  @Override
  public int commit() {
    int facts = pendingFacts;
    pendingFacts = 0;
    return facts;
  }

  @Override
  public void recover(FactConsumer sink) {
    // nothing was kept
  }

  @Override
  public void close() {
    // nothing to release
  }
}
