package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of issue 9: hints whose rewrite would change what clients see, each once
 * accepted, now refused with the reason on the hint's line; and the forms the documentation calls
 * equivalent ({@code X :+ X} and {@code @Persist}, {@code h == f(k)} and {@code h = f(k)}) accepted
 * alike. Each test compiles a program as a user would write it.
 */
class UnsafeHintRefusalTest {

  private static Compilation compile(String name, String source) {
    return Sources.compile(Sources.source("test." + name, source));
  }

  /** The single error, which must sit on the line marked {@code // hint}. */
  private static String refusal(Compilation compilation, String source) {
    List<Diagnostic<? extends JavaFileObject>> errors = compilation.errors();
    assertWithMessage(Sources.describe(compilation)).that(errors).hasSize(1);
    long line = errors.get(0).getLineNumber();
    assertWithMessage("on the hint").that(source.lines().toList().get((int) line - 1)).contains("// hint");
    return errors.get(0).getMessage(Locale.ROOT);
  }

  private static void assertAccepted(Compilation compilation, String note) {
    assertWithMessage(Sources.describe(compilation)).that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertWithMessage(Sources.describe(compilation)).that(compilation.notes().stream()
        .map(d -> d.getMessage(Locale.ROOT)).toList()).contains(note);
  }

  /** Class 1: a self-join reads two facts of one relation; functional decoupling needs one. */
  @Test
  void functionalDecouplingRefusesASelfJoin() {
    String source = """
        package test;
        import dev.dedalus.*;
        @Decouple(role = "Node", rules = {"conflict"}, into = "Checker") // hint
        @Dedalus
        public interface SelfJoin {
          @Input record In(Location c, long k, long x) {}
          @Output record Conflict(long k) {}
          record Seen(Location c, long k, long x) {}
          @Role interface Node {
            @Rule("Seen(c, k, x) :- In(c, k, x)") void see();
            @Rule("Conflict@c(k) :~ Seen(c, k, x1), Seen(c, k, x2), x1 != x2") void conflict();
          }
        }
        """;
    assertThat(refusal(compile("SelfJoin", source), source)).isEqualTo(
        "[DedalusCannotDecouple] cannot decouple {conflict} from Node into Checker: rule 'conflict' joins Seen with "
            + "itself, so each output depends on two Seen facts (not functional); not mutually independent: Checker's "
            + "rule 'conflict' reads Seen, which Node's rule 'see' derives; not monotonic: Checker's rule 'conflict' "
            + "reads Seen, which Node's rule 'see' derives, and Seen is not persisted");
  }

  /** Class 2: a one-tick message redirected to the new node may arrive before the forwarded fact it joins. */
  @Test
  void monotonicDecouplingRefusesAnUnpersistedRedirectedMessage() {
    String source = """
        package test;
        import dev.dedalus.*;
        @Decouple(role = "Desk", rules = {"done"}, into = "Finisher") // hint
        @Dedalus
        public interface Race {
          @Input record Job(Location c, long x) {}
          @Output record Done(long x) {}
          @Config(addressesOf = "Helper") record Helpers(Location addr) {}
          @Config(addressesOf = "Desk") record Desks(Location addr) {}
          @Persist record Known(Location c, long x) {}
          record Ask(long x) {}
          record Reply(long x) {}
          @Role interface Desk {
            @Rule("Known(c, x) :- Job(c, x)") void know();
            @Rule("Ask@h(x) :~ Job(_, x), Helpers(h)") void ask();
            @Rule("Done@c(x) :~ Known(c, x), Reply(x)") void done();
          }
          @Role interface Helper {
            @Rule("Reply@d(x) :~ Ask(x), Desks(d)") void reply();
          }
        }
        """;
    assertThat(refusal(compile("Race", source), source)).isEqualTo(
        "[DedalusCannotDecouple] cannot decouple {done} from Desk into Finisher: Finisher's rule 'done' reads Reply, "
            + "which other nodes would send to Finisher directly, and Reply is not persisted: it could arrive before "
            + "the facts it joins (not monotonic); not mutually independent: Finisher's rule 'done' reads Known, "
            + "which Desk's rule 'know' derives; not functional: rule 'done' joins Known and Reply, two relations "
            + "that are not configuration");
  }

