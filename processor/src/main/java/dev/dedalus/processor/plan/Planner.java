package dev.dedalus.processor.plan;

import dev.dedalus.processor.model.Aggregate;
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
import dev.dedalus.processor.model.Stratum;
import dev.dedalus.processor.model.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The plan phase: decides, at compile time, how each role's stage stores its relations, in which
 * order each rule's body is joined, which columns each join probes (and so which indexes exist),
 * and which rules evaluate semi-naively over new facts only.
 */
public final class Planner {
  private final dev.dedalus.processor.rewrite.Safety safety;

  /** @param safety the safeguards this build keeps (a test build may revert some) */
  public Planner(dev.dedalus.processor.rewrite.Safety safety) {
    this.safety = safety;
  }

  /** The relations that cross the network, in declaration order; a relation's id is its position. */
  public static List<Relation> networkRelations(Program program) {
    Set<String> sent = new HashSet<>();
    program.roles().forEach(r -> r.rules().stream().filter(rule -> rule.kind() == RuleKind.ASYNC)
        .forEach(rule -> sent.add(rule.head().relation().name())));
    return program.relations().stream()
        .filter(r -> r.is(RelationKind.INPUT) || r.is(RelationKind.OUTPUT) || sent.contains(r.name()))
        .toList();
  }

  public RolePlan plan(Program program, Role role) {
    Set<String> network = new HashSet<>();
    networkRelations(program).forEach(r -> network.add(r.name()));
    Set<String> stored = new LinkedHashSet<>();
    Set<String> nextTick = new HashSet<>();
    for (Rule rule : role.rules()) {
      rule.atoms().forEach(a -> stored.add(a.relation().name()));
      if (rule.kind() != RuleKind.ASYNC) {
        stored.add(rule.head().relation().name());
      }
      if (rule.kind() == RuleKind.INDUCTIVE) {
        nextTick.add(rule.head().relation().name());
      }
    }
    Set<String> read = role.reads();
    Map<String, Storage> storage = new HashMap<>();
    Set<String> received = new HashSet<>();
    for (Relation r : program.relations()) {
      if (stored.contains(r.name())) {
        storage.put(r.name(), r.is(RelationKind.CONFIG) ? Storage.CONFIG : r.isPersisted() ? Storage.PERSISTED : Storage.TRANSIENT);
        if (read.contains(r.name()) && (network.contains(r.name()) || r.is(RelationKind.TIMER))) {
          received.add(r.name());
        }
      }
    }
    // Relations a persist-until rule carries are kept in place, and aggregates over them maintained.
    Map<String, Rule> keptBy = new java.util.LinkedHashMap<>();
    for (Relation r : program.relations()) {
      if (storage.get(r.name()) == Storage.TRANSIENT && nextTick.contains(r.name())) {
        Maintenance.keptCarry(role, r, storage).ifPresent(rule -> keptBy.put(r.name(), rule));
      }
    }
    keptBy.keySet().forEach(name -> storage.put(name, Storage.STORE));
    Map<Rule, Relation> maintained = new HashMap<>();
    for (Stratum s : role.strata()) {
      for (Rule rule : s.rules()) {
        Maintenance.maintainable(rule, role, s, storage, received, nextTick)
            .filter(x -> keptBy.containsKey(x.name()))
            .ifPresent(x -> {
              maintained.put(rule, x);
              storage.put(rule.head().relation().name(), Storage.STORE);
            });
      }
    }
    List<RelationUse> uses = new ArrayList<>();
    for (Relation r : program.relations()) {
      if (storage.containsKey(r.name())) {
        Rule kept = keptBy.get(r.name());
        // A kept relation needs a next-tick buffer only for facts other ':+' rules add.
        boolean next = nextTick.contains(r.name()) && (kept == null || role.rules().stream()
            .anyMatch(o -> o != kept && o.kind() == RuleKind.INDUCTIVE && o.head().relation().name().equals(r.name())));
        uses.add(new RelationUse(r, storage.get(r.name()), received.contains(r.name()), next, r.is(RelationKind.DURABLE)));
      }
    }

    Map<String, IndexSpec> indexes = new TreeMap<>();
    int ruleIndex = 0;
    Map<Rule, Integer> indexOf = new HashMap<>();
    for (Rule rule : role.rules()) {
      indexOf.put(rule, ruleIndex++);
    }
    List<List<RulePlan>> strata = new ArrayList<>();
    List<Boolean> recursive = new ArrayList<>();
    for (Stratum s : role.strata()) {
      List<RulePlan> plans = new ArrayList<>();
      for (Rule rule : dependencyOrder(s)) {
        plans.add(planRule(rule, indexOf.get(rule), storage, s.recursive(), indexes, maintained.get(rule)));
      }
      strata.add(plans);
      recursive.add(s.recursive());
    }
    List<RulePlan> deferred = new ArrayList<>();
    List<KeptCarry> carries = new ArrayList<>();
    role.deferredRules().forEach(rule -> {
      if (keptBy.containsValue(rule)) {
        carries.add(keptCarry(rule, storage, indexes));
      } else {
        deferred.add(planRule(rule, indexOf.get(rule), storage, false, indexes, null)
            .withDistinctSends(mayRepeatSends(rule, role)));
      }
    });
    boolean partitioned = program.partitions().stream().anyMatch(p -> p.role().equals(role.name()));
    RolePlan.SelfLocation self = partitioned && safety.checks(dev.dedalus.processor.rewrite.Condition.INSTANCE_SELF)
        ? RolePlan.SelfLocation.INSTANCE : RolePlan.SelfLocation.NODE;
    List<TickStatement> tick = TickSchedule.of(role, uses, strata, recursive, deferred, carries);
    return new RolePlan(program, role, uses, List.copyOf(indexes.values()), strata, recursive, deferred, carries, tick,
        self, forwards(role), routedRoles(role));
  }

