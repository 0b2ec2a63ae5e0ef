package dev.dedalus.processor.soundness;

import dev.dedalus.Location;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RelationKind;
import dev.dedalus.processor.model.Role;
import dev.dedalus.processor.model.RuleKind;
import dev.dedalus.processor.model.Type;
import dev.dedalus.processor.reference.ReferenceInterpreter;
import dev.dedalus.processor.reference.ReferenceInterpreter.Send;
import dev.dedalus.processor.reference.ReferenceInterpreter.TickResult;
import dev.dedalus.processor.reference.Values;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.StageContext;
import dev.dedalus.runtime.eval.FactSet;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Ticks one role's generated stage by hand, through the public {@link Stage} API, beside a
 * {@link ReferenceInterpreter} over the program's model, on the same seeded random deliveries, and
 * compares them after every tick: the tick's sends (as sets: a stage must not send one fact to one
 * destination twice in a tick, which is checked too), the facts every relation holds into the next
 * tick (read by reflection from the stage's {@code rel_<Relation>} fact sets, skipping erased
 * {@code null} positions; config relations are not compared), and the value {@code tick} returns
 * where the reference can decide it. Relations the reference calls undetermined ({@code choose},
 * {@code index()} and what depends on them) are not compared.
 */
final class ReferenceHarness {
  /** Node locations: role i has instances at 1 + 10 i and 2 + 10 i; the stage is instance 0. */
  static final long CLIENT_BASE = 1_000_000;

  /**
   * The inputs of a run: what is delivered before each tick.
   *
   * @param ticks per tick, the deliveries before it
   * @param given the facts of each plain {@code @Config} relation
   */
  record Script(List<List<Delivery>> ticks, Map<String, List<List<Object>>> given) {
    Script without(int tick, int index) {
      List<List<Delivery>> t = new ArrayList<>();
      for (int i = 0; i < ticks.size(); i++) {
        List<Delivery> d = new ArrayList<>(ticks.get(i));
        if (i == tick) {
          d.remove(index);
        }
        t.add(d);
      }
      return new Script(t, given);
    }

    Script firstTicks(int n) {
      return new Script(ticks.subList(0, Math.min(n, ticks.size())), given);
    }

    int deliveries() {
      return ticks.stream().mapToInt(List::size).sum();
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder();
      given.forEach((r, facts) -> s.append("  config ").append(facts.stream().map(f -> Values.show(r, f))
          .collect(Collectors.joining(", "))).append('\n'));
      for (int i = 0; i < ticks.size(); i++) {
        s.append("  tick ").append(i).append(" (at ").append(nowMillis(i)).append(" ms): ")
            .append(ticks.get(i).stream().map(Delivery::toString).collect(Collectors.joining(", "))).append('\n');
      }
      return s.toString();
    }
  }

  /** One fact delivered to the stage. */
  record Delivery(String relation, List<Object> fact) {
    @Override
    public String toString() {
      return Values.show(relation, fact);
    }
  }

  /** What a run found: nothing (null) or the first differing tick. */
  record Mismatch(int tick, String difference) {}

  /** The counts a run adds up. */
  static final class Counts {
    long ticks;
    long sends;
    long facts;
    long returnsCompared;
    /** Relations not compared because they depend on choose or index(), as program.role.relation. */
    final Set<String> undetermined = new TreeSet<>();
  }

  private ReferenceHarness() {}

  static long nowMillis(int tick) {
    return tick * 100L;
  }

  static Location address(Program program, String role, int instance) {
    int i = program.roles().stream().map(Role::name).toList().indexOf(role);
    return Location.of(1 + 10L * i + instance);
  }

