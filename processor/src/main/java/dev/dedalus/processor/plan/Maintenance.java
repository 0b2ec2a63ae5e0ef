package dev.dedalus.processor.plan;

import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.Exprs;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.Role;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.RuleKind;
import dev.dedalus.processor.model.Stratum;
import dev.dedalus.processor.model.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which relations a stage maintains in place rather than rebuilds every tick: relations a
 * persist-until rule carries ({@link #keptCarry}), and aggregates over them ({@link #maintainable}).
 * Each decision states the shape it requires; any other shape keeps the rebuild, which the plan
 * shows, so what is maintained is exactly what is proven to give the same facts.
 */
final class Maintenance {
  private Maintenance() {}

  /**
   * The persist-until rule that lets the stage keep {@code x} in place, if there is one: the only
   * {@code :+} rule of the role that copies {@code x} ({@code X(v1, .., vn) :+ X(v1, .., vn), ..},
   * distinct variables, in order), whose other literals are filters over those variables and
   * negated atoms whose arguments are those variables, constants or {@code _}, over relations other
   * than {@code x}. Other {@code :+} rules may add facts to {@code x}; they are merged in.
   */
  static Optional<Rule> keptCarry(Role role, Relation x, Map<String, Storage> storage) {
    List<Rule> copies = role.rules().stream()
        .filter(r -> r.kind() == RuleKind.INDUCTIVE && r.head().relation().name().equals(x.name()) && copies(r))
        .toList();
    if (copies.size() != 1) {
      return Optional.empty();
    }
    Rule carry = copies.get(0);
    Literal.AtomLiteral self = carry.atoms().filter(a -> !a.negated()).findFirst().orElseThrow();
    Set<String> vars = new HashSet<>();
    self.args().forEach(a -> vars.add(((Expr.Var) a).name()));
    for (Literal l : carry.body()) {
      if (l == self) {
        continue;
      }
      boolean fits;
      if (l instanceof Literal.Filter f) {
        fits = vars.containsAll(Exprs.variables(f.condition()));
      } else if (l instanceof Literal.AtomLiteral a) {
        fits = a.negated() && !a.relation().name().equals(x.name()) && storage.containsKey(a.relation().name())
            && a.args().stream().allMatch(arg -> arg instanceof Expr.Wildcard || arg instanceof Expr.Const
                || (arg instanceof Expr.Var v && vars.contains(v.name())));
      } else {
        fits = false; // an assignment: the carried fact would be checked by more than its own columns
      }
      if (!fits) {
        return Optional.empty();
      }
    }
    return Optional.of(carry);
  }

  /** Whether an inductive rule's one positive atom is its head's relation, copied column for column. */
  private static boolean copies(Rule r) {
    return r.atoms().filter(a -> !a.negated()).count() == 1 && r.copiedAtom() == 0 && r.head().destination().isEmpty();
  }

  /**
   * The store a deductive aggregate can be maintained over, if any: its body is one positive atom
   * over a {@link Storage#STORE} plus filters and assignments; it aggregates only with {@code count},
   * with {@code sum} of integers (whose increments undo exactly; a double sum would round
   * differently), and with {@code min}/{@code max} of integers or strings (a total order that
   * agrees with the generated comparisons); its stratum is not recursive; and no other rule
   * derives, receives or carries its head, so the head can be a store the groups update.
   */
  static Optional<Relation> maintainable(Rule rule, Role role, Stratum stratum, Map<String, Storage> storage,
      Set<String> received, Set<String> carried) {
    if (rule.kind() != RuleKind.DEDUCTIVE || !rule.head().hasAggregate() || stratum.recursive()) {
      return Optional.empty();
    }
    Relation head = rule.head().relation();
    if (head.isPersisted() || received.contains(head.name()) || carried.contains(head.name())
        || role.rules().stream().anyMatch(o -> o != rule && o.head().relation().name().equals(head.name()))) {
      return Optional.empty();
    }
    for (HeadArg arg : rule.head().args()) {
      if (arg instanceof HeadArg.Aggregated g && !undoable(g)) {
        return Optional.empty();
      }
    }
    List<Literal.AtomLiteral> atoms = rule.atoms().toList();
    if (atoms.size() != 1 || atoms.get(0).negated() || storage.get(atoms.get(0).relation().name()) != Storage.STORE) {
      return Optional.empty();
    }
    return Optional.of(atoms.get(0).relation());
  }

  private static boolean undoable(HeadArg.Aggregated g) {
    Type t = g.argument() == null ? null : g.argument().type();
    return switch (g.aggregate()) {
      case COUNT -> true;
      case SUM -> t == Type.INT || t == Type.LONG;
      case MIN, MAX -> t == Type.INT || t == Type.LONG || t == Type.STRING;
      case CHOOSE, INDEX -> false;
    };
  }
}