  /** Every distinct {@code forward(from, to, ..)} the role's rules use, at any depth, in first-use order. */
  private static List<Expr.Forward> forwards(Role role) {
    Map<String, Expr.Forward> found = new java.util.LinkedHashMap<>();
    for (Rule r : role.rules()) {
      for (Expr e : Exprs.of(r)) {
        Exprs.nodes(e).forEach(n -> {
          if (n instanceof Expr.Forward f) {
            found.putIfAbsent(f.from() + "->" + f.to(), f);
          }
        });
      }
    }
    return List.copyOf(found.values());
  }

  /**
   * Every role the role's rules route to by partition key, at any depth: a destination may route
   * through several partitioned roles, {@code partition(B, partition(A, dest, ..), ..)}.
   */
  private java.util.SortedSet<String> routedRoles(Role role) {
    java.util.SortedSet<String> roles = new java.util.TreeSet<>();
    for (Rule r : role.rules()) {
      for (Expr e : Exprs.of(r)) {
        if (safety.skips(dev.dedalus.processor.rewrite.Condition.NESTED_ROUTING)) {
          if (e instanceof Expr.Partition p && r.head().destination().filter(e::equals).isPresent()) {
            roles.add(p.role()); // the reverted safeguard: only the outermost routing of a destination
          }
          continue;
        }
        Exprs.nodes(e).forEach(n -> {
          if (n instanceof Expr.Partition p) {
            roles.add(p.role());
          }
        });
      }
    }
    return roles;
  }

  /**
   * Orders a stratum's rules so that a rule comes after the rules deriving what it reads (within
   * a recursive cycle any order is fine: the fixpoint loop repeats them). A depth-first
   * post-order over head relations, in declaration order for determinism.
   */
  private static List<Rule> dependencyOrder(Stratum stratum) {
    Set<String> derivedHere = new HashSet<>(stratum.relations());
    Map<String, List<Rule>> rulesByHead = new TreeMap<>();
    stratum.rules().forEach(r -> rulesByHead.computeIfAbsent(r.head().relation().name(), k -> new ArrayList<>()).add(r));
    List<String> order = new ArrayList<>();
    Set<String> visiting = new HashSet<>();
    for (Rule r : stratum.rules()) {
      visit(r.head().relation().name(), rulesByHead, derivedHere, visiting, order);
    }
    List<Rule> rules = new ArrayList<>();
    for (String relation : order) {
      rules.addAll(rulesByHead.get(relation));
    }
    return rules;
  }

