package dev.dedalus.processor.rewrite;

import java.util.ArrayList;
import java.util.List;

/**
 * Monotonic decoupling (TR 3.2): the rules that stay do not depend on the moved ones, the moved
 * ones are monotonic (no negation, no aggregation), and every relation that reaches them over the
 * network, forwarded by the original node or redirected by its senders, persisted at the original
 * node ({@code @Persist}, {@code @Durable}, or a carry {@code X(..) :+ X(..)}). By CALM, a monotonic
 * component's outputs only grow, so the extra delay of forwarded facts changes when its outputs
 * appear, never which. The transform persists each such relation at the new node too, as the
 * original did (the paper's Redirection With Persistence).
 */
final class MonotonicDecoupling implements Decoupling {
  @Override
  public String name() {
    return "monotonic decoupling";
  }

  @Override
  public Verdict verdict(Split split) {
    List<Violation> v = new ArrayList<>(split.dependencies());
    v.addAll(split.selfUses());
    v.addAll(split.nonMonotonicMovers());
    v.addAll(split.unpersistedInputs());
    return new Verdict(name(), v, List.of("the moved rules neither negate nor aggregate, and their inputs persist"));
  }

  @Override
  public dev.dedalus.processor.model.Program apply(Split split) {
    return Redirection.apply(split, name(), true, false);
  }
}
