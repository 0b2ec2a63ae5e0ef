package dev.dedalus.processor.rewrite;

import dev.dedalus.processor.model.DecoupleHint;
import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.Exprs;
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
 * different nodes. Every decoupling rewrite reads its precondition off a split, as violations of
 * named {@link Condition}s.
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
  private final List<Violation> dependencies = new ArrayList<>();

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
        dependencies.add(new Violation(Condition.INDEPENDENCE, stayerReading.get().name(), x.name(),
            role.name() + "'s rule '" + stayerReading.get().name() + "' reads " + x.name()
                + (negates(stayerReading.get(), x) ? " under negation" : "") + ", which '" + moverDeriving.get().name()
                + "' would derive at " + hint.into()));
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

  /** {@link Condition#INDEPENDENCE}: the staying rules must not read what the moved ones derive. */
  List<Violation> dependencies() {
    return dependencies;
  }

  /** {@link Condition#SELF_IN_MOVED_RULE}: on the new node {@code self} would name that node. */
  List<Violation> selfUses() {
    List<Violation> out = new ArrayList<>();
    for (Rule r : move) {
      if (Exprs.of(r).stream().anyMatch(e -> Exprs.anyMatch(e, n -> n instanceof Expr.Self))) {
        out.add(new Violation(Condition.SELF_IN_MOVED_RULE, r.name(), "",
            "rule '" + r.name() + "' uses self, which would name " + hint.into() + " instead of " + role.name()));
      }
    }
    return out;
  }

  /**
   * {@link Condition#MONOTONIC_MOVED_RULES}: moved rules that negate or aggregate. The description
   * names where the relation comes from when the split makes it arrive late: a negated fact that
   * arrives late is read as absent.
   */
  List<Violation> nonMonotonicMovers() {
    List<Violation> out = new ArrayList<>();
    for (Rule r : move) {
      Optional<Literal.AtomLiteral> negated = r.atoms().filter(Literal.AtomLiteral::negated).findFirst();
      if (negated.isPresent()) {
        Relation x = negated.get().relation();
        out.add(new Violation(Condition.MONOTONIC_MOVED_RULES, r.name(), x.name(),
            "rule '" + r.name() + "' negates " + x.name() + source(x)));
        continue;
      }
      for (HeadArg a : r.head().args()) {
        if (a instanceof HeadArg.Aggregated g) {
          out.add(new Violation(Condition.MONOTONIC_MOVED_RULES, r.name(), "",
              "rule '" + r.name() + "' aggregates with " + g.aggregate().symbol() + "(..)"));
          break;
        }
      }
    }
    return out;
  }

  /** Where a relation the moved rules read comes from, if the split makes it arrive late; else "". */
  private String source(Relation x) {
    if (!forwarded.containsKey(x)) {
      return "";
    }
    Optional<Rule> writer = deriverOf(stay, x);
    if (writer.isPresent()) {
      return ", which " + role.name() + "'s rule '" + writer.get().name() + "' writes: at " + hint.into()
          + " a " + x.name() + " fact could arrive after the rule has read its absence";
    }
    return ", which must be forwarded from " + role.name() + ": at " + hint.into() + " a " + x.name()
        + " fact could arrive after the rule has read its absence";
  }

  /** {@link Condition#NOTHING_SHARED}: relations that must be forwarded, or that both sides use. */
  List<Violation> shared() {
    List<Violation> out = new ArrayList<>();
    forwarded.forEach((x, why) -> out.add(new Violation(Condition.NOTHING_SHARED, "", x.name(), why)));
    for (Relation x : program.relations()) {
      if (isStatic(x) || forwarded.containsKey(x)) {
        continue;
      }
      Optional<Rule> s = referrer(stay, x);
      Optional<Rule> m = referrer(move, x);
      if (s.isPresent() && m.isPresent()) {
        out.add(new Violation(Condition.NOTHING_SHARED, m.get().name(), x.name(), "both " + role.name() + "'s rule '"
            + s.get().name() + "' and " + hint.into() + "'s rule '" + m.get().name() + "' use " + x.name()));
      }
    }
    return out;
  }

  /**
   * {@link Condition#PERSISTED_FORWARDED_INPUTS} and {@link Condition#PERSISTED_REDIRECTED_INPUTS}:
   * every relation that reaches the new node over the network must have persisted at the original
   * node, or a fact the moved rules joined there with a later one may now arrive after it is gone.
   */
  List<Violation> unpersistedInputs() {
    List<Violation> out = new ArrayList<>();
    forwarded.forEach((x, why) -> {
      if (!Persistence.persisted(x, role.rules())) {
        out.add(new Violation(Condition.PERSISTED_FORWARDED_INPUTS, readerOf(move, x).map(Rule::name).orElse(""),
            x.name(), why + ", and " + x.name() + " is not persisted"));
      }
    });
    for (Relation x : redirected) {
      if (!Persistence.persisted(x, role.rules())) {
        String reader = readerOf(move, x).map(Rule::name).orElse("");
        out.add(new Violation(Condition.PERSISTED_REDIRECTED_INPUTS, reader, x.name(), hint.into() + "'s rule '" + reader
            + "' reads " + x.name() + ", which other nodes would send to " + hint.into() + " directly, and "
            + x.name() + " is not persisted: it could arrive before the facts it joins"));
      }
    }
    return out;
  }

  /**
   * {@link Condition#ONE_RELATION_PER_BODY} and {@link Condition#ONE_ATOM_PER_BODY}: a functional
   * rule's output depends on one input fact, so its body reads one atom that is not configuration
   * (a timer counts: its facts come and go).
   * Counting atoms, not relation names, is what refuses a self-join, which needs two facts.
   */
  List<Violation> multiFactBodies() {
    List<Violation> out = new ArrayList<>();
    for (Rule r : move) {
      // A timer fact holds only in the ticks it fires in, so a join with it needs two facts to meet
      // in one tick, like a join with a message: only configuration holds in every tick.
      List<Literal.AtomLiteral> atoms = r.atoms().filter(a -> !a.relation().is(RelationKind.CONFIG)).toList();
      List<String> names = atoms.stream().map(a -> a.relation().name()).distinct().toList();
      if (names.size() > 1) {
        out.add(new Violation(Condition.ONE_RELATION_PER_BODY, r.name(), names.get(1), "rule '" + r.name() + "' joins "
            + names.get(0) + " and " + names.get(1) + ", two relations that are not configuration"
            + (atoms.stream().anyMatch(a -> a.relation().is(RelationKind.TIMER)) ? " (a timer's facts hold only in the ticks it fires in)" : "")));
      } else if (atoms.size() > 1) {
        out.add(new Violation(Condition.ONE_ATOM_PER_BODY, r.name(), names.get(0), "rule '" + r.name() + "' joins "
            + names.get(0) + " with itself, so each output depends on two " + names.get(0) + " facts"));
      }
    }
    return out;
  }

  private static Optional<Rule> referrer(List<Rule> rules, Relation x) {
    return rules.stream().filter(r -> r.atoms().anyMatch(a -> a.relation().name().equals(x.name()))
        || (r.kind() != RuleKind.ASYNC && r.head().relation().name().equals(x.name()))).findFirst();
  }
}
