package dev.dedalus.processor.rewrite;

import java.util.Optional;

/**
 * Monotonic decoupling (TR 3.2): the rules that stay do not depend on the moved ones, and the
 * moved ones are monotonic (no negation, no aggregation) over inputs that persist. By CALM, a
 * monotonic component's outputs only grow, so the extra delay of forwarded facts changes when its
 * outputs appear, never which. The forwarded relations must be persisted where they are read, so
 * that nothing the moved rules once saw is lost; this checker accepts relations declared
 * {@code @Persist} or {@code @Durable}, which persist on every node.
 */
final class MonotonicDecoupling implements Decoupling {
  @Override
  public String name() {
    return "monotonic decoupling";
  }

  @Override
  public Optional<String> violation(Split split) {
    return split.dependency()
        .or(split::nonMonotonicMover)
        .or(() -> split.forwarded.entrySet().stream().filter(f -> !f.getKey().isPersisted()).findFirst()
            .map(f -> f.getValue() + ", and " + f.getKey().name() + " is not persisted"))
        .or(split::selfUse);
  }
}
