package dev.dedalus.runtime;

import dev.dedalus.runtime.wire.FactConsumer;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The facts a durable log holds at its end: its appends and erasures replayed in commit order, so
 * that a fact erased after it was appended is not recovered, and one appended again after its
 * erasure is. A recovering log folds its records in here, then {@linkplain #deliverTo delivers} what
 * remains in the order it was (last) appended. Memory follows what the relations hold, not how long
 * the log is.
 */
public final class RecoveredFacts {
  /** A fact with the relation it belongs to: equal facts of two relations are two entries. */
  private record Held(int relationId, Object fact) {}

  private final Set<Held> held = new LinkedHashSet<>();

  /**
   * Replays an append: the fact is held from now on. A fact not held goes to the end of the delivery
   * order; one already held keeps its place.
   *
   * @param relationId the fact's relation
   * @param fact the fact, compared by {@code equals}
   */
  public void append(int relationId, Object fact) {
    held.add(new Held(relationId, fact));
  }

  /**
   * Replays an erasure; erasing a fact not held changes nothing.
   *
   * @param relationId the fact's relation
   * @param fact the fact, compared by {@code equals}
   */
  public void erase(int relationId, Object fact) {
    held.remove(new Held(relationId, fact));
  }

  /** {@return how many facts are held} */
  public int size() {
    return held.size();
  }

  /**
   * Hands every held fact to {@code sink} ({@code Stage::restore}), in commit order.
   *
   * @param sink receives each fact with its relation id; returns false to refuse it
   * @param refused makes the exception to throw when {@code sink} refuses a fact, from the
   *     relation id and the fact: recovering without it would silently drop state
   */
  public void deliverTo(FactConsumer sink, BiFunction<Integer, Object, RuntimeException> refused) {
    for (Held h : held) {
      if (!sink.accept(h.relationId(), h.fact())) {
        throw refused.apply(h.relationId(), h.fact());
      }
    }
  }
}