  private static void visit(String relation, Map<String, List<Rule>> rulesByHead, Set<String> derivedHere,
      Set<String> visiting, List<String> order) {
    if (order.contains(relation) || !visiting.add(relation)) {
      return;
    }
    for (Rule r : rulesByHead.get(relation)) {
      r.atoms().map(a -> a.relation().name()).filter(derivedHere::contains)
          .forEach(dep -> visit(dep, rulesByHead, derivedHere, visiting, order));
    }
    order.add(relation);
  }

  /**
   * Whether an asynchronous rule may send one fact to one destination twice in a tick: when another
   * rule of the role sends the same relation, or when its head does not determine the binding (an
   * atom's {@code _}, or a variable bound by a positive atom that is not a whole head argument or the
   * destination). Distinct bindings of a body give distinct heads otherwise, so only such rules pay
   * for remembering what they sent.
   */
  static boolean mayRepeatSends(Rule rule, Role role) {
    if (rule.kind() != RuleKind.ASYNC) {
      return false;
    }
    String relation = rule.head().relation().name();
    if (role.rules().stream().anyMatch(o -> o != rule && o.kind() == RuleKind.ASYNC
        && o.head().relation().name().equals(relation))) {
      return true;
    }
    if (rule.head().hasAggregate()) {
      return false; // one fact per group, and groups differ in destination or group-by
    }
    Set<String> inHead = new HashSet<>();
    rule.head().destination().filter(Expr.Var.class::isInstance).ifPresent(d -> inHead.add(((Expr.Var) d).name()));
    rule.head().args().forEach(a -> {
      if (a instanceof HeadArg.Plain p && p.expr() instanceof Expr.Var v) {
        inHead.add(v.name());
      }
    });
    return rule.atoms().filter(a -> !a.negated()).flatMap(a -> a.args().stream())
        .anyMatch(arg -> arg instanceof Expr.Wildcard || (arg instanceof Expr.Var v && !inHead.contains(v.name())));
  }

  private RulePlan planRule(Rule rule, int index, Map<String, Storage> storage, boolean inRecursiveStratum,
      Map<String, IndexSpec> indexes, Relation maintainedOver) {
    if (maintainedOver != null) {
      // Groups live on: each run folds in the store's facts new since the last (erased ones fold out).
      return new RulePlan(rule, index, false, true,
          List.of(new RulePlan.Version(0, BindPruning.prune(order(rule, 0, storage, indexes), BindPruning.headNeeds(rule, -1)))),
          false, -1, maintainedOver);
    }
    boolean monotone = !rule.isNonMonotonic();
    boolean accumulating = monotone
        && (rule.kind() == RuleKind.ASYNC || rule.head().relation().isPersisted());
    List<Literal.AtomLiteral> positives = rule.atoms().filter(a -> !a.negated()).toList();
    boolean incrementalAggregate = rule.head().hasAggregate()
        && !positives.isEmpty()
        && rule.atoms().noneMatch(Literal.AtomLiteral::negated)
        && rule.head().args().stream().noneMatch(a -> a instanceof HeadArg.Aggregated g && g.aggregate() == Aggregate.INDEX)
        && positives.stream().allMatch(a -> storage.get(a.relation().name()) == Storage.PERSISTED
            || storage.get(a.relation().name()) == Storage.CONFIG);
    List<RulePlan.Version> versions = new ArrayList<>();
    if ((rule.head().hasAggregate() && !incrementalAggregate) || (!accumulating && !inRecursiveStratum && !incrementalAggregate)
        || positives.isEmpty()) {
      versions.add(new RulePlan.Version(-1, order(rule, -1, storage, indexes)));
    } else {
      for (int j = 0; j < positives.size(); j++) {
        versions.add(new RulePlan.Version(j, order(rule, j, storage, indexes)));
      }
    }
    int reused = rule.head().hasAggregate() ? -1 : rule.copiedAtom();
    Set<String> needs = BindPruning.headNeeds(rule, reused);
    List<RulePlan.Version> pruned = versions.stream()
        .map(v -> new RulePlan.Version(v.deltaAtom(), BindPruning.prune(v.steps(), needs))).toList();
    return new RulePlan(rule, index, accumulating, incrementalAggregate, pruned, false, reused, null);
  }

