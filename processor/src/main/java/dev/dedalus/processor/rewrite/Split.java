package dev.dedalus.processor.rewrite;

import dev.dedalus.processor.model.DecoupleHint;
import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Program;
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

/**
 * How a {@code @Decouple} hint splits a role: the rules that stay ({@code S}, the paper's C1), the
 * rules that move ({@code M}, C2), and how facts would have to flow between them once they run on
 * different nodes. Every decoupling rewrite reads its precondition off a split.
 */
public final class Split {
  final Program program;
  final DecoupleHint hint;
  final Role role;
  final List<Rule> stay;
  final List<Rule> move;
  /** Relations M reads that the original node must forward to the new one, with why. */
  final Map<Relation, String> forwarded = new LinkedHashMap<>();
  /** Relations M alone reads that other nodes send: their senders are redirected. */
  final Set<Relation> redirected = new LinkedHashSet<>();
  /** Relations S reads that M derives: the rules that stay would depend on the moved ones. */
  final List<String> dependencies = new ArrayList<>();

  Split(Program program, DecoupleHint hint) {
    this.program = program;
    this.hint = hint;
    this.role = program.role(hint.role()).orElseThrow();
    this.stay = role.rules().stream().filter(r -> !hint.rules().contains(r.name())).toList();
    this.move = role.rules().stream().filter(r -> hint.rules().contains(r.name())).toList();
    analyse();
  }

  private void analyse() {
    Set<String> network = networkRelations(program);
    for (Relation x : program.relations()) {
      if (isStatic(x)) {
        continue;
      }
      Optional<Rule> moverReading = readerOf(move, x);
      Optional<Rule> stayerReading = readerOf(stay, x);
      Optional<Rule> stayerDeriving = deriverOf(stay, x);
      Optional<Rule> moverDeriving = deriverOf(move, x);
      if (stayerReading.isPresent() && moverDeriving.isPresent()) {
        dependencies.add(role.name() + "'s rule '" + stayerReading.get().name() + "' reads " + x.name()
            + (negates(stayerReading.get(), x) ? " under negation" : "") + ", which '" + moverDeriving.get().name()
            + "' would derive at " + hint.into());
      }
      if (moverReading.isEmpty()) {
        continue;
      }
      boolean received = network.contains(x.name());
      if (stayerDeriving.isPresent()) {
        forwarded.put(x, hint.into() + "'s rule '" + moverReading.get().name() + "' reads " + x.name()
            + ", which " + role.name() + "'s rule '" + stayerDeriving.get().name() + "' derives");
      } else if (received && x.is(RelationKind.INPUT)) {
        forwarded.put(x, hint.into() + "'s rule '" + moverReading.get().name() + "' reads " + x.name()
            + ", which clients send to " + role.name() + ", so " + role.name() + " must forward it");
      } else if (received && stayerReading.isPresent()) {
        forwarded.put(x, "both " + role.name() + "'s rule '" + stayerReading.get().name() + "' and "
            + hint.into() + "'s rule '" + moverReading.get().name() + "' read " + x.name());
      } else if (received) {
        redirected.add(x);
      }
    }
  }

  /** Relations that cross the network: inputs, outputs and heads of asynchronous rules. */
  static Set<String> networkRelations(Program program) {
    Set<String> names = new LinkedHashSet<>();
    for (Relation r : program.relations()) {
      if (r.is(RelationKind.INPUT) || r.is(RelationKind.OUTPUT)) {
        names.add(r.name());
      }
    }
    program.roles().forEach(role -> role.rules().stream().filter(r -> r.kind() == RuleKind.ASYNC)
        .forEach(r -> names.add(r.head().relation().name())));
    return names;
  }

  /** Config and timers are replicated to every node: reading them is never a dependency. */
  static boolean isStatic(Relation r) {
    return r.is(RelationKind.CONFIG) || r.is(RelationKind.TIMER);
  }