  /** The same program with Reply persisted is monotonic: the join is found whatever the order of arrival. */
  @Test
  void monotonicDecouplingAcceptsAPersistedRedirectedMessage() {
    String source = """
        package test;
        import dev.dedalus.*;
        @Decouple(role = "Desk", rules = {"done"}, into = "Finisher") // hint
        @Dedalus
        public interface NoRace {
          @Input record Job(Location c, long x) {}
          @Output record Done(long x) {}
          @Config(addressesOf = "Helper") record Helpers(Location addr) {}
          @Config(addressesOf = "Desk") record Desks(Location addr) {}
          @Persist record Known(Location c, long x) {}
          record Ask(long x) {}
          @Persist record Reply(long x) {}
          @Role interface Desk {
            @Rule("Known(c, x) :- Job(c, x)") void know();
            @Rule("Ask@h(x) :~ Job(_, x), Helpers(h)") void ask();
            @Rule("Done@c(x) :~ Known(c, x), Reply(x)") void done();
          }
          @Role interface Helper {
            @Rule("Reply@d(x) :~ Ask(x), Desks(d)") void reply();
          }
        }
        """;
    assertAccepted(compile("NoRace", source),
        "[DedalusDecoupled] decoupled {done} from Desk into Finisher by monotonic decoupling");
  }

  /** {@code X :+ X} is what {@code @Persist} means: monotonic decoupling accepts either. */
  @Test
  void aCarryRulePersistsLikeTheAnnotation() {
    String source = """
        package test;
        import dev.dedalus.*;
        @Decouple(role = "Store", rules = {"answer"}, into = "Answerer") // hint
        @Dedalus
        public interface Carried {
          @Input record Put(Location c, long k, String v) {}
          @Input(role = "Store") record Get(Location c, long k) {}
          @Output record Value(long k, String v) {}
          record Entry(long k, String v) {}
          record Question(Location c, long k) {}
          @Role interface Store {
            @Rule("Entry(k, v) :- Put(_, k, v)") void put();
            @Rule("Entry(k, v) :+ Entry(k, v)") void keep();
            @Rule("Question(c, k) :- Get(c, k)") void ask();
            @Rule("Question(c, k) :+ Question(c, k)") void remember();
            @Rule("Value@c(k, v) :~ Question(c, k), Entry(k, v)") void answer();
          }
        }
        """;
    Compilation compilation = compile("Carried", source);
    assertAccepted(compilation, "[DedalusDecoupled] decoupled {answer} from Store into Answerer by monotonic decoupling");
    String listing = CheckedPrograms.resource(compilation, "Carried.optimized.dedalus");
    assertThat(listing).contains("persistEntry: Entry(k, v) :+ Entry(k, v)  // added by monotonic decoupling: persists "
        + "Entry at Answerer as 'keep' does at Store");
    assertThat(listing).contains("persistQuestion: Question(c, k) :+ Question(c, k)");
  }

  /** A persist-until drops facts, so it is not persistence. */
  @Test
  void aConditionalCarryIsNotPersistence() {
    String source = """
        package test;
        import dev.dedalus.*;
        @Decouple(role = "Store", rules = {"answer"}, into = "Answerer") // hint
        @Dedalus
        public interface Until {
          @Input record Put(Location c, long k, String v) {}
          @Input(role = "Store") record Get(Location c, long k) {}
          @Input(role = "Store") record Drop(Location c, long k) {}
          @Output record Value(long k, String v) {}
          record Entry(long k, String v) {}
          @Persist record Question(Location c, long k) {}
          @Role interface Store {
            @Rule("Entry(k, v) :- Put(_, k, v)") void put();
            @Rule("Entry(k, v) :+ Entry(k, v), !Drop(_, k)") void keep();
            @Rule("Question(c, k) :- Get(c, k)") void ask();
            @Rule("Value@c(k, v) :~ Question(c, k), Entry(k, v)") void answer();
          }
        }
        """;
    assertThat(refusal(compile("Until", source), source)).contains(
        "Answerer's rule 'answer' reads Entry, which Store's rule 'put' derives, and Entry is not persisted (not monotonic)");
  }

  private static final String ITEMS = """
      package test;
      import dev.dedalus.*;
      @Decouple(role = "Front", rules = {"fan"}, into = "Fan")
      %s
      @Dedalus
      public interface Items {
        @Input record Add(Location c, long sku, long cat, long x) {}
        @Output record PerCat(long cat, long n) {}
        @Config(addressesOf = "Shop") record Shops(Location addr) {}
        record Item(Location c, long sku, long cat) {}
        record Val(long m, long y) {}
        record Priced(Location c, long sku, long x) {}
        @Role interface Front {
          @Rule("Item@s(c, sku, cat) :~ Add(c, sku, cat, _), Shops(s)") void fan();
        }
        @Role interface Shop {
          %s
        }
        %s
      }
      """;