  /**
   * Plans a persist-until rule that keeps its relation in place: the checks of one new fact (the
   * rule's body over all facts), and for each negated atom, how its new facts reach the carried
   * facts they drop: an index of the carried relation on the columns the atom shares with it.
   */
  private KeptCarry keptCarry(Rule rule, Map<String, Storage> storage, Map<String, IndexSpec> indexes) {
    Relation x = rule.head().relation();
    List<Literal.AtomLiteral> atoms = rule.atoms().toList();
    Literal.AtomLiteral self = atoms.stream().filter(a -> !a.negated()).findFirst().orElseThrow();
    List<KeptCarry.DropProbe> probes = new ArrayList<>();
    for (int i = 0; i < atoms.size(); i++) {
      Literal.AtomLiteral d = atoms.get(i);
      Storage ds = storage.get(d.relation().name());
      if (!d.negated() || ds == Storage.CONFIG) {
        continue; // configuration never changes: a carried fact it did not drop, it never drops
      }
      TreeMap<Integer, Integer> keyOf = new TreeMap<>(); // column of X -> column of D
      List<Step.ColumnExpr> constants = new ArrayList<>();
      List<KeptCarry.ColumnPair> repeats = new ArrayList<>();
      Map<String, Integer> firstColumn = new HashMap<>();
      for (int c = 0; c < d.args().size(); c++) {
        Expr arg = d.args().get(c);
        if (arg instanceof Expr.Const) {
          constants.add(new Step.ColumnExpr(c, arg));
        } else if (arg instanceof Expr.Var v) {
          Integer seen = firstColumn.putIfAbsent(v.name(), c);
          if (seen != null) {
            repeats.add(new KeptCarry.ColumnPair(seen, c));
          } else {
            keyOf.put(columnOf(self, v.name()), c);
          }
        }
      }
      IndexSpec index = null;
      if (!keyOf.isEmpty()) {
        List<Integer> columns = List.copyOf(keyOf.keySet());
        index = indexes.computeIfAbsent(new IndexSpec(x, columns).name(), k -> new IndexSpec(x, columns));
      }
      KeptCarry.Reach reach = ds == Storage.PERSISTED ? KeptCarry.Reach.SINCE_LAST_TICK : KeptCarry.Reach.ALL;
      probes.add(new KeptCarry.DropProbe(i, d.relation(), reach, index, List.copyOf(keyOf.values()), constants, repeats));
    }
    return new KeptCarry(x, rule, BindPruning.prune(order(rule, -1, storage, indexes), Set.of()), probes);
  }

  /** The column of an atom whose argument is the variable {@code name}. */
  private static int columnOf(Literal.AtomLiteral atom, String name) {
    for (int c = 0; c < atom.args().size(); c++) {
      if (atom.args().get(c) instanceof Expr.Var v && v.name().equals(name)) {
        return c;
      }
    }
    throw new IllegalStateException(atom + " binds no " + name);
  }

