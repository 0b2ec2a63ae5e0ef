package dev.dedalus.processor.rewrite;

import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.Rule;
import java.util.List;
import java.util.Optional;

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

  /** {@code X(v1, .., vn) :+ X(v1, .., vn)}: a {@linkplain Rule#isCarry() carry} of {@code x}. */
  static boolean isCarry(Rule r, Relation x) {
    return r.head().relation().name().equals(x.name()) && r.isCarry();
  }
}
