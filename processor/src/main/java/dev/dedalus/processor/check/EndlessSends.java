package dev.dedalus.processor.check;

import dev.dedalus.processor.diag.DiagnosticId;
import dev.dedalus.processor.diag.Reporter;
import dev.dedalus.processor.model.Aggregate;
import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.Exprs;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RelationKind;
import dev.dedalus.processor.model.Role;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.RuleKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Warns about an asynchronous rule that, once its body holds, holds in every later tick of its node,
 * so it sends its head again in each of them, forever ({@code [DedalusEndlessSend]}).
 *
 * <p>At a role, a relation is <b>stable</b> if its facts, once present, are present in every later
 * tick: a {@code @Config} relation; a {@code @Persist} or {@code @Durable} one; one with a carry
 * rule {@code X(v1, .., vn) :+ X(v1, .., vn)} ({@link Rule#isCarry}); or, the greatest fixpoint,
 * one that no {@code :~} rule of the program sends, that is no input, timer or output, and whose
 * every rule at the role is a {@code :-} or {@code :+} rule without aggregate and with a stable
 * body. A relation is <b>growing</b> if it is derived at the role by exactly one rule, a {@code :-}
 * rule with a stable body whose head has one aggregate, {@code count} or {@code max} (and no
 * {@code :~} rule sends it): each of its groups, once present, stays, and its value never
 * decreases. A body is <b>stable</b> if it negates nothing and each positive atom reads a stable
 * relation, or a growing one whose aggregate column is {@code _} or a variable used nowhere else
 * but alone on the greater side of comparisons ({@code n >= q}, {@code n > q}, {@code q <= n},
 * {@code q < n}). Timers and inputs are never stable, so a body reading one is not.
 *
 * <p>A {@code :~} rule with a stable body is reported: once it holds, it holds forever. By
 * induction over ticks, every fact (and, for a growing relation, every group with at least its
 * value) a stable body reads at one tick is there at the next, and negation-free bodies are
 * monotone, so the report is never wrong about a rule; it is conservative, not complete (a count
 * compared for equality, {@code Count(n, x), Expected(n)}, could grow past the value, so it is not
 * reported). A {@code :+} rule with a stable body is not reported: keeping state is what it is for,
 * and a send that reads its head is.
 *
 * <p>Only the rules as written are checked, before any rewrite.
 */
final class EndlessSends {
  private final Reporter reporter;

  EndlessSends(Reporter reporter) {
    this.reporter = reporter;
  }

  void check(List<Role> roles) {
    Set<String> sent = roles.stream().flatMap(r -> r.rules().stream())
        .filter(r -> r.kind() == RuleKind.ASYNC).map(r -> r.head().relation().name())
        .collect(Collectors.toSet());
    for (Role role : roles) {
      Stability stability = new Stability(role.rules(), sent);
      for (Rule rule : role.rules()) {
        if (rule.kind() == RuleKind.ASYNC && stability.stableBody(rule)) {
          reporter.warning(DiagnosticId.DedalusEndlessSend, rule.site(),
              "rule '%s' sends %s again in every later tick of its node once its body holds: it negates nothing and "
                  + "every relation it reads keeps its facts (%s). Keep that state only until it is no longer needed, "
                  + "for example until decided or acknowledged (X(..) :+ X(..), !Done(..)), or send on a one-tick "
                  + "event such as a received message",
              rule.name(), rule.head().relation().name(), stability.explain(rule));
        }
      }
    }
  }

  /** Which relations keep their facts at one role, and why. */
  private static final class Stability {
    /** Relations stable by declaration or a carry rule, with why. */
    private final Map<String, String> declared = new LinkedHashMap<>();
    /** Relations stable because every rule deriving them has a stable body. */
    private final Set<String> derived = new LinkedHashSet<>();
    /** Growing relations, with the column of their aggregate. */
    private final Map<String, Integer> growing = new LinkedHashMap<>();
    /** The role's {@code :-} and {@code :+} rules, by head relation. */
    private final Map<String, List<Rule>> derivations = new LinkedHashMap<>();

    Stability(List<Rule> rules, Set<String> sent) {
      Map<String, Relation> relations = new LinkedHashMap<>();
      for (Rule rule : rules) {
        rule.atoms().forEach(a -> relations.putIfAbsent(a.relation().name(), a.relation()));
        relations.putIfAbsent(rule.head().relation().name(), rule.head().relation());
        if (rule.kind() != RuleKind.ASYNC) {
          derivations.computeIfAbsent(rule.head().relation().name(), k -> new ArrayList<>()).add(rule);
        }
      }
      for (Relation x : relations.values()) {
        declaredStable(x, rules).ifPresent(why -> declared.put(x.name(), why));
      }
      derivations.forEach((name, rulesOf) -> {
        Relation x = relations.get(name);
        if (declared.containsKey(name) || sent.contains(name) || x.isExternal() || x.is(RelationKind.OUTPUT)) {
          return;
        }
        if (rulesOf.stream().noneMatch(r -> r.head().hasAggregate())) {
          derived.add(name);
        } else {
          aggregateColumn(rulesOf).ifPresent(column -> growing.put(name, column));
        }
      });
      // The greatest fixpoint: assume every candidate keeps its facts, drop those a rule disproves.
      boolean changed = true;
      while (changed) {
        changed = derived.removeIf(name -> !derivations.get(name).stream().allMatch(this::stableBody))
            | growing.keySet().removeIf(name -> !stableBody(derivations.get(name).get(0)));
      }
    }

    private static Optional<String> declaredStable(Relation x, List<Rule> rules) {
      if (x.is(RelationKind.CONFIG)) {
        return Optional.of("@Config");
      }
      if (x.isPersisted()) {
        return Optional.of(x.is(RelationKind.DURABLE) ? "@Durable" : "@Persist");
      }
      return rules.stream().filter(r -> r.isCarry() && r.head().relation().name().equals(x.name())).findFirst()
          .map(r -> "carried by rule '" + r.name() + "'");
    }

    /** The column of the one {@code count} or {@code max} of a relation's only rule, a {@code :-} rule. */
    private static Optional<Integer> aggregateColumn(List<Rule> derived) {
      if (derived.size() != 1 || derived.get(0).kind() != RuleKind.DEDUCTIVE) {
        return Optional.empty();
      }
      List<HeadArg> args = derived.get(0).head().args();
      Integer column = null;
      for (int i = 0; i < args.size(); i++) {
        if (args.get(i) instanceof HeadArg.Aggregated g) {
          if (column != null || (g.aggregate() != Aggregate.COUNT && g.aggregate() != Aggregate.MAX)) {
            return Optional.empty();
          }
          column = i;
        }
      }
      return Optional.ofNullable(column);
    }

    private static String sources(List<Rule> derived) {
      Set<String> read = new LinkedHashSet<>();
      derived.forEach(r -> r.atoms().forEach(a -> read.add(a.relation().name())));
      return read.isEmpty() ? "no relation" : String.join(", ", read);
    }

    boolean stableBody(Rule rule) {
      return rule.atoms().allMatch(a -> !a.negated() && stableAtom(a, rule));
    }

    private boolean stableAtom(Literal.AtomLiteral a, Rule rule) {
      String name = a.relation().name();
      if (declared.containsKey(name) || derived.contains(name)) {
        return true;
      }
      Integer column = growing.get(name);
      if (column == null) {
        return false;
      }
      Expr value = a.args().get(column);
      return value instanceof Expr.Wildcard || value instanceof Expr.Var v && onlyRises(v, rule);
    }

    /**
     * Whether the growing value {@code v} is used nowhere in the rule but in its own atom argument and
     * alone on the greater side of comparisons: then a binding that held keeps holding.
     */
    private static boolean onlyRises(Expr.Var v, Rule rule) {
      if (rule.head().destination().map(d -> mentions(d, v)).orElse(false)
          || rule.head().args().stream().anyMatch(arg -> arg instanceof HeadArg.Plain p && mentions(p.expr(), v)
              || arg instanceof HeadArg.Aggregated g && g.argument() != null && mentions(g.argument(), v))) {
        return false;
      }
      long atomArguments = 0;
      for (Literal literal : rule.body()) {
        if (literal instanceof Literal.AtomLiteral a) {
          for (Expr arg : a.args()) {
            if (arg.equals(v)) {
              atomArguments++;
            } else if (mentions(arg, v)) {
              return false;
            }
          }
        } else if (literal instanceof Literal.Filter f) {
          if (mentions(f.condition(), v) && !risesWith(f.condition(), v)) {
            return false;
          }
        } else if (Exprs.of(literal).stream().anyMatch(e -> mentions(e, v))) {
          return false;
        }
      }
      return atomArguments == 1;
    }

    private static boolean mentions(Expr e, Expr.Var v) {
      return Exprs.variables(e).contains(v.name());
    }

    /** {@code v >= e}, {@code v > e}, {@code e <= v} or {@code e < v}, where {@code e} does not mention {@code v}. */
    private static boolean risesWith(Expr condition, Expr.Var v) {
      if (!(condition instanceof Expr.Binary b)) {
        return false;
      }
      Expr greater;
      Expr other;
      switch (b.op()) {
        case GE, GT -> {
          greater = b.left();
          other = b.right();
        }
        case LE, LT -> {
          greater = b.right();
          other = b.left();
        }
        default -> {
          return false;
        }
      }
      return greater.equals(v) && !mentions(other, v);
    }

    /**
     * Each relation a flagged rule reads, with why it keeps its facts, followed by the relations
     * those are derived from, each once.
     */
    String explain(Rule rule) {
      Set<String> shown = new LinkedHashSet<>();
      List<String> pending = new ArrayList<>();
      rule.atoms().forEach(a -> pending.add(a.relation().name()));
      List<String> reasons = new ArrayList<>();
      while (!pending.isEmpty()) {
        String name = pending.remove(0);
        if (!shown.add(name)) {
          continue;
        }
        if (declared.containsKey(name)) {
          reasons.add(name + ": " + declared.get(name));
          continue;
        }
        List<Rule> rulesOf = derivations.get(name);
        reasons.add(name + ": " + (derived.contains(name) ? "derived only from " + sources(rulesOf)
            : rulesOf.get(0).head().args().get(growing.get(name)) + " over " + sources(rulesOf) + ", which only grows"));
        rulesOf.forEach(r -> r.atoms().forEach(a -> pending.add(a.relation().name())));
      }
      return String.join("; ", reasons);
    }
  }
}