  static Optional<Rule> readerOf(List<Rule> rules, Relation x) {
    return rules.stream().filter(r -> r.atoms().anyMatch(a -> a.relation().name().equals(x.name()))).findFirst();
  }

  static Optional<Rule> deriverOf(List<Rule> rules, Relation x) {
    return rules.stream().filter(r -> r.kind() != RuleKind.ASYNC && r.head().relation().name().equals(x.name())).findFirst();
  }

  static boolean negates(Rule rule, Relation x) {
    return rule.atoms().anyMatch(a -> a.negated() && a.relation().name().equals(x.name()));
  }

  /** The first dependency of the staying rules on the moved ones, described: every decoupling forbids one. */
  Optional<String> dependency() {
    return dependencies.stream().findFirst();
  }

  /** The first moved rule that uses {@code self}, described: on the new node it would name that node. */
  Optional<String> selfUse() {
    return move.stream().filter(Split::usesSelf).findFirst()
        .map(r -> "rule '" + r.name() + "' uses self, which would name " + hint.into() + " instead of " + role.name());
  }

  private static boolean usesSelf(Rule r) {
    List<Expr> exprs = new ArrayList<>();
    r.head().destination().ifPresent(exprs::add);
    r.head().args().forEach(a -> exprs.add(a instanceof HeadArg.Plain p ? p.expr() : ((HeadArg.Aggregated) a).argument()));
    for (Literal l : r.body()) {
      if (l instanceof Literal.AtomLiteral a) {
        exprs.addAll(a.args());
      } else if (l instanceof Literal.Filter f) {
        exprs.add(f.condition());
      } else if (l instanceof Literal.Assignment a) {
        exprs.add(a.value());
      }
    }
    return exprs.stream().anyMatch(Split::containsSelf);
  }

  private static boolean containsSelf(Expr e) {
    if (e == null) {
      return false;
    }
    if (e instanceof Expr.Self) {
      return true;
    }
    if (e instanceof Expr.Call c) {
      return c.args().stream().anyMatch(Split::containsSelf);
    }
    if (e instanceof Expr.Binary b) {
      return containsSelf(b.left()) || containsSelf(b.right());
    }
    if (e instanceof Expr.Negate n) {
      return containsSelf(n.operand());
    }
    if (e instanceof Expr.Forward f) {
      return containsSelf(f.location());
    }
    return false;
  }

  /** The first moved rule that negates or aggregates, described; empty if the moved rules are monotonic. */
  Optional<String> nonMonotonicMover() {
    for (Rule r : move) {
      Optional<Literal.AtomLiteral> negated = r.atoms().filter(Literal.AtomLiteral::negated).findFirst();
      if (negated.isPresent()) {
        return Optional.of("rule '" + r.name() + "' negates " + negated.get().relation().name());
      }
      for (HeadArg a : r.head().args()) {
        if (a instanceof HeadArg.Aggregated g) {
          return Optional.of("rule '" + r.name() + "' aggregates with " + g.aggregate().symbol() + "(..)");
        }
      }
    }
    return Optional.empty();
  }

  /** Relations referenced by both sides (read, or derived at the node), config and timers aside. */
  Optional<String> sharedRelation() {
    for (Relation x : program.relations()) {
      if (isStatic(x)) {
        continue;
      }
      Optional<Rule> s = referrer(stay, x);
      Optional<Rule> m = referrer(move, x);
      if (s.isPresent() && m.isPresent()) {
        return Optional.of("both " + role.name() + "'s rule '" + s.get().name() + "' and " + hint.into()
            + "'s rule '" + m.get().name() + "' use " + x.name());
      }
    }
    return Optional.empty();
  }

  private static Optional<Rule> referrer(List<Rule> rules, Relation x) {
    return rules.stream().filter(r -> r.atoms().anyMatch(a -> a.relation().name().equals(x.name()))
        || (r.kind() != RuleKind.ASYNC && r.head().relation().name().equals(x.name()))).findFirst();
  }
}
