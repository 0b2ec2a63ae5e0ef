package dev.dedalus.processor.model;

import dev.dedalus.processor.diag.Site;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * @param notes what rewrites did to the rule, for listings; empty for rules as written
 */
public record Rule(String name, String role, RuleKind kind, Head head, List<Literal> body, Site site, List<String> notes) {
  public Rule {
    body = List.copyOf(body);
    notes = List.copyOf(notes);
  }

  public Rule(String name, String role, RuleKind kind, Head head, List<Literal> body, Site site) {
    this(name, role, kind, head, body, site, List.of());
  }

  /** The same rule, run by another role, with a note on why. */
  public Rule movedTo(String newRole, String note) {
    return new Rule(name, newRole, kind, head, body, site, append(note));
  }

  /** The same rule with another head, with a note on why. */
  public Rule withHead(Head newHead, String note) {
    return new Rule(name, role, kind, newHead, body, site, append(note));
  }

  private List<String> append(String note) {
    List<String> all = new java.util.ArrayList<>(notes);
    all.add(note);
    return all;
  }

  /** The body's atoms, positive and negated. */
  public Stream<Literal.AtomLiteral> atoms() {
    return body.stream().filter(Literal.AtomLiteral.class::isInstance).map(Literal.AtomLiteral.class::cast);
  }

  /** Whether the rule is non-monotonic: it negates or aggregates. */
  public boolean isNonMonotonic() {
    return head.hasAggregate() || atoms().anyMatch(Literal.AtomLiteral::negated);
  }

  /**
   * Whether the rule carries its head's relation unchanged to the next tick: {@code X(v1, .., vn) :+
   * X(v1, .., vn)}, with distinct variables and nothing else in the body, which is what
   * {@code @Persist} means. A carry with a condition (persist-until, {@code X(..) :+ X(..), !Done(..)})
   * is not one: it drops facts.
   */
  public boolean isCarry() {
    return kind == RuleKind.INDUCTIVE && body.size() == 1 && copiedAtom() == 0;
  }

  /**
   * The positive atom (its position among the body's positive atoms) whose fact the head copies
   * unchanged: same relation, every argument a distinct variable, the head's arguments those
   * variables in the same order; -1 if none. Such a head can reuse the atom's fact object, and a
   * {@code :+} rule of that shape carries the relation (with conditions, a persist-until).
   */
  public int copiedAtom() {
    List<Literal.AtomLiteral> positives = atoms().filter(a -> !a.negated()).toList();
    for (int i = 0; i < positives.size(); i++) {
      if (copies(positives.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private boolean copies(Literal.AtomLiteral a) {
    if (!a.relation().name().equals(head.relation().name())) {
      return false;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < a.args().size(); i++) {
      if (!(a.args().get(i) instanceof Expr.Var v) || !seen.add(v.name())
          || !(head.args().get(i) instanceof HeadArg.Plain p) || !p.expr().equals(v)) {
        return false;
      }
    }
    return true;
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
