package dev.dedalus.protocols.lin;

import java.util.List;
import java.util.Map;

/**
 * The sequential specification of an object, for {@link Linearizability}.
 *
 * <p>The model is deterministic: {@link #step} gives <em>the</em> output of an input in a state and
 * the state after it. The checker accepts a completed operation at a point of a linearization iff
 * its recorded output {@link Object#equals equals} the model's output there; a pending operation
 * (output unknown) is accepted wherever it is placed, and only its next state matters.
 *
 * <p>States are memoized: {@code S} must be immutable, with value {@code equals} and {@code
 * hashCode}, and so must {@code O}.
 *
 * @param <S> state, immutable, with value equality
 * @param <I> input of an operation
 * @param <O> output of an operation, with value equality
 */
public interface Model<S, I, O> {

  /** The state before any operation. */
  S init();

  /** The output of {@code input} applied to {@code state}, and the state after it. */
  Step<S, O> step(S state, I input);

  /** One sequential step: the state after an operation and the output it returns. */
  record Step<S, O>(S next, O output) {}

  /**
   * Splits a history into independent sub-histories, keyed by a name shown when one fails (a key of
   * a key-value store). The history is linearizable iff each sub-history is (P-compositionality,
   * Horn and Kroening 2015), which holds when no operation of one part can change what an
   * operation of another part returns. By default the whole history is one part.
   */
  default Map<?, List<Operation<I, O>>> partition(List<Operation<I, O>> history) {
    return Map.of("all", history);
  }
}
