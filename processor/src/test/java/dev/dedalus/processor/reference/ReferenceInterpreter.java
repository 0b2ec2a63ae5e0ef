package dev.dedalus.processor.reference;

import dev.dedalus.Location;
import dev.dedalus.processor.model.Aggregate;
import dev.dedalus.processor.model.ConfigSource;
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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A naive, obviously correct evaluator of one role's ticks over the processor's model: the
 * reference the generated stages are compared with ({@code soundness.ReferenceEquivalenceTest}).
 *
 * <p>No indexes, no incrementality. Each tick starts from the facts carried in (a persisted
 * relation keeps all its facts; any other relation holds what the {@code :+} rules derived for it
 * in the previous tick), the {@code @Config} facts, the facts delivered since the previous tick and
 * the timers that fire; evaluates the deductive rules stratum by stratum, each by re-deriving
 * everything from every combination of facts until nothing new is derived; then the {@code :+}
 * rules (the facts of the next tick) and the {@code :~} rules (the sends). Facts are lists of
 * values ({@link Values}); relations are sets of them.
 *
 * <p>Expressions follow the language (docs/LANGUAGE.md) and what the generated code computes
 * ({@code generate.ExprCode}): {@code int}/{@code long}/{@code double} arithmetic after Java's
 * binary numeric promotion, with wrapping overflow and truncating integer division; an integer
 * division or remainder by zero drops the binding (nothing is derived from it); comparisons of
 * numbers after promotion, of strings and locations by {@code compareTo}, of everything else by
 * value; {@code self} is the node's location; functions are the program's static methods, called
 * by reflection. Values are converted to the attribute's type where they fill one. Only the rules
 * as written (a base plan) are understood: {@code forward(..)} and {@code partition(..)} are not.
 *
 * <p>Aggregates: {@code count(x)} counts distinct values of {@code x} per group; {@code sum},
 * {@code min} and {@code max} range over the distinct derivations (distinct combinations of
 * positive body facts) of the group; the group-by is the plain head arguments and the destination.
 * {@code choose(x)} and {@code index()} are legitimately nondeterministic: the reference computes
 * some value, but every relation that depends on such a rule, transitively (through any body atom,
 * negated or not, and across ticks through {@code :+} rules), is {@link #undetermined()}, and so is
 * every relation a {@code :~} rule sends from such a body; callers compare only the rest.
 *
 * <p>{@link SendSemantics} says which sends a tick makes: the language's (a {@code :~} rule sends
 * its head in every tick its body holds) or the generated engine's, which differs for rules whose
 * body reads only persisted and configuration relations: those send each derivation once.
 */
public final class ReferenceInterpreter {

  /** One asynchronous head of a tick: the fact {@code fact} of {@code relation} sent to {@code destination}. */
  public record Send(Location destination, String relation, List<Object> fact) {
    @Override
    public String toString() {
      return Values.show(relation, fact) + " to " + destination;
    }
  }

  /**
   * What a tick did.
   *
   * @param sends the tick's sends, a set
   * @param carried for every relation the role holds (config excluded), the facts it holds at the
   *     start of the next tick before deliveries; relations that hold nothing are absent
   * @param again what {@code Stage.tick} must return: input arrived or a timer fired, or the carried
   *     state changed; null where undetermined relations decide it
   */
  public record TickResult(Set<Send> sends, Map<String, Set<List<Object>>> carried, Boolean again,
      Map<String, Set<List<Object>>> derived) {}

  /** Which ticks a {@code :~} rule sends in. */
  public enum SendSemantics {
    /** As docs/LANGUAGE.md says: a {@code :~} rule sends its head in every tick its body holds. */
    EVERY_TICK,
    /**
     * As the generated engine does: a {@code :~} rule without negation whose positive atoms all read
     * persisted or configuration relations is planned as accumulating (or, with an aggregate other
     * than {@code index()}, as an incremental aggregate), and sends only what derivations new since
     * its previous run give: a non-aggregating rule sends the head of each combination of body
     * facts once, in the tick the combination first exists; an aggregating one sends, in a tick,
     * only the groups that some new combination reached (with their value over all combinations).
     * Every other rule sends as {@link #EVERY_TICK}.
     */
    ENGINE
  }

