package dev.dedalus.processor.rewrite;

import dev.dedalus.processor.model.Aggregate;
import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.Exprs;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.Role;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.RuleKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Infers, from a seed, how every relation a role reads must be distributed so that the policy is
 * parallel-disjoint-correct: all facts of every derivation land on one partition (TR §4, B.1, B.2).
 *
 * <p>A policy gives each relation a key: expressions over its columns ({@link Expr.Column}), such
 * as {@code (id)} or {@code (hash(text))}. In every rule of the role, the keys of all atoms
 * (positive or negated) and of a locally derived head must evaluate to the same values: the rule's
 * key. From a relation whose key is known, the rule's key is found and then expressed over the
 * other atoms' arguments: directly by a shared variable (co-hashing), or through equations
 * {@code h = f(v)} or {@code h == f(v)} of {@code @Pure} functions, which carry functional
 * dependencies within a rule and co-partition dependencies across relations. Aggregations, local
 * or sent, must group by the key; negations must mention it; {@code index()} is refused. Config
 * and timer relations are replicated to every partition and never constrain the key.
 *
 * <p>Every failed condition is a {@link Violation}; conditions the {@link Safety} skips are passed
 * over, so that the soundness tests can show what each one guards.
 */
final class PartitionInference {
  /** A relation whose facts the rule joins, negates, derives locally or sends aggregated, with its arguments. */
  private record Occurrence(Relation relation, List<Expr> args, String verb) {
    boolean sent() {
      return verb.equals("sends");
    }

    String text() {
      return relation.name() + args.stream().map(a -> a == null ? "<aggregate>" : a.toString())
          .collect(Collectors.joining(", ", "(", ")"));
    }
  }

  private final Role role;
  private final Safety safety;
  private final Map<String, List<Expr>> keys = new LinkedHashMap<>();
  /** Functional dependencies within relations: relation, column, the column as a function of others. */
  private final Map<String, Map<Integer, Expr>> dependencies;
  private final Map<String, String> keySources = new HashMap<>();
  private final List<Violation> violations = new ArrayList<>();
  /**
   * Relations a skipped violation left without a key: {@link Condition#KEYED_RELATIONS} does not
   * refuse them again, so that skipping one condition (a test build) is not masked by another.
   * Their senders are not routed, so their facts all go to each instance's first partition.
   */
  private final java.util.Set<String> excused = new java.util.HashSet<>();
  private boolean usesFunctions;

  /** Ends the inference at its first recorded violation (see {@link #violate}). */
  private static final class Stop extends RuntimeException {
    Stop() {
      super(null, null, false, false);
    }
  }

  /** @param received relations that other nodes may send: their facts need not satisfy the role's dependencies */
  PartitionInference(Role role, Relation seedRelation, List<Integer> seedColumns, Set<String> received, Safety safety) {
    this.role = role;
    this.safety = safety;
    List<Expr> key = new ArrayList<>();
    for (int c : seedColumns) {
      key.add(column(seedRelation, c));
    }
    keys.put(seedRelation.name(), key);
    keySources.put(seedRelation.name(), "the hint");
    this.dependencies = functionalDependencies(role);
    this.dependencies.keySet().removeAll(received);
  }