  private static String items(String hint, String shopRules, String more) {
    return ITEMS.formatted(hint, shopRules, more);
  }

  /** Class 3: each partition would send its own partial count. */
  @Test
  void partitioningRefusesASentAggregateThatGroupsAcrossPartitions() {
    String source = items("@Partition(role = \"Shop\", key = \"Item.sku\") // hint",
        "@Rule(\"PerCat@c(cat, count(sku)) :~ Item(c, sku, cat)\") void perCat();", "");
    assertThat(refusal(compile("Items", source), source)).isEqualTo(
        "[DedalusCannotPartition] cannot partition Shop on Item.sku: rule 'perCat' groups Item by (cat) but joins "
            + "on (sku), the partition key, so each partition would send PerCat its own partial result; partitioning "
            + "on Item.cat would work");
  }

  /** The same aggregate grouped by the key is fine: each group lies on one partition. */
  @Test
  void partitioningAcceptsASentAggregateGroupedByTheKey() {
    String source = items("@Partition(role = \"Shop\", key = \"Item.cat\") // hint",
        "@Rule(\"PerCat@c(cat, count(sku)) :~ Item(c, sku, cat)\") void perCat();", "");
    assertAccepted(compile("Items", source),
        "[DedalusPartitioned] partitioned Shop on Item.cat by co-hashing: Item by (cat)");
  }

  /** Class 4: each partition would number its own facts from 0. */
  @Test
  void partitioningRefusesIndex() {
    String source = items("@Partition(role = \"Shop\", key = \"Item.sku\") // hint",
        "@Rule(\"Numbered(index(), sku) :- Item(_, sku, _)\") void number();\n"
            + "@Rule(\"PerCat@c(n, sku) :~ Numbered(n, sku), Item(c, sku, _)\") void perCat();",
        "record Numbered(long n, long sku) {}");
    assertThat(refusal(compile("Items", source), source)).isEqualTo(
        "[DedalusCannotPartition] cannot partition Shop on Item.sku: rule 'number' numbers facts with index(), and "
            + "each partition would number its own facts from 0");
  }

  /** Class 5: a sender fills the key with an aggregate, so it cannot choose the partition. */
  @Test
  void partitioningRefusesAKeyASenderAggregates() {
    String source = """
        package test;
        import dev.dedalus.*;
        @Partition(role = "Sink", key = "Val.m") // hint
        @Dedalus
        public interface Agg {
          @Input record In(Location c, long x, long y) {}
          @Output record Out(long m, long y) {}
          @Config(addressesOf = "Sink") record Sinks(Location addr) {}
          @Persist record Asker(Location c) {}
          record Val(long m, long y) {}
          @Persist record Seen(long m, long y) {}
          @Role interface Source {
            @Rule("Val@s(max(x), y) :~ In(_, x, y), Sinks(s)") void send();
          }
          @Role interface Sink {
            @Rule("Seen(m, y) :- Val(m, y)") void see();
          }
        }
        """;
    assertThat(refusal(compile("Agg", source), source)).isEqualTo(
        "[DedalusCannotPartition] cannot partition Sink on Val.m: Source's rule 'send' sends Val with an aggregate in "
            + "(m), the partition key, so the partition cannot be chosen when it is sent; aggregate into a local "
            + "relation first and send that; partitioning on Val.y would work");
  }

  /** A self-join whose two atoms disagree on the key: the message names both keys. */
  @Test
  void aSelfJoinAcrossPartitionsIsRefusedWithBothKeys() {
    String source = """
        package test;
        import dev.dedalus.*;
        @Partition(role = "Graph", key = "Edge.a") // hint
        @Dedalus
        public interface Paths {
          @Input record AddEdge(Location c, long a, long b) {}
          @Output record Path2(long a, long c) {}
          @Config(addressesOf = "Graph") record Graphs(Location addr) {}
          @Persist record Edge(Location c, long a, long b) {}
          @Role interface Front {
            @Rule("Edge@g(c, a, b) :~ AddEdge(c, a, b), Graphs(g)") void add();
          }
          @Role interface Graph {
            @Rule("Path2@c(a, z) :~ Edge(c, a, b), Edge(c, b, z)") void path();
          }
        }
        """;
    assertThat(refusal(compile("Paths", source), source)).isEqualTo(
        "[DedalusCannotPartition] cannot partition Graph on Edge.a: rule 'path' joins Edge(c, a, b) keyed by (a) with "
            + "Edge(c, b, z) keyed by (b): Edge is partitioned by (a) (from the hint), so facts that match may lie on "
            + "different partitions; partitioning on Edge.c would work");
  }