  /** What a node learns from its deployment (mirrors {@code dev.dedalus.runtime.StageContext}). */
  public interface Deployment {
    Location self();

    int instanceIndex();

    List<Location> addressesOf(String role);

    /** The facts given for a plain {@code @Config} relation. */
    List<List<Object>> given(String relation);
  }

  /** An integer division or remainder by zero: the binding derives nothing. */
  private static final class DivisionByZero extends RuntimeException {
    DivisionByZero() {
      super(null, null, false, false);
    }
  }

  private final Program program;
  private final Role role;
  private final Deployment deployment;
  private final ClassLoader loader;
  private final SendSemantics semantics;
  private final Map<String, Set<List<Object>>> config = new LinkedHashMap<>();
  private final Map<String, Set<List<Object>>> persisted = new LinkedHashMap<>();
  private final Map<String, Set<List<Object>>> carried = new LinkedHashMap<>();
  private final Map<String, Set<List<Object>>> delivered = new LinkedHashMap<>();
  private final Map<String, Long> timers = new LinkedHashMap<>();
  /** For {@link SendSemantics#ENGINE}: the combinations of body facts each stable-body rule has seen. */
  private final Map<String, Set<List<List<Object>>>> seenCombinations = new HashMap<>();
  private final Set<String> undetermined;
  private final Set<String> undeterminedSends;
  private final Map<String, Method> functions = new HashMap<>();
  private boolean input;

  public ReferenceInterpreter(Program program, String role, Deployment deployment, ClassLoader loader,
      SendSemantics semantics) {
    this.program = program;
    this.role = program.role(role).orElseThrow(() -> new IllegalArgumentException("no role " + role));
    this.deployment = deployment;
    this.loader = loader;
    this.semantics = semantics;
    for (Relation r : program.relations()) {
      if (r.is(RelationKind.CONFIG)) {
        config.put(r.name(), configFacts(r));
      }
    }
    for (String r : this.role.reads()) {
      Relation rel = relation(r);
      if (rel.is(RelationKind.TIMER)) {
        timers.put(r, 0L);
      }
    }
    this.undetermined = undeterminedRelations(this.role);
    Set<String> sends = new TreeSet<>();
    for (Rule r : this.role.rules()) {
      if (r.kind() == RuleKind.ASYNC && !determined(r)) {
        sends.add(r.head().relation().name());
      }
    }
    this.undeterminedSends = Collections.unmodifiableSet(sends);
  }

  /**
   * Relations whose facts depend on a {@code choose} or {@code index()} aggregate of the role: the
   * heads of such rules, and of every rule reading (positively or not) an undetermined relation.
   */
  public Set<String> undetermined() {
    return Collections.unmodifiableSet(undetermined);
  }

  /** Relations some {@code :~} rule of the role sends from an undetermined body or head. */
  public Set<String> undeterminedSends() {
    return undeterminedSends;
  }

  private boolean determined(Rule r) {
    boolean nondeterministic = r.head().args().stream().anyMatch(a -> a instanceof HeadArg.Aggregated g
        && (g.aggregate() == Aggregate.CHOOSE || g.aggregate() == Aggregate.INDEX));
    return !nondeterministic && r.atoms().noneMatch(a -> undetermined.contains(a.relation().name()));
  }

