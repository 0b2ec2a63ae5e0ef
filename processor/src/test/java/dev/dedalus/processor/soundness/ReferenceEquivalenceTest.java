package dev.dedalus.processor.soundness;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.Role;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.RuleKind;
import dev.dedalus.processor.reference.ReferenceInterpreter;
import dev.dedalus.processor.reference.ReferenceInterpreter.SendSemantics;
import dev.dedalus.runtime.DedalusProgram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Generated stages against the {@link ReferenceInterpreter}, tick by tick: each role's stage of
 * each program is ticked by hand on seeded random deliveries, and after every tick its sends, the
 * facts it carries into the next tick and the value {@code tick} returns must be the reference's
 * ({@link ReferenceHarness} says exactly what is compared). Programs: the examples of the processor's
 * tests, and seeded random programs, from {@link ProgramGenerator} (hints dropped: base plans) and
 * from {@link CarryShapes} (the state an incremental engine maintains: carries, persist-until,
 * aggregates over carried relations and what reads them; one in three made durable as
 * {@link DurableRecoveryGeneratedTest#durable} does). A negative control shows that an engine
 * with a wrong aggregate or a wrong carry does not pass.
 *
 * <p>Sends compare under {@link SendSemantics#ENGINE}: a {@code :~} rule whose body reads only
 * persisted and configuration relations sends each derivation once, where docs/LANGUAGE.md says it
 * sends in every tick its body holds ({@link #stableBodySendsDifferFromTheLanguage} pins the
 * difference).
 *
 * <p>Larger runs: {@code -Ddedalus.reference.programs=N} (random programs of each generator),
 * {@code -Ddedalus.reference.firstSeed=N}.
 */
class ReferenceEquivalenceTest {
  static final int CI_PROGRAMS = 150;
  static final int SCRIPTS = 3;
  static final int EXAMPLE_SCRIPTS = 10;
  static final int TICKS = 24;
  static final int BATCH = 30;

  @Test
  void examplesAgreeWithTheReference() {
    Map<String, String> sources = examples();
    StageCompiler.Batch batch = StageCompiler.compile(sources);
    assertWithMessage("examples that did not compile: %s", batch.rejected()).that(batch.rejected()).isEmpty();
    ReferenceHarness.Counts counts = new ReferenceHarness.Counts();
    List<String> failures = new ArrayList<>();
    int roles = 0;
    for (String name : sources.keySet()) {
      Program model = batch.models().get(name);
      DedalusProgram plan = PlanLoader.plan(batch.loader(), name, "base");
      for (Role role : model.roles()) {
        roles++;
        for (long seed = 1; seed <= EXAMPLE_SCRIPTS; seed++) {
          String failure = check(model, plan, batch.loader(), role.name(), seed, 30, sources.get(name), counts);
          if (failure != null) {
            failures.add(failure);
            break;
          }
        }
      }
    }
    failures.stream().limit(3).forEach(System.out::println);
    System.out.printf("reference equivalence, examples: %d programs, %d roles, %d ticks, %d sends, %d carried facts;"
        + " not compared (choose, index()): %s%n", sources.size(), roles, counts.ticks, counts.sends, counts.facts,
        counts.undetermined);
    assertWithMessage("mismatches between generated stages and the reference").that(failures).isEmpty();
  }

  /**
   * Seeded random programs, of {@link ProgramGenerator} (base plans: hints dropped) and of
   * {@link CarryShapes}, compiled in batches; each role of each accepted program runs
   * {@value #SCRIPTS} scripts of {@value #TICKS} ticks. Fails on any mismatch (with the seed, the
   * program, the tick and the differing facts, the script shrunk), on too many programs the
   * processor rejects, and on too few occurrences of each shape the incremental engine maintains.
   */
  @Test
  void randomProgramsAgreeWithTheReference() {
    int programs = Integer.getInteger("dedalus.reference.programs", CI_PROGRAMS);
    long firstSeed = Long.getLong("dedalus.reference.firstSeed", 1L);
    long started = System.nanoTime();
    ProgramGenerator generator = new ProgramGenerator(GenerationProfile.DEFAULT);
    GenerationProfile.Builder withExpressions = GenerationProfile.DEFAULT.toBuilder("argument expressions");
    withExpressions.argumentExpression = 0.5;
    ProgramGenerator expressionGenerator = new ProgramGenerator(withExpressions.build());
    Map<String, String> sources = new LinkedHashMap<>();
    Map<String, Long> seeds = new LinkedHashMap<>();
    for (long seed = firstSeed; seed < firstSeed + programs; seed++) {
      // One in four with body atoms like Window(t + 1, _), which the planner orders around.
      GeneratedProgram g = (seed % 4 == 0 ? expressionGenerator : generator).generate(seed).withHints(List.of());
      sources.put(g.qualifiedName(), g.render());
      seeds.put(g.qualifiedName(), seed);
      GeneratedProgram k = CarryShapes.generate(seed);
      // One in three with every persisted relation @Durable and every carried one
      // @Durable(persist = false): the same semantics, other code in the stage (the journal).
      k = seed % 3 == 0 ? DurableRecoveryGeneratedTest.durable(k) : k;
      sources.put(k.qualifiedName(), k.render());
      seeds.put(k.qualifiedName(), seed);
    }
    ReferenceHarness.Counts counts = new ReferenceHarness.Counts();
    ShapeCounts shapes = new ShapeCounts();
    List<String> failures = new ArrayList<>();
    Map<String, List<String>> rejected = new LinkedHashMap<>();
    int accepted = 0;
    int roles = 0;
    long compileNanos = 0;
    List<String> names = List.copyOf(sources.keySet());
    for (int from = 0; from < names.size(); from += BATCH) {
      Map<String, String> batchSources = new LinkedHashMap<>();
      names.subList(from, Math.min(names.size(), from + BATCH)).forEach(n -> batchSources.put(n, sources.get(n)));
      long compileStart = System.nanoTime();
      StageCompiler.Batch batch = StageCompiler.compile(batchSources);
      compileNanos += System.nanoTime() - compileStart;
      rejected.putAll(batch.rejected());
      for (Map.Entry<String, Program> e : batch.models().entrySet()) {
        accepted++;
        Program model = e.getValue();
        shapes.add(model);
        DedalusProgram plan = PlanLoader.plan(batch.loader(), e.getKey(), "base");
        for (Role role : model.roles()) {
          roles++;
          for (int script = 0; script < SCRIPTS; script++) {
            long seed = seeds.get(e.getKey()) * 31 + script;
            String f = check(model, plan, batch.loader(), role.name(), seed, TICKS,
                "generator seed " + seeds.get(e.getKey()) + "\n" + batchSources.get(e.getKey()), counts);
            if (f != null) {
              failures.add(f);
              break;
            }
          }
        }
      }
    }
    String summary = String.format("reference equivalence, random programs: %d generated, %d accepted and run, %d rejected,"
        + " %d roles, %d ticks, %d sends and %d carried facts compared, %d tick() results compared, in %d s (compiling %d s); shapes: %s",
        sources.size(), accepted, rejected.size(), roles, counts.ticks, counts.sends, counts.facts, counts.returnsCompared,
        (System.nanoTime() - started) / 1_000_000_000L, compileNanos / 1_000_000_000L, shapes);
    System.out.println(summary);
    failures.stream().limit(3).forEach(System.out::println);
    assertWithMessage("rejected programs (generator bugs): %s", rejected).that(rejected.size()).isAtMost(sources.size() / 50 + 1);
    assertWithMessage("programs accepted and run; %s", summary).that(accepted).isAtLeast(sources.size() * 9 / 10);
    if (programs >= CI_PROGRAMS) {
      shapes.assertAtLeast(programs / 15, summary);
    }
    assertWithMessage("mismatches between generated stages and the reference (first shown above); %s", summary)
        .that(failures).isEmpty();
  }

  /**
   * A bug this test found in the generated engine ({@code programs/knownbug/AggregateDivision.java}):
   * a group of an aggregate whose every binding divides by zero was derived, with the aggregate's
   * initial value ({@code SumInv(k, sum(12 / v)) :- Num(_, k, v)} with only {@code Num(c, 1, 0)}
   * derived {@code SumInv(1, 0)}), where the language derives nothing. Groups now evaluate their
   * values before the group is made.
   */
  @Test
  void aggregateOverDivisionByZeroDerivesNothing() throws IOException {
    String source = Files.readString(Path.of("src/test/resources/programs/knownbug/AggregateDivision.java"));
    List<String> failures = runAll(Map.of("knownbug.AggregateDivision", source), null, 5, 10,
        new ReferenceHarness.Counts());
    assertWithMessage("%s", failures).that(failures).isEmpty();
  }

  /** One seeded script on one role; the failure, described, or null. */
  static String check(Program model, DedalusProgram plan, ClassLoader loader, String role, long seed, int ticks,
      String source, ReferenceHarness.Counts counts) {
    ReferenceHarness.Script script = ReferenceHarness.script(model, role, new SplittableRandom(seed), ticks);
    ReferenceHarness.Mismatch m;
    try {
      m = ReferenceHarness.run(model, plan, loader, role, script, SendSemantics.ENGINE, counts);
    } catch (RuntimeException | AssertionError e) {
      java.io.StringWriter trace = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(trace));
      return "program " + model.qualifiedName() + ", role " + role + ", script seed " + seed + ": threw\n" + trace
          + "\nscript:\n" + script + "\nprogram:\n" + source;
    }
    if (m == null) {
      return null;
    }
    ReferenceHarness.Script shrunk = ReferenceHarness.shrink(model, plan, loader, role, script, SendSemantics.ENGINE, m);
    ReferenceHarness.Mismatch again = ReferenceHarness.run(model, plan, loader, role, shrunk, SendSemantics.ENGINE,
        new ReferenceHarness.Counts());
    return "program " + model.qualifiedName() + ", role " + role + ", script seed " + seed + ": tick " + again.tick()
        + " differs\n" + again.difference() + "script (shrunk from " + script.deliveries() + " deliveries):\n" + shrunk
        + "program:\n" + source;
  }

  static Map<String, String> examples() {
    Map<String, String> sources = new LinkedHashMap<>();
    for (String pkg : List.of("example", "reference")) {
      try (Stream<Path> files = Files.list(Path.of("src/test/resources/programs", pkg))) {
        for (Path p : files.sorted().toList()) {
          sources.put(pkg + "." + p.getFileName().toString().replace(".java", ""), Files.readString(p));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sources;
  }

  /**
   * How often the shapes an incremental engine maintains occur in the accepted programs' models
   * (a test that never met them would pass vacuously).
   */
  static final class ShapeCounts {
    final Map<String, Integer> counts = new java.util.TreeMap<>();

    void add(Program p) {
      for (Role role : p.roles()) {
        java.util.Set<String> carriedHere = new java.util.HashSet<>();
        java.util.Set<String> aggregated = new java.util.HashSet<>();
        Map<String, Integer> inductive = new java.util.HashMap<>();
        for (Rule r : role.rules()) {
          if (r.kind() == RuleKind.INDUCTIVE) {
            carriedHere.add(r.head().relation().name());
            inductive.merge(r.head().relation().name(), 1, Integer::sum);
          }
          if (r.head().hasAggregate() && r.kind() != RuleKind.ASYNC) {
            aggregated.add(r.head().relation().name());
          }
        }
        for (Rule r : role.rules()) {
          String head = r.head().relation().name();
          boolean readsHead = r.atoms().anyMatch(a -> !a.negated() && a.relation().name().equals(head));
          if (r.isCarry()) {
            bump("identity carry");
          }
          if (r.kind() == RuleKind.INDUCTIVE && r.head().relation().is(dev.dedalus.processor.model.RelationKind.DURABLE)
              && !r.head().relation().isPersisted()) {
            bump("carry into @Durable(persist = false)");
          }
          if (r.kind() == RuleKind.INDUCTIVE && readsHead) {
            r.atoms().filter(Literal.AtomLiteral::negated).forEach(a -> {
              bump("persist-until");
              Relation d = a.relation();
              bump(d.isPersisted() ? "persist-until, persisted D"
                  : carriedHere.contains(d.name()) ? "persist-until, carried D" : "persist-until, transient D");
              if (a.args().stream().anyMatch(x -> x instanceof Expr.Wildcard)) {
                bump("persist-until, D with _");
              }
              if (a.args().stream().anyMatch(x -> x instanceof Expr.Const)) {
                bump("persist-until, D with a constant");
              }
            });
            if (r.body().stream().anyMatch(l -> l instanceof Literal.Filter)) {
              bump("carry with a filter");
            }
            if (r.atoms().filter(a -> !a.negated()).count() > 1) {
              bump("carry with a further positive atom");
            }
            if (inductive.get(head) > 1) {
              bump("several :+ rules into one relation");
            }
          }
          if (r.head().hasAggregate() && r.atoms().anyMatch(a -> !a.negated()
              && (carriedHere.contains(a.relation().name()) || a.relation().isPersisted()))) {
            r.head().args().stream().filter(a -> a instanceof HeadArg.Aggregated).forEach(a ->
                bump(((HeadArg.Aggregated) a).aggregate().symbol() + " over carried or persisted"));
          }
          if (r.atoms().anyMatch(a -> !a.negated() && aggregated.contains(a.relation().name()))) {
            bump("rule downstream of an aggregate");
          }
          if (r.atoms().anyMatch(a -> a.negated() && carriedHere.contains(a.relation().name()))) {
            bump("negation of a carried relation");
          }
          if (r.atoms().anyMatch(a -> !a.negated() && a.args().stream().anyMatch(x -> x instanceof Expr.Binary))) {
            bump("expression argument in a body atom");
          }
        }
      }
    }

    private void bump(String shape) {
      counts.merge(shape, 1, Integer::sum);
    }

    void assertAtLeast(int floor, String summary) {
      for (String shape : List.of("identity carry", "persist-until", "persist-until, persisted D", "persist-until, carried D",
          "persist-until, transient D", "persist-until, D with _", "persist-until, D with a constant", "carry with a filter",
          "carry with a further positive atom", "several :+ rules into one relation", "count over carried or persisted",
          "sum over carried or persisted", "min over carried or persisted", "max over carried or persisted",
          "rule downstream of an aggregate", "negation of a carried relation", "carry into @Durable(persist = false)",
          "expression argument in a body atom")) {
        assertWithMessage("occurrences of %s; %s", shape, summary).that(counts.getOrDefault(shape, 0)).isAtLeast(floor);
      }
    }

    @Override
    public String toString() {
      return counts.toString();
    }
  }

  /** Compiles {@code sources} with {@code edit} applied to each generated stage, and runs every role. */
  static List<String> runAll(Map<String, String> sources, UnaryOperator<String> edit, int seeds, int ticks,
      ReferenceHarness.Counts counts) {
    StageCompiler.Batch batch = StageCompiler.compile(sources, edit);
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Program> e : batch.models().entrySet()) {
      DedalusProgram plan = PlanLoader.plan(batch.loader(), e.getKey(), "base");
      for (Role role : e.getValue().roles()) {
        for (long seed = 1; seed <= seeds; seed++) {
          String f = check(e.getValue(), plan, batch.loader(), role.name(), seed, ticks, sources.get(e.getKey()), counts);
          if (f != null) {
            failures.add(f);
            break;
          }
        }
      }
    }
    return failures;
  }

  /**
   * The negative controls: the same example programs, with the generated stages edited before they
   * are compiled, must disagree with the reference. One edit counts every distinct value twice
   * ({@code g.a0++} becomes {@code g.a0 += 2}), on the examples and on random {@link CarryShapes}
   * programs with a count; another makes every {@code :+} rule of a stage keep only the first fact it
   * derives for the next tick. {@link StageCompiler#compile(Map, UnaryOperator)} takes any edit of
   * the generated stage sources: more controls are one more call.
   */
  @Test
  void negativeControlsAreCaught() {
    Map<String, String> sources = examples();
    sources.keySet().retainAll(List.of("example.Voting", "example.TwoPhaseCommit"));
    UnaryOperator<String> countTwice = s -> s.replaceAll("(g\\.a\\d+)\\+\\+;", "$1 += 2;");
    List<String> caught = runAll(sources, countTwice, 10, 30, new ReferenceHarness.Counts());
    assertWithMessage("roles whose wrong count the reference caught").that(caught).isNotEmpty();
    assertWithMessage("%s", caught.get(0)).that(caught.get(0)).contains("differs");
    System.out.println("negative control (count off by one) caught:\n" + caught.get(0));

    UnaryOperator<String> dropCarried = s -> s.replaceAll("derived \\|= (next_\\w+)\\.add\\(([^;]*)\\);",
        "if ($1.size() % 2 == 1) continue; derived |= $1.add($2);");
    List<String> dropped = runAll(sources, dropCarried, 10, 30, new ReferenceHarness.Counts());
    assertWithMessage("roles whose dropped carry the reference caught").that(dropped).isNotEmpty();
    System.out.println("negative control (carry drops facts) caught:\n" + dropped.get(0));

    // The same wrong count in random programs of the shapes an incremental engine maintains: every
    // program whose count the scripts reach must be caught.
    Map<String, String> random = new LinkedHashMap<>();
    for (long seed = 1; random.size() < 20; seed++) {
      GeneratedProgram k = CarryShapes.generate(seed);
      if (k.rules().stream().anyMatch(r -> r.head().contains("count("))) {
        random.put(k.qualifiedName(), k.render());
      }
    }
    List<String> caughtRandom = runAll(random, countTwice, 3, TICKS, new ReferenceHarness.Counts());
    assertWithMessage("random programs with a count whose wrong count was caught, of %s", random.size())
        .that(caughtRandom.size()).isAtLeast(random.size() * 3 / 4);
  }

  /**
   * The negative control of maintenance: a count maintained over a kept carry that loses two when a
   * value's last binding is erased ({@code g.a0--} becomes {@code g.a0 -= 2}) must disagree with the
   * reference, on the examples and on random programs whose plan maintains a count. Only a group
   * that outlives the erasure shows the wrong count (a group whose last binding goes leaves with its
   * head fact, whatever its count), and in many random programs the carry drops whole groups at
   * once, so at least a third of them, not all, must be caught (11 and 9 of 20 were, in two runs).
   */
  @Test
  void aWrongDecrementIsCaught() {
    UnaryOperator<String> decrementTwice = s -> s.replaceAll("(g\\.a\\d+)--;", "$1 -= 2;");
    Map<String, String> sources = examples();
    sources.keySet().retainAll(List.of("example.Voting", "example.TwoPhaseCommit"));
    List<String> caught = runAll(sources, decrementTwice, 10, 30, new ReferenceHarness.Counts());
    assertWithMessage("roles whose wrong decrement the reference caught").that(caught).isNotEmpty();
    System.out.println("negative control (wrong decrement) caught:\n" + caught.get(0));

    Map<String, String> candidates = new LinkedHashMap<>();
    for (long seed = 1; candidates.size() < 60; seed++) {
      GeneratedProgram k = CarryShapes.generate(seed);
      if (k.rules().stream().anyMatch(r -> r.head().contains("count("))) {
        candidates.put(k.qualifiedName(), k.render());
      }
    }
    StageCompiler.Batch plain = StageCompiler.compile(candidates);
    Map<String, String> maintained = new LinkedHashMap<>();
    plain.models().forEach((name, model) -> {
      boolean countsMaintained = model.roles().stream().anyMatch(role -> {
        java.util.Set<String> heads = ReferenceHarness.maintainedHeads(model, role.name());
        return role.rules().stream().anyMatch(r -> heads.contains(r.head().relation().name())
            && r.head().toString().contains("count("));
      });
      if (countsMaintained && maintained.size() < 20) {
        maintained.put(name, candidates.get(name));
      }
    });
    assertWithMessage("random programs whose plan maintains a count").that(maintained.size()).isAtLeast(10);
    List<String> caughtRandom = runAll(maintained, decrementTwice, 3, TICKS, new ReferenceHarness.Counts());
    assertWithMessage("random programs with a maintained count whose wrong decrement was caught, of %s", maintained.size())
        .that(caughtRandom.size()).isAtLeast(maintained.size() / 3);
  }

  /**
   * Pins where the generated engine and docs/LANGUAGE.md differ: a {@code :~} rule whose body reads
   * only persisted (or configuration) relations sends each derivation once, in the tick it first
   * holds, while the language says it sends in every tick its body holds. Under
   * {@link SendSemantics#EVERY_TICK} the reference expects the send again in the next tick.
   */
  @Test
  void stableBodySendsDifferFromTheLanguage() {
    String source = """
        package stable;

        import dev.dedalus.*;

        @Dedalus
        public interface Stable {
          @Input record Put(Location client, long v) {}
          @Output record Echo(long v) {}
          @Persist record Kept(Location client, long v) {}

          @Role interface Node {
            @Rule("Kept(c, v) :- Put(c, v)") void keep();
            @Rule("Echo@c(v) :~ Kept(c, v)") void echo();
          }
        }
        """;
    StageCompiler.Batch batch = StageCompiler.compile(Map.of("stable.Stable", source));
    Program model = batch.models().get("stable.Stable");
    DedalusProgram plan = PlanLoader.plan(batch.loader(), "stable.Stable", "base");
    ReferenceHarness.Script script = new ReferenceHarness.Script(List.of(
        List.of(new ReferenceHarness.Delivery("Put", List.of(dev.dedalus.Location.of(ReferenceHarness.CLIENT_BASE), 1L))),
        List.of()), Map.of());
    assertWithMessage("engine semantics").that(ReferenceHarness.run(model, plan, batch.loader(), "Node", script,
        SendSemantics.ENGINE, new ReferenceHarness.Counts())).isNull();
    ReferenceHarness.Mismatch m = ReferenceHarness.run(model, plan, batch.loader(), "Node", script,
        SendSemantics.EVERY_TICK, new ReferenceHarness.Counts());
    assertWithMessage("the language's semantics: Echo(1) again in tick 1").that(m).isNotNull();
    assertWithMessage("%s", m.difference()).that(m.tick()).isEqualTo(1);
    assertWithMessage("%s", m.difference()).that(m.difference()).contains("only the reference: [Echo(1)");
  }
}
