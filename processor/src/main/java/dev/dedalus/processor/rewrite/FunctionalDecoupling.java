package dev.dedalus.processor.rewrite;

import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Rule;
import java.util.List;
import java.util.Optional;

/**
 * Functional decoupling (TR 3.3): the rules that stay do not depend on the moved ones, and the
 * moved ones are functional: no negation or aggregation, and at most one relation in each body
 * that is not configuration. Each output then depends on one input fact alone, so forwarding the
 * facts produced by the rules that stay only delays each output as a whole; every delayed output
 * time is still a possible time in the original.
 */
final class FunctionalDecoupling implements Decoupling {
  @Override
  public String name() {
    return "functional decoupling";
  }

  @Override
  public Optional<String> violation(Split split) {
    return split.dependency()
        .or(split::nonMonotonicMover)
        .or(() -> joinOfTwoRelations(split))
        .or(split::selfUse);
  }

  /** The first moved rule whose body reads two relations that are not configuration. */
  private static Optional<String> joinOfTwoRelations(Split split) {
    for (Rule r : split.move) {
      List<String> derived = r.atoms().map(Literal.AtomLiteral::relation).filter(x -> !Split.isStatic(x))
          .map(x -> x.name()).distinct().toList();
      if (derived.size() > 1) {
        return Optional.of("rule '" + r.name() + "' joins " + derived.get(0) + " and " + derived.get(1)
            + ", two relations that are not configuration");
      }
    }
    return Optional.empty();
  }
}
