package dev.dedalus.processor.rewrite;

import java.util.ArrayList;
import java.util.List;

/**
 * Functional decoupling (TR 3.3): the rules that stay do not depend on the moved ones, and the
 * moved ones are functional: no negation or aggregation, and each body reads at most one atom that
 * is not configuration (one fact: a self-join reads two). Each output then depends on one input
 * fact alone, so forwarding the facts produced by the rules that stay only delays each output as a
 * whole; every delayed output time is still a possible time in the original.
 */
final class FunctionalDecoupling implements Decoupling {
  @Override
  public String name() {
    return "functional decoupling";
  }

  @Override
  public Verdict verdict(Split split) {
    List<Violation> v = new ArrayList<>(split.dependencies());
    v.addAll(split.selfUses());
    v.addAll(split.nonMonotonicMovers());
    v.addAll(split.multiFactBodies());
    return new Verdict(name(), v, List.of("each moved rule reads one fact and neither negates nor aggregates"));
  }
}
