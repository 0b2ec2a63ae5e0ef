package dev.dedalus.processor.rewrite;

import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.RuleKind;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a relation persists on a node: declared {@code @Persist} or {@code @Durable}, or carried
 * by a rule {@code X(a, b) :+ X(a, b)} of the node, which is what {@code @Persist} means. Both count
 * the same wherever persistence matters. A carry with a condition (persist-until, {@code X(..) :+
 * X(..), !Done(..)}) does not: it drops facts.
 */
final class Persistence {
  private Persistence() {}

  /** Whether {@code x} persists on a node running {@code rules}. */
  static boolean persisted(Relation x, List<Rule> rules) {
    return x.isPersisted() || carry(x, rules).isPresent();
  }

  /** The node's rule {@code X(a, b, ..) :+ X(a, b, ..)}, if it has one. */
  static Optional<Rule> carry(Relation x, List<Rule> rules) {
    return rules.stream().filter(r -> isCarry(r, x)).findFirst();
  }

  /** {@code X(v1, .., vn) :+ X(v1, .., vn)} with distinct variables and nothing else in the body. */
  static boolean isCarry(Rule r, Relation x) {
    if (r.kind() != RuleKind.INDUCTIVE || !r.head().relation().name().equals(x.name()) || r.body().size() != 1
        || !(r.body().get(0) instanceof Literal.AtomLiteral a) || a.negated() || !a.relation().name().equals(x.name())) {
      return false;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < a.args().size(); i++) {
      if (!(a.args().get(i) instanceof Expr.Var v) || !seen.add(v.name())
          || !(r.head().args().get(i) instanceof HeadArg.Plain p) || !p.expr().equals(v)) {
        return false;
      }
    }
    return true;
  }
}