  /**
   * Functional dependencies inherited through rules (TR B.2.1): column j of relation r is
   * {@code f(column k, ..)} when every rule of the role deriving r computes its j-th head argument
   * with {@code @Pure} functions from variables it puts in other head columns, and no other node
   * sends r. Within a rule, an atom of r then states the equation between its arguments.
   */
  private static Map<String, Map<Integer, Expr>> functionalDependencies(Role role) {
    Map<String, Map<Integer, Expr>> result = new HashMap<>();
    Map<String, List<Rule>> derivers = new LinkedHashMap<>();
    for (Rule r : role.rules()) {
      if (r.kind() != RuleKind.ASYNC) {
        derivers.computeIfAbsent(r.head().relation().name(), k -> new ArrayList<>()).add(r);
      }
    }
    for (Map.Entry<String, List<Rule>> e : derivers.entrySet()) {
      Map<Integer, Expr> common = null;
      for (Rule rule : e.getValue()) {
        Map<Integer, Expr> here = new HashMap<>();
        Map<String, Expr> defs = definitions(rule, Map.of());
        List<HeadArg> args = rule.head().args();
        for (int j = 0; j < args.size(); j++) {
          if (!(args.get(j) instanceof HeadArg.Plain p)) {
            continue;
          }
          Expr value = expand(p.expr(), defs);
          if (!(value instanceof Expr.Call)) {
            continue;
          }
          Expr overColumns = overHeadColumns(value, args, j, defs);
          if (overColumns != null) {
            here.put(j, overColumns);
          }
        }
        if (common == null) {
          common = here;
        } else {
          common.keySet().retainAll(here.keySet());
          final Map<Integer, Expr> h = here;
          common.entrySet().removeIf(x -> !x.getValue().equals(h.get(x.getKey())));
        }
      }
      if (common != null && !common.isEmpty()) {
        result.put(e.getKey(), common);
      }
    }
    return result;
  }

  /**
   * {@code value} with its variables replaced by the head columns (other than {@code self}) that
   * hold them. Impure calls are kept: {@link #define} refuses a dependency through one.
   */
  private static Expr overHeadColumns(Expr value, List<HeadArg> args, int self, Map<String, Expr> defs) {
    if (value instanceof Expr.Call c) {
      List<Expr> mapped = new ArrayList<>();
      for (Expr a : c.args()) {
        Expr m = overHeadColumns(a, args, self, defs);
        if (m == null) {
          return null;
        }
        mapped.add(m);
      }
      return new Expr.Call(c.function(), mapped);
    }
    if (value instanceof Expr.Const) {
      return value;
    }
    for (int k = 0; k < args.size(); k++) {
      if (k != self && args.get(k) instanceof HeadArg.Plain p && expand(p.expr(), defs).equals(value)) {
        return new Expr.Column(k, value.type());
      }
    }
    return null;
  }

  /**
   * Runs the inference to a fixpoint, or to its first violation; then {@link #violations()} tells
   * whether a policy exists, and {@link #keys()} holds the keys inferred so far.
   */
  PartitionInference run() {
    try {
      infer();
    } catch (Stop stop) {
      // the first violation decides
    }
    return this;
  }

  private void infer() {
    for (Rule rule : role.rules()) {
      if (rule.head().args().stream().anyMatch(a -> a instanceof HeadArg.Aggregated g && g.aggregate() == Aggregate.INDEX)) {
        violate(new Violation(Condition.NO_INDEX, rule.name(), rule.head().relation().name(), "rule '" + rule.name()
            + "' numbers facts with index(), and each partition would number its own facts from 0"));
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Rule rule : role.rules()) {
        changed |= visit(rule);
      }
    }
    for (Rule rule : role.rules()) {
      for (Occurrence o : occurrences(rule)) {
        if (!o.sent() && !keys.containsKey(o.relation().name()) && !excused.contains(o.relation().name())) {
          violate(new Violation(Condition.KEYED_RELATIONS, rule.name(), o.relation().name(), "rule '" + rule.name()
              + "' " + o.verb() + " " + o.relation().name() + ", which no rule relates to the partition key"));
        }
      }
    }
  }

  /**
   * Records a violation and stops the inference, unless its condition is skipped: then the
   * relation is excused and the inference goes on.
   */
  private void violate(Violation v) {
    if (safety.skips(v.condition())) {
      excused.add(v.relation());
      return;
    }
    violations.add(v);
    throw new Stop();
  }

  List<Violation> violations() {
    return violations;
  }

  Map<String, List<Expr>> keys() {
    return keys;
  }

  boolean usesFunctions() {
    return usesFunctions;
  }

