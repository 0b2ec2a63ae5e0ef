package dev.dedalus.processor.rewrite;

import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.Role;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.RuleKind;
import dev.dedalus.processor.plan.Exprs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Infers, from a seed, how every relation a role reads must be distributed so that the policy is
 * parallel-disjoint-correct: all facts of every derivation land on one partition (TR §4, B.1, B.2).
 *
 * <p>A policy gives each relation a key: expressions over its attributes, such as {@code (id)} or
 * {@code (hash(text))}. In every rule of the role, the keys of all atoms (positive or negated)
 * and of a locally derived head must evaluate to the same values: the rule's key. From a relation
 * whose key is known, the rule's key is found and then expressed over the other atoms' arguments:
 * directly by a shared variable (co-hashing), or through assignments {@code h = f(v)} of
 * {@code @Pure} functions, which carry functional dependencies within a rule and co-partition
 * dependencies across relations. Aggregations must group by the key; negations must mention it.
 * Config and timer relations are replicated to every partition and never constrain the key.
 */
final class PartitionInference {
  /** A relation whose facts the rule joins, negates or derives locally, with its arguments. */
  private record Occurrence(Relation relation, List<Expr> args, String verb) {}

  private final Role role;
  private final String seed;
  private final Map<String, List<Expr>> keys = new LinkedHashMap<>();
  /** Functional dependencies within relations: relation, column, the column as a function of others. */
  private final Map<String, Map<Integer, Expr>> dependencies;
  private final Map<String, String> keySources = new HashMap<>();
  private final List<String> violations = new ArrayList<>();
  private boolean usesFunctions;