  /** Orders one version's body into steps; {@code delta} is the positive atom over NEW facts, or -1. */
  private List<Step> order(Rule rule, int delta, Map<String, Storage> storage, Map<String, IndexSpec> indexes) {
    List<Literal.AtomLiteral> positives = new ArrayList<>();
    List<Literal> others = new ArrayList<>();
    for (Literal l : rule.body()) {
      if (l instanceof Literal.AtomLiteral a && !a.negated()) {
        positives.add(a);
      } else {
        others.add(l);
      }
    }
    Set<String> bound = new HashSet<>();
    List<Step> steps = new ArrayList<>();
    Set<Integer> placed = new HashSet<>();
    List<Literal> pending = new ArrayList<>(others);
    Set<String> names = new HashSet<>();
    Exprs.of(rule).forEach(e -> names.addAll(Exprs.variables(e)));
    placeReady(pending, bound, steps, indexes);
    while (placed.size() < positives.size()) {
      // The version's new facts go outermost, unless an argument like t + 1 needs a variable that
      // another atom binds: then that atom goes first, and the new facts as soon as they can. The
      // ranges follow atom positions, not this order, so each derivation is still found once.
      int next = delta >= 0 && !placed.contains(delta) && placeable(positives.get(delta), bound)
          ? delta : choose(positives, placed, bound, storage, delta);
      placed.add(next);
      Step.Range range = delta < 0 ? Step.Range.ALL : next < delta ? Step.Range.OLD : next == delta ? Step.Range.NEW : Step.Range.ALL;
      steps.add(join(next, positives.get(next), range, bound, indexes, pending, names));
      placeReady(pending, bound, steps, indexes);
    }
    if (!pending.isEmpty()) {
      throw new IllegalStateException("rule " + rule.name() + ": cannot place " + pending + " (range restriction)");
    }
    return steps;
  }

  /**
   * Picks the next positive atom: the most bound columns first; unbound, the smallest kind of
   * relation. When no atom is placeable (every one waits on a variable only it or another waiting
   * atom binds, as in {@code Edge(a, a + 1)}), the version's new facts if unplaced, else the best
   * atom anyway: {@link #join} then binds the waiting columns afresh and compares them later.
   */
  private static int choose(List<Literal.AtomLiteral> positives, Set<Integer> placed, Set<String> bound,
      Map<String, Storage> storage, int delta) {
    int best = best(positives, placed, bound, storage, true);
    if (best >= 0) {
      return best;
    }
    if (delta >= 0 && !placed.contains(delta)) {
      return delta;
    }
    best = best(positives, placed, bound, storage, false);
    if (best < 0) {
      throw new IllegalStateException("no atom left among " + positives);
    }
    return best;
  }