  /** The key of a relation, as text over its attribute names, e.g. {@code (client, id)}. */
  static String describe(Relation r, List<Expr> key) {
    return key.stream().map(e -> rename(e, r).toString()).collect(Collectors.joining(", ", "(", ")"));
  }

  private static String text(List<Expr> exprs) {
    return exprs.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
  }

  private boolean visit(Rule rule) {
    List<Occurrence> occurrences = occurrences(rule);
    Map<String, Expr> definitions = definitions(rule, dependencies);
    List<Expr> ruleKey = null;
    Occurrence keyedBy = null;
    for (Occurrence o : occurrences) {
      List<Expr> key = o.sent() ? null : keys.get(o.relation().name());
      if (key != null) {
        List<Expr> here = instantiate(key, o.args(), definitions);
        if (here == null) {
          violate(noValueForKey(rule, o, key));
          continue;
        }
        ruleKey = here;
        keyedBy = o;
        break;
      }
    }
    if (ruleKey == null) {
      return false;
    }
    boolean changed = false;
    for (Occurrence o : occurrences) {
      List<Expr> known = o.sent() ? null : keys.get(o.relation().name());
      if (known != null) {
        List<Expr> here = instantiate(known, o.args(), definitions);
        if (here == null || !here.equals(ruleKey)) {
          violate(mismatch(rule, o, here, known, keyedBy, ruleKey));
        }
        continue;
      }
      List<Expr> expressed = new ArrayList<>();
      for (Expr k : ruleKey) {
        Expr e = express(k, o, definitions);
        if (e == null) {
          violate(notHeld(rule, o, ruleKey, keyedBy));
          expressed = null;
          break;
        }
        expressed.add(e);
      }
      if (expressed != null && !o.sent()) {
        keys.put(o.relation().name(), expressed);
        keySources.put(o.relation().name(), "rule '" + rule.name() + "'");
        changed = true;
      }
    }
    return changed;
  }

  /** Two atoms of a rule whose keys disagree: matching facts may lie on different partitions. */
  private Violation mismatch(Rule rule, Occurrence o, List<Expr> here, List<Expr> known, Occurrence keyedBy, List<Expr> ruleKey) {
    if (here == null) {
      return noValueForKey(rule, o, known);
    }
    String detail;
    if (o.relation().name().equals(keyedBy.relation().name())) {
      detail = "rule '" + rule.name() + "' joins " + keyedBy.text() + " keyed by " + text(ruleKey) + " with " + o.text()
          + " keyed by " + text(here) + ": " + o.relation().name() + " is partitioned by " + describe(o.relation(), known)
          + " (from " + keySources.get(o.relation().name()) + "), so facts that match may lie on different partitions";
    } else {
      detail = "rule '" + rule.name() + "' " + o.verb() + " " + o.text() + " keyed by " + text(here) + " with "
          + keyedBy.text() + " keyed by " + text(ruleKey) + ": " + o.relation().name() + " is partitioned by "
          + describe(o.relation(), known) + " (from " + keySources.get(o.relation().name())
          + "), so facts that match may lie on different partitions";
    }
    return new Violation(Condition.CO_PARTITIONED_ATOMS, rule.name(), o.relation().name(), detail);
  }

  /** An occurrence of a keyed relation with {@code _} or an aggregate in a column of its key. */
  private static Violation noValueForKey(Rule rule, Occurrence o, List<Expr> key) {
    return new Violation(Condition.CO_PARTITIONED_ATOMS, rule.name(), o.relation().name(), "rule '" + rule.name() + "' "
        + o.verb() + " " + o.text() + " with " + noValue(o) + " for " + describe(o.relation(), key) + ", the partition key");
  }

  /** What stands where a key needs a value: an aggregate of the head, or {@code _}. */
  private static String noValue(Occurrence o) {
    return o.args().stream().anyMatch(java.util.Objects::isNull) ? "an aggregate" : "'_'";
  }