  /** A comparison {@code h == f(k)} with a pure function is a functional dependency, as {@code h = f(k)} is. */
  @Test
  void aComparisonWithAPureFunctionIsAFunctionalDependency() {
    String source = """
        package test;
        import dev.dedalus.*;
        @Partition(role = "Index", key = "Entry.h") // hint
        @Dedalus
        public interface Buckets {
          @Input record Add(Location c, String w) {}
          @Input(role = "Front") record Find(Location c, String w) {}
          @Output record Found(String w) {}
          @Config(addressesOf = "Index") record Indexes(Location addr) {}
          record Word(String w, long h) {}
          record Lookup(Location c, String w, long h) {}
          @Persist record Entry(long h, String w) {}
          @Pure static long bucket(String w) { return w.length(); }
          @Role interface Front {
            @Rule("Word@i(w, h) :~ Add(_, w), Indexes(i), h = bucket(w)") void add();
            @Rule("Lookup@i(c, w, h) :~ Find(c, w), Indexes(i), h = bucket(w)") void find();
          }
          @Role interface Index {
            @Rule("Entry(h, w) :- Word(w, h2), h = bucket(w), h2 == h") void store();
            @Rule("Found@c(w) :~ Lookup(c, w, h), Entry(h2, w), h2 == bucket(w)") void answer();
          }
        }
        """;
    Compilation compilation = compile("Buckets", source);
    assertWithMessage(Sources.describe(compilation)).that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertThat(compilation.notes().stream().map(d -> d.getMessage(Locale.ROOT)).toList().toString())
        .contains("partitioned Index on Entry.h by dependencies");
  }

  /** Every program has both plans: without hints, the optimized plan is the base plan. */
  @Test
  void aProgramWithoutHintsHasAnOptimizedPlan() throws Exception {
    Compilation compilation = Sources.compile(Sources.withRule("Plain", "Seen(id) :- Req(_, id, _)"));
    assertWithMessage(Sources.describe(compilation)).that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    String plans = compilation.generatedSourceFile("test.Plain_Plans").orElseThrow().getCharContent(true).toString();
    assertThat(plans).contains("case \"optimized\":\n        return Plain_Program.INSTANCE;");
  }

  /** An unknown name in the test-only option is an error, not silently ignored. */
  @Test
  void anUnknownConditionToSkipIsAnError() {
    Compilation compilation = Sources.compileWithOptions(List.of("-Adedalus.unsafeSkip=ONE_ATOM_PER_BODY,NO_SUCH_CHECK"),
        Sources.withRule("Opt", "Seen(id) :- Req(_, id, _)"));
    assertThat(compilation.errors().stream().map(d -> d.getMessage(Locale.ROOT)).toList().toString())
        .contains("[DedalusBadOption] -Adedalus.unsafeSkip names 'NO_SUCH_CHECK', which is not a condition");
    assertThat(compilation.warnings().stream().map(d -> d.getMessage(Locale.ROOT)).toList().toString())
        .contains("UNSAFE: this build skips the conditions [ONE_ATOM_PER_BODY]");
  }

  private static Compilation compileSkipping(String condition, String name, String source) {
    return Sources.compileWithOptions(List.of("-Adedalus.unsafeSkip=" + condition), Sources.source("test." + name, source));
  }

  /**
   * A test build that skips one condition applies the rewrite it refuses, with a warning, and is
   * not refused by another condition instead: that is what lets the soundness tests show what each
   * condition guards.
   */
  @Test
  void skippingOneConditionAppliesTheRewriteItGuards() {
    Compilation join = compileSkipping("CO_PARTITIONED_ATOMS", "J", PartitioningDiagnosticsTest.JOIN);
    assertWithMessage(Sources.describe(join)).that(join.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertThat(join.warnings().stream().map(d -> d.getMessage(Locale.ROOT)).toList().toString())
        .contains("UNSAFE: partitioned Joiner on Left.x by co-hashing: Left by (x) although rule 'match' joins Right(k, y)");
    String listing = CheckedPrograms.resource(join, "J.optimized.dedalus");
    assertThat(listing).contains("Left@partition(Joiner, j, (x))");
    assertThat(listing).contains("Right@j(k, y)"); // no key: every Right fact goes to the first partition

    Compilation normal = compile("J", PartitioningDiagnosticsTest.JOIN);
    assertThat(normal.status()).isEqualTo(Compilation.Status.FAILURE);
  }
}
