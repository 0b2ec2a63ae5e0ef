package dev.dedalus.processor.model;

import dev.dedalus.processor.diag.Site;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A checked rule. Body literals keep their written order; evaluation order is the planner's
 * business.
 *
 * @param name the method's name, used by hints and in messages
 * @param role the role whose nodes evaluate the rule
 * @param kind deductive, inductive or asynchronous
 * @param head the head
 * @param body the body literals
 * @param site the rule's annotation, for diagnostics
 */
public record Rule(String name, String role, RuleKind kind, Head head, List<Literal> body, Site site) {
  public Rule {
    body = List.copyOf(body);
  }

  /** The body's atoms, positive and negated. */
  public Stream<Literal.AtomLiteral> atoms() {
    return body.stream().filter(Literal.AtomLiteral.class::isInstance).map(Literal.AtomLiteral.class::cast);
  }

  /** Whether the rule is non-monotonic: it negates or aggregates. */
  public boolean isNonMonotonic() {
    return head.hasAggregate() || atoms().anyMatch(Literal.AtomLiteral::negated);
  }

  /** The normalized rule text: canonical spacing, no comments. */
  public String text() {
    return head + " " + kind.symbol() + " " + body.stream().map(Object::toString).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return name + ": " + text();
  }
}