  /** An occurrence that cannot hold the rule's key: a join, negation or group-by across partitions. */
  private Violation notHeld(Rule rule, Occurrence o, List<Expr> ruleKey, Occurrence keyedBy) {
    String key = text(ruleKey);
    boolean aggregated = (o.verb().equals("derives") || o.sent()) && rule.head().hasAggregate();
    if (aggregated) {
      String groups = o.args().stream().filter(a -> a != null).map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
      Condition c = o.sent() ? Condition.KEY_IN_SENT_GROUP_BY : Condition.KEY_IN_GROUP_BY;
      return new Violation(c, rule.name(), o.relation().name(), "rule '" + rule.name() + "' groups "
          + keyedBy.relation().name() + " by " + groups + " but joins on " + key + ", the partition key"
          + (o.sent() ? ", so each partition would send " + o.relation().name() + " its own partial result" : ""));
    }
    return new Violation(Condition.CO_PARTITIONED_ATOMS, rule.name(), o.relation().name(), "rule '" + rule.name() + "' "
        + o.verb() + " " + o.text() + " but joins on " + key + ", the partition key, which " + o.relation().name()
        + " does not hold");
  }

  /**
   * The atoms of a rule that partitioning constrains; its head when it stays on the node; and an
   * aggregating {@code :~} head, whose groups must each lie on one partition too.
   */
  private static List<Occurrence> occurrences(Rule rule) {
    List<Occurrence> out = new ArrayList<>();
    for (Literal l : rule.body()) {
      if (l instanceof Literal.AtomLiteral a && !Split.isStatic(a.relation())) {
        out.add(new Occurrence(a.relation(), a.args(), a.negated() ? "negates" : "joins"));
      }
    }
    if (rule.kind() != RuleKind.ASYNC || rule.head().hasAggregate()) {
      String verb = rule.kind() == RuleKind.ASYNC ? "sends" : "derives";
      out.add(new Occurrence(rule.head().relation(), plain(rule.head().args()), verb));
    }
    return out;
  }

  /**
   * The equations a rule states: variables assigned by {@code x = expr} or compared by
   * {@code x == expr} with deterministic expressions (pure functions), and, for each atom of a
   * relation with a functional dependency, its dependent argument as a function of the others (a
   * co-partition dependency when it links attributes of different relations through shared
   * variables).
   */
  private static Map<String, Expr> definitions(Rule rule, Map<String, Map<Integer, Expr>> dependencies) {
    Map<String, Expr> defs = new HashMap<>();
    for (Literal l : rule.body()) {
      if (l instanceof Literal.Assignment a) {
        define(defs, a.variable(), a.value());
      }
    }
    for (Literal l : rule.body()) {
      // A comparison h == f(k) states the same dependency as h = f(k); doubles aside, whose == (0.0 == -0.0)
      // disagrees with hashing by value.
      if (l instanceof Literal.Filter f && f.condition() instanceof Expr.Binary b && b.op() == Expr.Operator.EQ
          && b.left().type() != dev.dedalus.processor.model.Type.DOUBLE) {
        define(defs, b.left(), b.right());
        define(defs, b.right(), b.left());
      }
    }
    for (Literal l : rule.body()) {
      if (l instanceof Literal.AtomLiteral a && !a.negated()) {
        Map<Integer, Expr> fds = dependencies.getOrDefault(a.relation().name(), Map.of());
        for (Map.Entry<Integer, Expr> fd : fds.entrySet()) {
          if (a.args().get(fd.getKey()) instanceof Expr.Var v) {
            Expr value = substituteColumns(fd.getValue(), a.args());
            if (value != null) {
              define(defs, v, value);
            }
          }
        }
      }
    }
    return defs;
  }