  /** @param received relations that other nodes may send: their facts need not satisfy the role's dependencies */
  PartitionInference(Role role, String seed, Relation seedRelation, List<Integer> seedColumns, java.util.Set<String> received) {
    this.role = role;
    this.seed = seed;
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
          Expr value = expand(p.expr(), defs, 0);
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
          common.entrySet().removeIf(x -> !x.getValue().toString().equals(h.get(x.getKey()).toString()));
        }
      }
      if (common != null && !common.isEmpty()) {
        result.put(e.getKey(), common);
      }
    }
    return result;
  }

  /** {@code value} with its variables replaced by the head columns (other than {@code self}) that hold them. */
  private static Expr overHeadColumns(Expr value, List<HeadArg> args, int self, Map<String, Expr> defs) {
    if (value instanceof Expr.Call c) {
      if (!c.function().pure()) {
        return null;
      }
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
      if (k != self && args.get(k) instanceof HeadArg.Plain p
          && expand(p.expr(), defs, 0).toString().equals(value.toString())) {
        return new Expr.Var("$" + k, value.type());
      }
    }
    return null;
  }

  /** Runs the inference to a fixpoint; then {@link #violations()} tells whether a policy exists. */
  PartitionInference run() {
    boolean changed = true;
    while (changed && violations.isEmpty()) {
      changed = false;
      for (Rule rule : role.rules()) {
        changed |= visit(rule);
        if (!violations.isEmpty()) {
          return this;
        }
      }
    }
    for (Rule rule : role.rules()) {
      for (Occurrence o : occurrences(rule)) {
        if (!keys.containsKey(o.relation().name())) {
          violations.add("rule '" + rule.name() + "' " + o.verb() + " " + o.relation().name()
              + ", which no rule relates to the partition key");
          return this;
        }
      }
    }
    return this;
  }

  List<String> violations() {
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

  private boolean visit(Rule rule) {
    List<Occurrence> occurrences = occurrences(rule);
    Map<String, Expr> definitions = definitions(rule, dependencies);
    List<Expr> ruleKey = null;
    Occurrence keyedBy = null;
    for (Occurrence o : occurrences) {
      List<Expr> key = keys.get(o.relation().name());
      if (key != null) {
        ruleKey = instantiate(key, o.args(), definitions);
        keyedBy = o;
        if (ruleKey == null) {
          violations.add("rule '" + rule.name() + "' " + o.verb() + " " + o.relation().name() + " with '_' for "
              + describe(o.relation(), key) + ", the partition key");
          return false;
        }
        break;
      }
    }
    if (ruleKey == null) {
      return false;
    }
    boolean changed = false;
    for (Occurrence o : occurrences) {
      List<Expr> known = keys.get(o.relation().name());
      if (known != null) {
        List<Expr> here = instantiate(known, o.args(), definitions);
        if (here == null || !here.toString().equals(ruleKey.toString())) {
          violations.add("rule '" + rule.name() + "' needs " + o.relation().name() + " partitioned by "
              + describeArgs(o, definitions, ruleKey) + " but " + keySources.get(o.relation().name())
              + " partitions it by " + describe(o.relation(), known) + ", and the rule joins it with "
              + keyedBy.relation().name());
          return false;
        }
        continue;
      }
      List<Expr> expressed = new ArrayList<>();
      for (Expr k : ruleKey) {
        Expr e = express(k, o, definitions);
        if (e == null) {
          violations.add(groupOrJoin(rule, o, ruleKey, keyedBy));
          return false;
        }
        expressed.add(e);
      }
      keys.put(o.relation().name(), expressed);
      keySources.put(o.relation().name(), "rule '" + rule.name() + "'");
      changed = true;
    }
    return changed;
  }

  private String groupOrJoin(Rule rule, Occurrence o, List<Expr> ruleKey, Occurrence keyedBy) {
    String key = ruleKey.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
    if (o.verb().equals("derives") && rule.head().hasAggregate()) {
      String groups = o.args().stream().filter(a -> a != null).map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
      return "rule '" + rule.name() + "' groups " + keyedBy.relation().name() + " by " + groups + " but joins on "
          + key + ", the partition key";
    }
    String args = o.args().stream().map(a -> a == null ? "_" : a.toString()).collect(Collectors.joining(", ", "(", ")"));
    return "rule '" + rule.name() + "' " + o.verb() + " " + o.relation().name() + args + " but joins on " + key
        + ", the partition key, which " + o.relation().name() + " does not hold";
  }

  private String describeArgs(Occurrence o, Map<String, Expr> definitions, List<Expr> ruleKey) {
    List<String> names = new ArrayList<>();
    for (Expr k : ruleKey) {
      Expr e = express(k, o, definitions);
      names.add(e == null ? k.toString() : rename(e, o.relation()).toString());
    }
    return "(" + String.join(", ", names) + ")";
  }

  /** The atoms of a rule that partitioning constrains, and its head when it stays on the node. */
  private static List<Occurrence> occurrences(Rule rule) {
    List<Occurrence> out = new ArrayList<>();
    for (Literal l : rule.body()) {
      if (l instanceof Literal.AtomLiteral a && !Split.isStatic(a.relation())) {
        out.add(new Occurrence(a.relation(), a.args(), a.negated() ? "negates" : "joins"));
      }
    }
    if (rule.kind() != RuleKind.ASYNC) {
      List<Expr> args = new ArrayList<>();
      for (HeadArg h : rule.head().args()) {
        args.add(h instanceof HeadArg.Plain p ? p.expr() : null); // aggregates cannot carry a key
      }
      out.add(new Occurrence(rule.head().relation(), args, "derives"));
    }
    return out;
  }

  /**
   * The equations a rule states: variables assigned by {@code x = expr} of pure functions, and,
   * for each atom of a relation with a functional dependency, its dependent argument as a
   * function of the others (a co-partition dependency when it links attributes of different
   * relations through shared variables).
   */
  private static Map<String, Expr> definitions(Rule rule, Map<String, Map<Integer, Expr>> dependencies) {
    Map<String, Expr> defs = new HashMap<>();
    for (Literal l : rule.body()) {
      if (l instanceof Literal.Assignment a && deterministic(a.value())) {
        defs.put(a.variable().name(), a.value());
      }
    }
    for (Literal l : rule.body()) {
      if (l instanceof Literal.AtomLiteral a && !a.negated()) {
        Map<Integer, Expr> fds = dependencies.getOrDefault(a.relation().name(), Map.of());
        for (Map.Entry<Integer, Expr> fd : fds.entrySet()) {
          if (a.args().get(fd.getKey()) instanceof Expr.Var v && !defs.containsKey(v.name())) {
            Expr value = substituteColumns(fd.getValue(), a.args());
            if (value != null && !Exprs.variables(value).contains(v.name())) {
              defs.put(v.name(), value);
            }
          }
        }
      }
    }
    return defs;
  }

  private static boolean deterministic(Expr e) {
    if (e instanceof Expr.Call c) {
      return c.function().pure() && c.args().stream().allMatch(PartitionInference::deterministic);
    }
    if (e instanceof Expr.Binary b) {
      return deterministic(b.left()) && deterministic(b.right());
    }
    if (e instanceof Expr.Negate n) {
      return deterministic(n.operand());
    }
    return e instanceof Expr.Var || e instanceof Expr.Const;
  }

  /** A relation's key on one occurrence's arguments, with assigned variables expanded; null if an argument is {@code _}. */
  private static List<Expr> instantiate(List<Expr> key, List<Expr> args, Map<String, Expr> definitions) {
    List<Expr> out = new ArrayList<>();
    for (Expr k : key) {
      Expr e = substituteColumns(k, args);
      if (e == null) {
        return null;
      }
      out.add(expand(e, definitions, 0));
    }
    return out;
  }

  private static Expr substituteColumns(Expr k, List<Expr> args) {
    if (k instanceof Expr.Var v && v.name().startsWith("$")) {
      Expr arg = args.get(Integer.parseInt(v.name().substring(1)));
      return arg == null || arg instanceof Expr.Wildcard ? null : arg;
    }
    if (k instanceof Expr.Call c) {
      List<Expr> mapped = new ArrayList<>();
      for (Expr a : c.args()) {
        Expr m = substituteColumns(a, args);
        if (m == null) {
          return null;
        }
        mapped.add(m);
      }
      return new Expr.Call(c.function(), mapped);
    }
    return k;
  }

  private static Expr expand(Expr e, Map<String, Expr> definitions, int depth) {
    if (depth > 16) {
      return e;
    }
    if (e instanceof Expr.Var v && definitions.containsKey(v.name())) {
      return expand(definitions.get(v.name()), definitions, depth + 1);
    }
    if (e instanceof Expr.Call c) {
      return new Expr.Call(c.function(), c.args().stream().map(a -> expand(a, definitions, depth + 1)).toList());
    }
    if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), expand(b.left(), definitions, depth + 1), expand(b.right(), definitions, depth + 1), b.type());
    }
    return e;
  }

  /** Expresses one component of the rule's key over an occurrence's columns; null if impossible. */
  private Expr express(Expr k, Occurrence o, Map<String, Expr> definitions) {
    for (int i = 0; i < o.args().size(); i++) {
      Expr arg = o.args().get(i);
      if (arg != null && !(arg instanceof Expr.Wildcard)
          && expand(arg, definitions, 0).toString().equals(k.toString())) {
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

  static Expr.Var column(Relation r, int i) {
    return new Expr.Var("$" + i, r.attributes().get(i).type());
  }

  /** A key expression with column variables renamed to the relation's attribute names. */
  static Expr rename(Expr e, Relation r) {
    if (e instanceof Expr.Var v && v.name().startsWith("$")) {
      return new Expr.Var(r.attributes().get(Integer.parseInt(v.name().substring(1))).name(), v.type());
    }
    if (e instanceof Expr.Call c) {
      return new Expr.Call(c.function(), c.args().stream().map(a -> rename(a, r)).toList());
    }
    return e;
  }

  /** A key expression with column variables replaced by a head's arguments, for routing. */
  static Optional<Expr> onHead(Expr e, List<HeadArg> headArgs) {
    if (e instanceof Expr.Var v && v.name().startsWith("$")) {
      HeadArg h = headArgs.get(Integer.parseInt(v.name().substring(1)));
      return h instanceof HeadArg.Plain p ? Optional.of(p.expr()) : Optional.empty();
    }
    if (e instanceof Expr.Call c) {
      List<Expr> mapped = new ArrayList<>();
      for (Expr a : c.args()) {
        Optional<Expr> m = onHead(a, headArgs);
        if (m.isEmpty()) {
          return Optional.empty();
        }
        mapped.add(m.get());
      }
      return Optional.of(new Expr.Call(c.function(), mapped));
    }
    return Optional.of(e);
  }
}