  private static int best(List<Literal.AtomLiteral> positives, Set<Integer> placed, Set<String> bound,
      Map<String, Storage> storage, boolean placeableOnly) {
    int best = -1;
    long bestScore = Long.MIN_VALUE;
    for (int i = 0; i < positives.size(); i++) {
      if (placed.contains(i) || (placeableOnly && !placeable(positives.get(i), bound))) {
        continue;
      }
      Literal.AtomLiteral a = positives.get(i);
      int boundColumns = 0;
      for (Expr arg : a.args()) {
        if (!(arg instanceof Expr.Wildcard) && bound.containsAll(Exprs.variables(arg))) {
          boundColumns++;
        }
      }
      // Config relations are tiny; per-tick relations hold only this tick's facts; persisted ones grow.
      int sizeRank = switch (storage.get(a.relation().name())) {
        case CONFIG -> 2;
        case TRANSIENT -> 1;
        case PERSISTED, STORE -> 0;
      };
      long score = boundColumns * 10L + (boundColumns == 0 ? sizeRank : 0);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  /** An atom can be joined once the variables of its expression arguments are bound. */
  private static boolean placeable(Literal.AtomLiteral a, Set<String> bound) {
    for (Expr arg : a.args()) {
      if (!(arg instanceof Expr.Var) && !(arg instanceof Expr.Wildcard) && !bound.containsAll(Exprs.variables(arg))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Joins an atom: bound arguments are probe keys, new variables are bound. An expression argument
   * whose variables are not all bound yet ({@code Edge(a, a + 1)}) cannot be a key: its column binds
   * a fresh variable, and a filter {@code fresh == a + 1}, added to {@code pending}, runs once the
   * expression's variables are bound. {@code names} holds the rule's variables and the fresh ones.
   */
  private static Step.Join join(int atom, Literal.AtomLiteral a, Step.Range range, Set<String> bound,
      Map<String, IndexSpec> indexes, List<Literal> pending, Set<String> names) {
    List<Integer> keyColumns = new ArrayList<>();
    List<Expr> keys = new ArrayList<>();
    List<Step.ColumnVar> binds = new ArrayList<>();
    List<Step.ColumnExpr> checks = new ArrayList<>();
    Set<String> bindingHere = new HashSet<>();
    for (int c = 0; c < a.args().size(); c++) {
      Expr arg = a.args().get(c);
      if (arg instanceof Expr.Wildcard) {
        continue;
      }
      if (!(arg instanceof Expr.Var) && !bound.containsAll(Exprs.variables(arg))) {
        String name = "col" + atom + "_" + c;
        while (!names.add(name)) {
          name += "_";
        }
        Expr.Var fresh = new Expr.Var(name, a.relation().attributes().get(c).type());
        bindingHere.add(name);
        binds.add(new Step.ColumnVar(c, fresh));
        pending.add(new Literal.Filter(new Expr.Binary(Expr.Operator.EQ, fresh, arg, Type.BOOLEAN)));
        continue;
      }
      if (arg instanceof Expr.Var v && !bound.contains(v.name())) {
        if (bindingHere.add(v.name())) {
          binds.add(new Step.ColumnVar(c, v));
        } else {
          checks.add(new Step.ColumnExpr(c, v)); // R(x, x): the second x must equal the first
        }
        continue;
      }
      keyColumns.add(c);
      keys.add(arg);
    }
    bound.addAll(bindingHere);
    IndexSpec index = null;
    if (!keyColumns.isEmpty()) {
      index = indexes.computeIfAbsent(new IndexSpec(a.relation(), keyColumns).name(), k -> new IndexSpec(a.relation(), keyColumns));
    }
    return new Step.Join(atom, a, range, index, keys, binds, checks);
  }

  /** Places every non-atom literal whose variables are bound, repeating as assignments bind more. */
  private static void placeReady(List<Literal> pending, Set<String> bound, List<Step> steps, Map<String, IndexSpec> indexes) {
    boolean progress = true;
    while (progress) {
      progress = false;
      for (var it = pending.iterator(); it.hasNext(); ) {
        Literal l = it.next();
        Step step = null;
        if (l instanceof Literal.Filter f && bound.containsAll(Exprs.variables(f.condition()))) {
          step = new Step.Filter(f.condition());
        } else if (l instanceof Literal.Assignment a && bound.containsAll(Exprs.variables(a.value()))) {
          step = new Step.Assign(a.variable(), a.value());
          bound.add(a.variable().name());
        } else if (l instanceof Literal.AtomLiteral a && a.negated() && bound.containsAll(atomVariables(a))) {
          step = antiJoin(a, indexes);
        }
        if (step != null) {
          steps.add(step);
          it.remove();
          progress = true;
        }
      }
    }
  }

  private static Set<String> atomVariables(Literal.AtomLiteral a) {
    Set<String> vars = new LinkedHashSet<>();
    a.args().forEach(arg -> vars.addAll(Exprs.variables(arg)));
    return vars;
  }

  private static Step.AntiJoin antiJoin(Literal.AtomLiteral a, Map<String, IndexSpec> indexes) {
    List<Integer> keyColumns = new ArrayList<>();
    List<Expr> keys = new ArrayList<>();
    for (int c = 0; c < a.args().size(); c++) {
      if (!(a.args().get(c) instanceof Expr.Wildcard)) {
        keyColumns.add(c);
        keys.add(a.args().get(c));
      }
    }
    IndexSpec index = null;
    if (!keyColumns.isEmpty()) {
      index = indexes.computeIfAbsent(new IndexSpec(a.relation(), keyColumns).name(), k -> new IndexSpec(a.relation(), keyColumns));
    }
    return new Step.AntiJoin(-1, a, index, keys);
  }
}