  private static Set<String> undeterminedRelations(Role role) {
    Set<String> out = new TreeSet<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Rule r : role.rules()) {
        if (r.kind() == RuleKind.ASYNC) {
          continue;
        }
        boolean nondeterministic = r.head().args().stream().anyMatch(a -> a instanceof HeadArg.Aggregated g
            && (g.aggregate() == Aggregate.CHOOSE || g.aggregate() == Aggregate.INDEX));
        if (nondeterministic || r.atoms().anyMatch(a -> out.contains(a.relation().name()))) {
          changed |= out.add(r.head().relation().name());
        }
      }
    }
    return out;
  }

  /** Delivers one fact for the next tick, as {@code Stage.accept} does. */
  public void deliver(String relation, List<Object> fact) {
    delivered.computeIfAbsent(relation, k -> new LinkedHashSet<>()).add(List.copyOf(fact));
    input = true;
  }

  /** The earliest time a timer of the role fires, as {@code Stage.nextTimerMillis}. */
  public long nextTimerMillis() {
    return timers.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
  }

  /** Evaluates one tick at {@code nowMillis}. */
  public TickResult tick(long nowMillis) {
    boolean hadInput = input;
    input = false;
    Map<String, Set<List<Object>>> db = new LinkedHashMap<>();
    config.forEach((k, v) -> db.put(k, new LinkedHashSet<>(v)));
    persisted.forEach((k, v) -> db.put(k, new LinkedHashSet<>(v)));
    carried.forEach((k, v) -> set(db, k).addAll(v));
    delivered.forEach((k, v) -> set(db, k).addAll(v));
    delivered.clear();
    for (Map.Entry<String, Long> t : timers.entrySet()) {
      if (nowMillis >= t.getValue()) {
        Relation timer = relation(t.getKey());
        set(db, timer.name()).add(timer.arity() == 1 ? List.of(nowMillis) : List.of());
        t.setValue(nowMillis + timer.timerPeriodMillis());
        hadInput = true;
      }
    }
    // The persisted relations as the tick starts (deliveries included): a change is growth past them.
    Map<String, Integer> startSizes = new HashMap<>();
    db.forEach((k, v) -> {
      if (relation(k).isPersisted()) {
        startSizes.put(k, v.size());
      }
    });
    for (Stratum stratum : role.strata()) {
      boolean changed = true;
      while (changed) {
        changed = false;
        for (Rule r : stratum.rules()) {
          for (List<Object> fact : derive(r, db, null).facts) {
            changed |= set(db, r.head().relation().name()).add(fact);
          }
        }
      }
    }
    // What every relation holds in this tick, once the strata reached their fixpoints.
    Map<String, Set<List<Object>>> derivedNow = new LinkedHashMap<>();
    db.forEach((k, v) -> derivedNow.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    Map<String, Set<List<Object>>> next = new LinkedHashMap<>();
    Set<Send> sends = new LinkedHashSet<>();
    for (Rule r : role.rules()) {
      if (r.kind() == RuleKind.INDUCTIVE) {
        set(next, r.head().relation().name()).addAll(derive(r, db, null).facts);
      } else if (r.kind() == RuleKind.ASYNC) {
        Derived d = derive(r, db, stableBody(r) ? seenCombinations.computeIfAbsent(r.name(), k -> new HashSet<>()) : null);
        for (int i = 0; i < d.facts.size(); i++) {
          sends.add(new Send(d.destinations.get(i), r.head().relation().name(), d.facts.get(i)));
        }
      }
    }
    boolean changed = false;
    boolean changeUndetermined = false;
    persisted.clear();
    carried.clear();
    Set<String> names = new LinkedHashSet<>(db.keySet());
    names.addAll(next.keySet());
    for (String name : names) {
      Relation rel = relation(name);
      if (rel.is(RelationKind.CONFIG)) {
        continue;
      }
      Set<List<Object>> now = db.getOrDefault(name, Set.of());
      Set<List<Object>> after;
      boolean differs;
      if (rel.isPersisted()) {
        after = new LinkedHashSet<>(now);
        after.addAll(next.getOrDefault(name, Set.of()));
        differs = after.size() != startSizes.getOrDefault(name, 0);
      } else {
        after = next.getOrDefault(name, new LinkedHashSet<>());
        differs = next.containsKey(name) && !after.equals(now);
      }
      if (undetermined.contains(name)) {
        changeUndetermined |= rel.isPersisted() || next.containsKey(name);
      } else {
        changed |= differs;
      }
      if (!after.isEmpty()) {
        (rel.isPersisted() ? persisted : carried).put(name, after);
      }
    }
    Map<String, Set<List<Object>>> state = new LinkedHashMap<>();
    persisted.forEach((k, v) -> state.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    carried.forEach((k, v) -> state.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    Boolean again = hadInput || changed ? Boolean.TRUE : changeUndetermined ? null : Boolean.FALSE;
    return new TickResult(Collections.unmodifiableSet(sends), Collections.unmodifiableMap(state), again,
        Collections.unmodifiableMap(derivedNow));
  }

  /** Whether {@link SendSemantics#ENGINE} sends only new derivations of this rule (see there). */
  private boolean stableBody(Rule r) {
    if (semantics != SendSemantics.ENGINE || r.kind() != RuleKind.ASYNC) {
      return false;
    }
    if (r.atoms().anyMatch(Literal.AtomLiteral::negated) || r.atoms().noneMatch(a -> !a.negated())) {
      return false;
    }
    if (r.head().args().stream().anyMatch(a -> a instanceof HeadArg.Aggregated g && g.aggregate() == Aggregate.INDEX)) {
      return false;
    }
    return r.atoms().allMatch(a -> a.relation().isPersisted() || a.relation().is(RelationKind.CONFIG));
  }

  // ---- rules ---------------------------------------------------------------------------------

  /** A rule's head facts, and for a {@code :~} rule the destination of each. */
  private record Derived(List<List<Object>> facts, List<Location> destinations) {}

  /** One binding of a body: the variables' values and the positive facts that gave it. */
  private record Binding(Map<String, Object> env, List<List<Object>> combination) {}

  /**
   * The head facts of rule {@code r} over {@code db}. With {@code seen} (a stable-body rule under
   * {@link SendSemantics#ENGINE}), only what combinations not in {@code seen} give, and the
   * combinations of this run are added to it.
   */
  private Derived derive(Rule r, Map<String, Set<List<Object>>> db, Set<List<List<Object>>> seen) {
    List<Binding> bindings = new ArrayList<>();
    List<List<List<Object>>> all = new ArrayList<>();
    List<Literal.AtomLiteral> positives = r.atoms().filter(a -> !a.negated()).toList();
    join(r, positives, 0, new HashMap<>(), new ArrayList<>(), db, bindings, all);
    List<List<Object>> facts = new ArrayList<>();
    List<Location> destinations = new ArrayList<>();
    if (!r.head().hasAggregate()) {
      Set<List<Object>> distinct = new LinkedHashSet<>();
      Set<Send> sent = new LinkedHashSet<>();
      for (Binding b : bindings) {
        if (seen != null && seen.contains(b.combination())) {
          continue;
        }
        try {
          Location dest = r.head().destination().map(d -> (Location) eval(d, b.env())).orElse(null);
          List<Object> fact = new ArrayList<>();
          for (int i = 0; i < r.head().args().size(); i++) {
            Expr e = ((HeadArg.Plain) r.head().args().get(i)).expr();
            fact.add(Values.convert(eval(e, b.env()), attributeType(r, i)));
          }
          List<Object> f = List.copyOf(fact);
          if (dest != null ? sent.add(new Send(dest, "", f)) : distinct.add(f)) {
            facts.add(f);
            destinations.add(dest);
          }
        } catch (DivisionByZero e) {
          // derives nothing
        }
      }
    } else {
      aggregate(r, bindings, seen, facts, destinations);
    }
    if (seen != null) {
      seen.addAll(all);
    }
    return new Derived(facts, destinations);
  }

  /** One group of an aggregating rule: its running aggregates, one per head argument. */
  private static final class Group {
    final Object[] values;
    final List<Set<Object>> distinct = new ArrayList<>();
    boolean seen;
    boolean touchedByNew;

    Group(int n) {
      values = new Object[n];
      for (int i = 0; i < n; i++) {
        distinct.add(new HashSet<>());
      }
    }
  }

  private void aggregate(Rule r, List<Binding> bindings, Set<List<List<Object>>> seen, List<List<Object>> facts,
      List<Location> destinations) {
    List<HeadArg> args = r.head().args();
    Map<List<Object>, Group> groups = new LinkedHashMap<>();
    for (Binding b : bindings) {
      Object[] evaluated = new Object[args.size()];
      Location dest;
      try {
        dest = r.head().destination().map(d -> (Location) eval(d, b.env())).orElse(null);
        for (int i = 0; i < args.size(); i++) {
          HeadArg a = args.get(i);
          if (a instanceof HeadArg.Plain p) {
            evaluated[i] = Values.convert(eval(p.expr(), b.env()), attributeType(r, i));
          } else if (a instanceof HeadArg.Aggregated g && g.argument() != null) {
            evaluated[i] = eval(g.argument(), b.env());
          }
        }
      } catch (DivisionByZero e) {
        continue;
      }
      List<Object> key = new ArrayList<>();
      key.add(dest);
      for (int i = 0; i < args.size(); i++) {
        key.add(args.get(i) instanceof HeadArg.Plain ? evaluated[i] : null);
      }
      Group g = groups.computeIfAbsent(key, k -> new Group(args.size()));
      for (int i = 0; i < args.size(); i++) {
        if (!(args.get(i) instanceof HeadArg.Aggregated agg)) {
          continue;
        }
        Type t = agg.type();
        Object v = evaluated[i];
        switch (agg.aggregate()) {
          case COUNT -> g.distinct.get(i).add(v);
          case SUM -> g.values[i] = g.seen ? add(g.values[i], Values.convert(v, t), t) : Values.convert(v, t);
          case MIN -> g.values[i] = !g.seen || compare(Values.convert(v, t), g.values[i]) < 0 ? Values.convert(v, t) : g.values[i];
          case MAX -> g.values[i] = !g.seen || compare(Values.convert(v, t), g.values[i]) > 0 ? Values.convert(v, t) : g.values[i];
          case CHOOSE -> g.values[i] = g.seen ? g.values[i] : Values.convert(v, t);
          case INDEX -> { }
        }
      }
      g.seen = true;
      if (seen == null || !seen.contains(b.combination())) {
        g.touchedByNew = true;
      }
    }
    int index = 0;
    for (Map.Entry<List<Object>, Group> e : groups.entrySet()) {
      Group g = e.getValue();
      if (!g.touchedByNew) {
        continue;
      }
      List<Object> fact = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        Type t = attributeType(r, i);
        if (args.get(i) instanceof HeadArg.Aggregated agg) {
          fact.add(switch (agg.aggregate()) {
            case COUNT -> Values.convert((long) g.distinct.get(i).size(), t);
            case INDEX -> Values.convert(index, t);
            default -> g.values[i];
          });
        } else {
          fact.add(e.getKey().get(i + 1));
        }
      }
      index++;
      facts.add(List.copyOf(fact));
      destinations.add((Location) e.getKey().get(0));
    }
  }

  private static Type attributeType(Rule r, int i) {
    return r.head().relation().attributes().get(i).type();
  }

  /**
   * Every binding of the body: all combinations of facts of the positive atoms (in written order)
   * that agree on their variables, then the other literals (assignments, conditions, negated atoms,
   * atom arguments that are expressions) in any order their variables allow.
   */
  private void join(Rule r, List<Literal.AtomLiteral> positives, int i, Map<String, Object> env,
      List<List<Object>> combination, Map<String, Set<List<Object>>> db, List<Binding> out,
      List<List<List<Object>>> all) {
    if (i == positives.size()) {
      all.add(List.copyOf(combination));
      Map<String, Object> complete = new HashMap<>(env);
      if (rest(r, complete, db)) {
        out.add(new Binding(complete, List.copyOf(combination)));
      }
      return;
    }
    Literal.AtomLiteral atom = positives.get(i);
    for (List<Object> fact : List.copyOf(db.getOrDefault(atom.relation().name(), Set.of()))) {
      Map<String, Object> e = new HashMap<>(env);
      boolean ok = true;
      for (int c = 0; c < atom.args().size() && ok; c++) {
        Expr arg = atom.args().get(c);
        Type t = atom.relation().attributes().get(c).type();
        if (arg instanceof Expr.Var v) {
          Object bound = e.get(v.name());
          if (bound == null) {
            e.put(v.name(), fact.get(c));
          } else {
            ok = Objects.equals(Values.convert(bound, t), fact.get(c));
          }
        } else if (arg instanceof Expr.Const k) {
          ok = Objects.equals(Values.convert(k.value(), t), fact.get(c));
        }
      }
      if (ok) {
        e.put(factKey(i), fact);
        combination.add(fact);
        join(r, positives, i + 1, e, combination, db, out, all);
        combination.remove(combination.size() - 1);
      }
    }
  }

  /** The literals after the positive atoms' variables are bound: true if the binding survives them all. */
  private boolean rest(Rule r, Map<String, Object> env, Map<String, Set<List<Object>>> db) {
    List<Object> pending = new ArrayList<>();
    int positive = 0;
    for (Literal l : r.body()) {
      if (l instanceof Literal.AtomLiteral a && !a.negated()) {
        for (int c = 0; c < a.args().size(); c++) {
          Expr arg = a.args().get(c);
          if (!(arg instanceof Expr.Var) && !(arg instanceof Expr.Wildcard) && !(arg instanceof Expr.Const)) {
            pending.add(new ArgumentCheck(a, positive, c));
          }
        }
        positive++;
      } else {
        pending.add(l);
      }
    }
    try {
      while (!pending.isEmpty()) {
        boolean progress = false;
        for (int k = 0; k < pending.size(); k++) {
          Object p = pending.get(k);
          if (!ready(p, env)) {
            continue;
          }
          pending.remove(k--);
          progress = true;
          if (!holds(p, env, db)) {
            return false;
          }
        }
        if (!progress) {
          throw new IllegalStateException("rule " + r + ": cannot evaluate " + pending + " with " + env.keySet());
        }
      }
    } catch (DivisionByZero e) {
      return false;
    }
    return true;
  }

  /** A positive atom's argument {@code column} that is an expression: the fact's column must equal it. */
  private record ArgumentCheck(Literal.AtomLiteral atom, int positive, int column) {}

  private static boolean ready(Object pending, Map<String, Object> env) {
    Set<String> needed = new HashSet<>();
    if (pending instanceof ArgumentCheck c) {
      needed.addAll(Exprs.variables(c.atom().args().get(c.column())));
    } else if (pending instanceof Literal.Assignment a) {
      needed.addAll(Exprs.variables(a.value()));
    } else if (pending instanceof Literal.Filter f) {
      needed.addAll(Exprs.variables(f.condition()));
    } else if (pending instanceof Literal.AtomLiteral a) {
      a.args().forEach(x -> needed.addAll(Exprs.variables(x)));
    }
    return env.keySet().containsAll(needed);
  }

  private boolean holds(Object pending, Map<String, Object> env, Map<String, Set<List<Object>>> db) {
    if (pending instanceof ArgumentCheck c) {
      // The binding's own fact of that atom, which the join recorded.
      Object fact = env.get(factKey(c.positive()));
      if (fact == null) {
        throw new IllegalStateException("no fact recorded for " + c.atom());
      }
      Type t = c.atom().relation().attributes().get(c.column()).type();
      return Objects.equals(Values.convert(eval(c.atom().args().get(c.column()), env), t), ((List<?>) fact).get(c.column()));
    }
    if (pending instanceof Literal.Assignment a) {
      Object v = eval(a.value(), env);
      Object bound = env.get(a.variable().name());
      if (bound == null) {
        env.put(a.variable().name(), Values.convert(v, a.variable().type()));
        return true;
      }
      return compare(Expr.Operator.EQ, bound, a.variable().type(), v, a.value().type());
    }
    if (pending instanceof Literal.Filter f) {
      return (Boolean) eval(f.condition(), env);
    }
    Literal.AtomLiteral a = (Literal.AtomLiteral) pending;
    List<Object> wanted = new ArrayList<>();
    for (int c = 0; c < a.args().size(); c++) {
      Expr arg = a.args().get(c);
      wanted.add(arg instanceof Expr.Wildcard ? null : Values.convert(eval(arg, env), a.relation().attributes().get(c).type()));
    }
    for (List<Object> fact : db.getOrDefault(a.relation().name(), Set.of())) {
      boolean match = true;
      for (int c = 0; c < wanted.size() && match; c++) {
        match = wanted.get(c) == null || Objects.equals(wanted.get(c), fact.get(c));
      }
      if (match) {
        return false;
      }
    }
    return true;
  }

  /** Where {@link #join} records the fact of positive atom {@code i}: not a variable name. */
  private static String factKey(int i) {
    return "#" + i;
  }

  // ---- expressions ---------------------------------------------------------------------------

  private Object eval(Expr e, Map<String, Object> env) {
    return e.accept(new Expr.Visitor<Object>() {
      @Override
      public Object var(Expr.Var v) {
        Object value = env.get(v.name());
        if (value == null) {
          throw new IllegalStateException("unbound " + v);
        }
        return value;
      }

      @Override
      public Object wildcard(Expr.Wildcard w) {
        throw new IllegalStateException("'_' has no value");
      }

      @Override
      public Object constant(Expr.Const c) {
        return Values.convert(c.value(), c.type());
      }

      @Override
      public Object self(Expr.Self s) {
        return deployment.self();
      }

      @Override
      public Object call(Expr.Call call) {
        Object[] args = new Object[call.args().size()];
        for (int i = 0; i < args.length; i++) {
          Object v = Values.convert(eval(call.args().get(i), env), call.function().parameters().get(i));
          args[i] = v instanceof Values.Bytes b ? b.data().clone() : v;
        }
        try {
          Object result = function(call.function()).invoke(null, args);
          return result instanceof byte[] b ? new Values.Bytes(b.clone()) : Values.convert(result, call.function().result());
        } catch (InvocationTargetException x) {
          if (x.getCause() instanceof ArithmeticException) {
            throw new IllegalStateException("function " + call + " threw", x.getCause());
          }
          throw new IllegalStateException(x.getCause());
        } catch (IllegalAccessException x) {
          throw new IllegalStateException(x);
        }
      }

      @Override
      public Object binary(Expr.Binary b) {
        Object l = eval(b.left(), env);
        Object r = eval(b.right(), env);
        if (b.op().isComparison()) {
          return compare(b.op(), l, b.left().type(), r, b.right().type());
        }
        return arithmetic(b.op(), l, r, b.type());
      }

      @Override
      public Object negate(Expr.Negate n) {
        Object v = Values.convert(eval(n.operand(), env), n.type());
        return switch (n.type()) {
          case INT -> -(Integer) v;
          case LONG -> -(Long) v;
          case DOUBLE -> -(Double) v;
          default -> throw new IllegalStateException("negating " + n.type());
        };
      }

      @Override
      public Object forward(Expr.Forward f) {
        throw new UnsupportedOperationException("the reference evaluates base plans only: " + f);
      }

      @Override
      public Object partition(Expr.Partition p) {
        throw new UnsupportedOperationException("the reference evaluates base plans only: " + p);
      }

      @Override
      public Object column(Expr.Column c) {
        throw new IllegalStateException("a partition key column in a rule: " + c);
      }
    });
  }

  private Method function(dev.dedalus.processor.model.Function f) {
    return functions.computeIfAbsent(f.name(), n -> {
      try {
        Class<?> owner = Class.forName(f.ownerJavaName(), true, loader);
        for (Method m : owner.getDeclaredMethods()) {
          if (m.getName().equals(n) && java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
            m.setAccessible(true);
            return m;
          }
        }
        throw new IllegalStateException("no function " + n + " in " + owner);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static Object arithmetic(Expr.Operator op, Object l, Object r, Type t) {
    Object a = Values.convert(l, t);
    Object b = Values.convert(r, t);
    switch (t) {
      case INT, LONG -> {
        // int arithmetic is long arithmetic narrowed: the low 32 bits agree, division included.
        long x = ((Number) a).longValue();
        long y = ((Number) b).longValue();
        if ((op == Expr.Operator.DIV || op == Expr.Operator.MOD) && y == 0) {
          throw new DivisionByZero();
        }
        long v = switch (op) {
          case ADD -> x + y;
          case SUB -> x - y;
          case MUL -> x * y;
          case DIV -> x / y;
          case MOD -> x % y;
          default -> throw new IllegalStateException(op.toString());
        };
        return Values.convert(v, t);
      }
      case DOUBLE -> {
        double x = (Double) a;
        double y = (Double) b;
        return switch (op) {
          case ADD -> x + y;
          case SUB -> x - y;
          case MUL -> x * y;
          case DIV -> x / y;
          case MOD -> x % y;
          default -> throw new IllegalStateException(op.toString());
        };
      }
      default -> throw new IllegalStateException("arithmetic on " + t);
    }
  }

  /** A comparison as the generated code makes it: numbers after promotion, else equality and compareTo. */
  private static boolean compare(Expr.Operator op, Object l, Type lt, Object r, Type rt) {
    int c;
    if (lt.isNumeric() && rt.isNumeric()) {
      Type t = Type.promote(lt, rt);
      Object a = Values.convert(l, t);
      Object b = Values.convert(r, t);
      if (t == Type.DOUBLE) {
        double x = (Double) a;
        double y = (Double) b;
        return switch (op) {
          case EQ -> x == y;
          case NE -> x != y;
          case LT -> x < y;
          case LE -> x <= y;
          case GT -> x > y;
          case GE -> x >= y;
          default -> throw new IllegalStateException(op.toString());
        };
      }
      c = Long.compare(((Number) a).longValue(), ((Number) b).longValue());
    } else if (op == Expr.Operator.EQ || op == Expr.Operator.NE) {
      boolean same = Objects.equals(l, r);
      return op == Expr.Operator.EQ ? same : !same;
    } else {
      c = compare(l, r);
    }
    return switch (op) {
      case EQ -> c == 0;
      case NE -> c != 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
      default -> throw new IllegalStateException(op.toString());
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return ((Comparable) a).compareTo(b);
  }

  private static Object add(Object a, Object b, Type t) {
    return switch (t) {
      case INT -> (Integer) a + (Integer) b;
      case LONG -> (Long) a + (Long) b;
      case DOUBLE -> (Double) a + (Double) b;
      default -> throw new IllegalStateException("sum over " + t);
    };
  }

  // ---- deployment ----------------------------------------------------------------------------

  private Set<List<Object>> configFacts(Relation r) {
    Set<List<Object>> facts = new LinkedHashSet<>();
    ConfigSource source = r.configSource();
    switch (source == null ? ConfigSource.Kind.GIVEN : source.kind()) {
      case GIVEN -> deployment.given(r.name()).forEach(f -> facts.add(List.copyOf(f)));
      case ADDRESSES -> deployment.addressesOf(source.role()).forEach(l -> facts.add(List.of(l)));
      case COUNT -> facts.add(List.of(Values.convert((long) deployment.addressesOf(source.role()).size(),
          r.attributes().get(0).type())));
      case INSTANCE_INDEX -> facts.add(List.of(Values.convert((long) deployment.instanceIndex(), r.attributes().get(0).type())));
    }
    return facts;
  }

  private Relation relation(String name) {
    return program.relation(name).orElseThrow(() -> new IllegalArgumentException("no relation " + name));
  }

  private static Set<List<Object>> set(Map<String, Set<List<Object>>> db, String relation) {
    return db.computeIfAbsent(relation, k -> new LinkedHashSet<>());
  }
}