  /** The relations a stage of {@code role} may be delivered: inputs it reads and what any role sends, that it reads. */
  static List<Relation> receivable(Program program, String role) {
    Role r = program.role(role).orElseThrow();
    Set<String> sent = new LinkedHashSet<>();
    for (Role any : program.roles()) {
      any.rules().stream().filter(x -> x.kind() == RuleKind.ASYNC).forEach(x -> sent.add(x.head().relation().name()));
    }
    List<Relation> out = new ArrayList<>();
    for (String name : r.reads()) {
      Relation rel = program.relation(name).orElseThrow();
      if (rel.is(RelationKind.INPUT) || (sent.contains(name) && !rel.is(RelationKind.OUTPUT))) {
        out.add(rel);
      }
    }
    return out;
  }

  /**
   * A random script: {@code ticks} ticks; before each, with some probability, a few facts of
   * relations the role receives, with values from a small domain so that joins, negation and
   * aggregates meet; some ticks get nothing (carried state alone drives them).
   */
  static Script script(Program program, String role, SplittableRandom r, int ticks) {
    List<Relation> receivable = receivable(program, role);
    List<List<Delivery>> all = new ArrayList<>();
    for (int t = 0; t < ticks; t++) {
      List<Delivery> d = new ArrayList<>();
      if (!receivable.isEmpty() && r.nextDouble() < 0.7) {
        int n = 1 + r.nextInt(4);
        for (int k = 0; k < n; k++) {
          Relation rel = receivable.get(r.nextInt(receivable.size()));
          d.add(new Delivery(rel.name(), values(program, rel, r)));
        }
      }
      all.add(d);
    }
    Map<String, List<List<Object>>> given = new LinkedHashMap<>();
    for (Relation rel : program.relations()) {
      if (rel.is(RelationKind.CONFIG) && rel.configSource().kind() == dev.dedalus.processor.model.ConfigSource.Kind.GIVEN) {
        Set<List<Object>> facts = new LinkedHashSet<>();
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
          facts.add(values(program, rel, r));
        }
        given.put(rel.name(), List.copyOf(facts));
      }
    }
    return new Script(all, given);
  }

  static List<Object> values(Program program, Relation rel, SplittableRandom r) {
    List<Object> values = new ArrayList<>();
    for (var a : rel.attributes()) {
      values.add(value(program, a.type(), r));
    }
    return values;
  }

  private static final String[] STRINGS = {"a", "b", "root", ""};
  private static final double[] DOUBLES = {0.0, 0.5, 2.0, 12.5};

  static Object value(Program program, Type t, SplittableRandom r) {
    return switch (t) {
      case INT -> r.nextInt(4);
      case LONG -> (long) r.nextInt(4);
      case DOUBLE -> DOUBLES[r.nextInt(DOUBLES.length)];
      case BOOLEAN -> r.nextBoolean();
      case STRING -> STRINGS[r.nextInt(STRINGS.length)];
      case BYTES -> new Values.Bytes(r.nextBoolean() ? new byte[] {1} : new byte[] {1, 2});
      case LOCATION -> {
        if (r.nextBoolean()) {
          yield Location.of(CLIENT_BASE + r.nextInt(2));
        }
        List<Role> roles = program.roles();
        yield address(program, roles.get(r.nextInt(roles.size())).name(), r.nextInt(2));
      }
    };
  }

  /**
   * Runs {@code script} on a fresh stage of {@code role} (plan {@code plan}) and a fresh reference;
   * null if they agree on every tick.
   */
  static Mismatch run(Program model, DedalusProgram plan, ClassLoader loader, String role, Script script,
      ReferenceInterpreter.SendSemantics semantics, Counts counts) {
    Map<String, RelationCodec<?>> codecs = new LinkedHashMap<>();
    plan.codecs().forEach(c -> codecs.put(c.relationName(), c));
    Map<String, Class<?>> records = new LinkedHashMap<>();
    for (Relation rel : model.relations()) {
      try {
        records.put(rel.name(), Class.forName(rel.javaName().substring(0, rel.javaName().lastIndexOf('.')) + "$"
            + rel.javaName().substring(rel.javaName().lastIndexOf('.') + 1), true, loader));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    ReferenceInterpreter.Deployment deployment = new ReferenceInterpreter.Deployment() {
      @Override
      public Location self() {
        return address(model, role, 0);
      }

      @Override
      public int instanceIndex() {
        return 0;
      }

      @Override
      public List<Location> addressesOf(String r) {
        return List.of(address(model, r, 0), address(model, r, 1));
      }

      @Override
      public List<List<Object>> given(String relation) {
        return script.given().getOrDefault(relation, List.of());
      }
    };
    StageContext context = new StageContext() {
      @Override
      public Location self() {
        return deployment.self();
      }

      @Override
      public int instanceIndex() {
        return 0;
      }

      @Override
      public List<Location> addressesOf(String r) {
        return deployment.addressesOf(r);
      }

      @Override
      public <T> List<T> configFacts(Class<T> type) {
        List<T> out = new ArrayList<>();
        script.given().forEach((name, facts) -> {
          if (records.get(name) == type) {
            facts.forEach(f -> out.add(type.cast(Values.toRecord(type, f))));
          }
        });
        return out;
      }
    };
    Stage stage = plan.newStage(role, context);
    ReferenceInterpreter reference = new ReferenceInterpreter(model, role, deployment, loader, semantics);
    reference.undetermined().forEach(r -> counts.undetermined.add(model.name() + "." + role + "." + r));
    reference.undeterminedSends().forEach(r -> counts.undetermined.add(model.name() + "." + role + ".sends of " + r));
    Map<String, Field> fields = new LinkedHashMap<>();
    for (Field f : stage.getClass().getDeclaredFields()) {
      if (f.getName().startsWith("rel_") && f.getType() == FactSet.class) {
        f.setAccessible(true);
        fields.put(f.getName().substring(4), f);
      }
    }
    for (int t = 0; t < script.ticks().size(); t++) {
      for (Delivery d : script.ticks().get(t)) {
        RelationCodec<?> codec = codecs.get(d.relation());
        if (codec != null && stage.accept(codec.relationId(), Values.toRecord(records.get(d.relation()), d.fact()))) {
          reference.deliver(d.relation(), d.fact());
        }
      }
      List<Send> engineSends = new ArrayList<>();
      boolean again = stage.tick(nowMillis(t), new Outbound() {
        @Override
        public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
          engineSends.add(new Send(destination, codec.relationName(), Values.of(fact)));
        }
      });
      TickResult expected = reference.tick(nowMillis(t));
      counts.ticks++;
      String difference = compare(model, role, reference, expected, engineSends, again, stage, fields, counts);
      if (difference != null) {
        return new Mismatch(t, difference);
      }
    }
    return null;
  }

  /**
   * The heads of the role's aggregates maintained over stores: the stage keeps such a head between
   * ticks as the groups' values at their rule's last run (it updates them before anything reads
   * them), so after a tick it holds what the head held in that tick, not carried state.
   */
  static Set<String> maintainedHeads(Program model, String role) {
    dev.dedalus.processor.plan.RolePlan plan = new dev.dedalus.processor.plan.Planner(
        dev.dedalus.processor.rewrite.Safety.ALL_CHECKS).plan(model, model.role(role).orElseThrow());
    Set<String> heads = new TreeSet<>();
    plan.allRules().stream().filter(dev.dedalus.processor.plan.RulePlan::maintained)
        .forEach(r -> heads.add(r.rule().head().relation().name()));
    return heads;
  }

  private static String compare(Program model, String role, ReferenceInterpreter reference, TickResult expected,
      List<Send> engineSends, boolean again, Stage stage, Map<String, Field> fields, Counts counts) {
    StringBuilder diff = new StringBuilder();
    Set<Send> engineSet = new LinkedHashSet<>();
    for (Send s : engineSends) {
      if (!engineSet.add(s) && !reference.undeterminedSends().contains(s.relation())) {
        diff.append("  the stage sent ").append(s).append(" twice\n");
      }
    }
    Set<Send> want = new TreeSetOfSends(expected.sends(), reference.undeterminedSends());
    Set<Send> got = new TreeSetOfSends(engineSet, reference.undeterminedSends());
    counts.sends += want.size();
    setDiff("sends", want, got, diff);
    Set<String> caches = maintainedHeads(model, role);
    for (Map.Entry<String, Field> f : fields.entrySet()) {
      String name = f.getKey();
      Relation rel = model.relation(name).orElseThrow();
      if (rel.is(RelationKind.CONFIG) || reference.undetermined().contains(name)) {
        continue;
      }
      Set<String> held = new TreeSet<>();
      try {
        FactSet<?> set = (FactSet<?>) f.getValue().get(stage);
        for (int i = 0; i < set.size(); i++) {
          Object fact = set.get(i);
          if (fact != null && !held.add(Values.show(name, Values.of(fact)))) {
            diff.append("  ").append(name).append(" holds ").append(Values.show(name, Values.of(fact))).append(" twice\n");
          }
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
      Set<String> wanted = new TreeSet<>();
      boolean cache = caches.contains(name);
      (cache ? expected.derived() : expected.carried()).getOrDefault(name, Set.of()).forEach(x -> wanted.add(Values.show(name, x)));
      counts.facts += wanted.size();
      setDiff(cache ? "facts of the maintained head " + name + " in this tick" : "facts of " + name + " carried into the next tick",
          wanted, held, diff);
    }
    for (String name : expected.carried().keySet()) {
      if (!fields.containsKey(name) && !reference.undetermined().contains(name)) {
        diff.append("  the stage has no rel_").append(name).append(" but the reference carries ")
            .append(expected.carried().get(name)).append('\n');
      }
    }
    if (expected.again() != null) {
      counts.returnsCompared++;
      if (expected.again() != again) {
        diff.append("  tick() returned ").append(again).append(", the reference says ").append(expected.again()).append('\n');
      }
    }
    return diff.isEmpty() ? null : diff.toString();
  }

  /** Sends as sorted text, without the relations that are undetermined. */
  private static final class TreeSetOfSends extends java.util.AbstractSet<Send> {
    private final List<Send> sends;

    TreeSetOfSends(Set<Send> all, Set<String> skipped) {
      this.sends = all.stream().filter(s -> !skipped.contains(s.relation()))
          .sorted(java.util.Comparator.comparing(Send::toString)).toList();
    }

    @Override
    public java.util.Iterator<Send> iterator() {
      return sends.iterator();
    }

    @Override
    public int size() {
      return sends.size();
    }
  }

  private static <T> void setDiff(String what, Set<T> want, Set<T> got, StringBuilder diff) {
    List<T> missing = want.stream().filter(x -> !got.contains(x)).toList();
    List<T> extra = got.stream().filter(x -> !want.contains(x)).toList();
    if (!missing.isEmpty() || !extra.isEmpty()) {
      diff.append("  ").append(what).append(":\n");
      if (!missing.isEmpty()) {
        diff.append("    only the reference: ").append(missing).append('\n');
      }
      if (!extra.isEmpty()) {
        diff.append("    only the stage:     ").append(extra).append('\n');
      }
    }
  }

  /**
   * Shrinks a failing script: drops trailing ticks after the mismatch, then single deliveries,
   * while the run still fails.
   */
  static Script shrink(Program model, DedalusProgram plan, ClassLoader loader, String role, Script script,
      ReferenceInterpreter.SendSemantics semantics, Mismatch found) {
    Script best = script.firstTicks(found.tick() + 1);
    boolean progress = true;
    while (progress) {
      progress = false;
      for (int t = 0; t < best.ticks().size(); t++) {
        for (int i = 0; i < best.ticks().get(t).size(); i++) {
          Script candidate = best.without(t, i);
          Mismatch m = run(model, plan, loader, role, candidate, semantics, new Counts());
          if (m != null) {
            best = candidate.firstTicks(m.tick() + 1);
            progress = true;
            i--;
          }
        }
      }
    }
    return best;
  }
}