  /**
   * {@code variable == value}: defines the variable, if it is one, not yet defined, and not used by
   * the value. Every definition goes through here, so definitions never form a cycle.
   */
  private static void define(Map<String, Expr> defs, Expr variable, Expr value) {
    if (variable instanceof Expr.Var v && !defs.containsKey(v.name()) && deterministic(value)
        && !Exprs.variables(expand(value, defs)).contains(v.name())) {
      defs.put(v.name(), value);
    }
  }

  /** Whether an expression has one value wherever it is evaluated: variables, constants, arithmetic and pure calls. */
  private static boolean deterministic(Expr e) {
    return Exprs.nodes(e).allMatch(n -> n instanceof Expr.Var || n instanceof Expr.Const || n instanceof Expr.Binary
        || n instanceof Expr.Negate || (n instanceof Expr.Call c && c.function().pure()));
  }

  /** A relation's key on one occurrence's arguments, with defined variables expanded; null if an argument is {@code _} or aggregated. */
  private static List<Expr> instantiate(List<Expr> key, List<Expr> args, Map<String, Expr> definitions) {
    List<Expr> out = new ArrayList<>();
    for (Expr k : key) {
      Expr e = substituteColumns(k, args);
      if (e == null) {
        return null;
      }
      out.add(expand(e, definitions));
    }
    return out;
  }

  /**
   * A key over columns with each column replaced by the occurrence's argument; null if one is
   * {@code _} or aggregated (null).
   */
  private static Expr substituteColumns(Expr k, List<Expr> args) {
    boolean[] missing = {false};
    Expr out = Exprs.replace(k, n -> {
      if (n instanceof Expr.Column c) {
        Expr arg = args.get(c.index());
        missing[0] |= arg == null || arg instanceof Expr.Wildcard;
        return Optional.ofNullable(arg);
      }
      return Optional.empty();
    });
    return missing[0] ? null : out;
  }

  /** {@code e} with defined variables replaced by their definitions, transitively (they form no cycle). */
  private static Expr expand(Expr e, Map<String, Expr> definitions) {
    return Exprs.replace(e, n -> n instanceof Expr.Var v && definitions.containsKey(v.name())
        ? Optional.of(expand(definitions.get(v.name()), definitions)) : Optional.empty());
  }

  /** Expresses one component of the rule's key over an occurrence's columns; null if impossible. */
  private Expr express(Expr k, Occurrence o, Map<String, Expr> definitions) {
    for (int i = 0; i < o.args().size(); i++) {
      Expr arg = o.args().get(i);
      if (arg != null && !(arg instanceof Expr.Wildcard) && expand(arg, definitions).equals(k)) {
        return column(o.relation(), i);
      }
    }
    if (k instanceof Expr.Call c && c.function().pure()) {
      List<Expr> mapped = new ArrayList<>();
      for (Expr a : c.args()) {
        Expr m = express(a, o, definitions);
        if (m == null) {
          return null;
        }
        mapped.add(m);
      }
      usesFunctions = true;
      return new Expr.Call(c.function(), mapped);
    }
    return null;
  }

  static Expr.Column column(Relation r, int i) {
    return new Expr.Column(i, r.attributes().get(i).type());
  }

  /** A key expression with columns renamed to the relation's attribute names. */
  static Expr rename(Expr e, Relation r) {
    return Exprs.replace(e, n -> n instanceof Expr.Column c
        ? Optional.of(new Expr.Var(r.attributes().get(c.index()).name(), c.type())) : Optional.empty());
  }

  /** A key expression with columns replaced by a head's arguments, for routing; empty if a column is aggregated. */
  static Optional<Expr> onHead(Expr e, List<HeadArg> headArgs) {
    return Optional.ofNullable(substituteColumns(e, plain(headArgs)));
  }

  /** A head's arguments as an occurrence's: each plain expression, null for an aggregate (which cannot carry a key). */
  private static List<Expr> plain(List<HeadArg> headArgs) {
    List<Expr> args = new ArrayList<>();
    for (HeadArg h : headArgs) {
      args.add(h instanceof HeadArg.Plain p ? p.expr() : null);
    }
    return args;
  }
}
