package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * Partition inference through equations, as the user sees it: {@code h == f(k)} written either way
 * round states what {@code h = f(k)} states, except over doubles; functional dependencies carried
 * across relations hold only when every rule deriving the relation agrees on them.
 */
class PartitionEquationsTest {

  private static final String TEMPLATE = """
      package test;
      import dev.dedalus.*;
      @Partition(role = "Worker", key = "%s") // hint
      @Dedalus
      public interface W {
        @Input record In(Location c, long id, long k, String p) {}
        @Output record Out(long id, String p) {}
        @Config(addressesOf = "Worker") record Workers(Location at) {}
        record Job(Location c, long id, long k, String p) {}
        record Key(long h, long id) {}
        record DKey(double h, long id) {}
        record Pair(long a, long b) {}
        record DPair(double a, long b) {}
        record Numbered(long n, long id) {}
        @Timer(periodMillis = 10) record Tick(long now) {}
        @Pure static long h(long x) { return x * 31; }
        @Pure static long g(long x) { return x * 7; }
        @Pure static double dh(long x) { return x * 0.5; }
        @Pure static long add(long x, long y) { return x + y; }
        @Role interface Front {
          @Rule("Job@w(c, id, k, p) :~ In(c, id, k, p), Workers(w)") void send();
          %s
        }
        @Role interface Worker {
      %s  }
      }
      """;

  private static String source(String key, String frontRules, String... workerRules) {
    StringBuilder rules = new StringBuilder();
    for (int i = 0; i < workerRules.length; i++) {
      rules.append("    @Rule(").append(Sources.javaString(workerRules[i])).append(") void w").append(i).append("();\n");
    }
    return TEMPLATE.formatted(key, frontRules, rules);
  }

  private static Compilation compile(String key, String frontRules, String... workerRules) {
    return Sources.compile(Sources.source("test.W", source(key, frontRules, workerRules)));
  }

  private static Compilation compileSkipping(String skip, String key, String... workerRules) {
    return Sources.compileWithOptions(List.of("-Adedalus.unsafeSkip=" + skip),
        Sources.source("test.W", source(key, "", workerRules)));
  }

  private static List<String> warnings(Compilation compilation) {
    return compilation.warnings().stream().map(d -> d.getMessage(Locale.ROOT)).filter(m -> m.contains("UNSAFE: partitioned")).toList();
  }

  private static List<String> notes(Compilation compilation) {
    return compilation.notes().stream().map(d -> d.getMessage(Locale.ROOT)).filter(m -> m.startsWith("[Dedalus")).toList();
  }

  private static String refusal(String key, String frontRules, String... workerRules) {
    Compilation compilation = compile(key, frontRules, workerRules);
    List<Diagnostic<? extends javax.tools.JavaFileObject>> errors = compilation.errors();
    assertWithMessage(Sources.describe(compilation)).that(errors).hasSize(1);
    assertWithMessage("on the hint").that(errors.get(0).getLineNumber()).isEqualTo(3L);
    return errors.get(0).getMessage(Locale.ROOT);
  }

  private static void assertPartitioned(Compilation compilation, String note) {
    assertWithMessage(Sources.describe(compilation)).that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertWithMessage(Sources.describe(compilation)).that(notes(compilation)).containsExactly(note);
  }

  private static final String BY_H = "[DedalusPartitioned] partitioned Worker on Key.h by dependencies: Job by (h(id)), Key by (h)";
  private static final String BY_H_PAIR = BY_H + ", Pair by (a)";
  private static final String OUT = "Out@c(id, p) :~ Job(c, id, _, p), Key(y, id)";

  @Test
  void anAssignmentAndAComparisonEitherWayRoundStateTheSameDependency() {
    assertPartitioned(compile("Key.h", "", "Key(x, id) :- Job(_, id, _, _), x = h(id)", OUT), BY_H);
    assertPartitioned(compile("Key.h", "", "Key(x, id) :- Pair(x, id), x == h(id)", OUT), BY_H_PAIR);
    assertPartitioned(compile("Key.h", "", "Key(x, id) :- Pair(x, id), h(id) == x", OUT), BY_H_PAIR);
  }

  @Test
  void aComparisonOfDoublesStatesNoDependency() {
    String note = "[DedalusPartitioned] partitioned Worker on DKey.h by dependencies: Job by (dh(id)), DKey by (h)";
    assertPartitioned(compile("DKey.h", "", "DKey(x, id) :- Job(_, id, _, _), x = dh(id)",
        "Out@c(id, p) :~ Job(c, id, _, p), DKey(y, id)"), note);
    assertThat(refusal("DKey.h", "", "DKey(x, id) :- DPair(x, id), x == dh(id)",
        "Out@c(id, p) :~ Job(c, id, _, p), DKey(y, id)")).isEqualTo("[DedalusCannotPartition] cannot partition Worker "
        + "on DKey.h: rule 'w1' joins Job(c, id, _, p) but joins on (y), the partition key, which Job does not hold; "
        + "partitioning on Job.id would work");
  }

  @Test
  void derivingRulesThatAgreeKeepTheDependency() {
    assertPartitioned(compile("Key.h", "", "Key(x, id) :- Job(_, id, _, _), x = h(id)",
        "Key(x, id) :- Job(_, id, k, _), k > 0, x = h(id)", OUT), BY_H);
  }

  @Test
  void derivingRulesThatDisagreeLoseTheDependency() {
    assertThat(refusal("Key.h", "", "Key(x, id) :- Job(_, id, _, _), x = h(id)",
        "Key(x, id) :- Job(_, id, _, _), x = g(id)", OUT)).isEqualTo("[DedalusCannotPartition] cannot partition Worker "
        + "on Key.h: rule 'w1' derives Key(x, id) keyed by (g(id)) with Job(_, id, _, _) keyed by (h(id)): Key is "
        + "partitioned by (h) (from the hint), so facts that match may lie on different partitions; partitioning on "
        + "Job.id would work");
  }

  @Test
  void aRelationOtherNodesSendHasNoDependency() {
    assertThat(refusal("Key.h", "@Rule(\"Key@w(k, id) :~ In(_, id, k, _), Workers(w)\") void key();",
        "Key(x, id) :- Job(_, id, _, _), x = h(id)", OUT)).isEqualTo("[DedalusCannotPartition] cannot partition Worker "
        + "on Key.h: rule 'w1' joins Key(y, id) keyed by (y) with Job(c, id, _, p) keyed by (h(id)): Key is partitioned "
        + "by (h) (from the hint), so facts that match may lie on different partitions; partitioning on Job.id would work");
  }

  @Test
  void aDependencyOnAColumnTheHeadDoesNotHoldIsNone() {
    assertThat(refusal("Key.h", "", "Key(x, id) :- Job(_, id, k, _), x = h(k)", OUT)).isEqualTo("[DedalusCannotPartition] cannot "
        + "partition Worker on Key.h: rule 'w1' joins Job(c, id, _, p) with '_' for (h(k)), the partition key; "
        + "partitioning on Job.id would work");
  }
  /** Facts derived by either rule meet Job on different partitions: the disagreeing dependency is no dependency. */
  @Test
  void derivingRulesThatDisagreeGiveTheirReadersNoDependency() {
    assertThat(refusal("Key.h", "", "Key(x, id) :- Job(_, id, _, _), x = h(id)", "Key(x, id) :- Pair(id, _), x = g(id)",
        OUT)).isEqualTo("[DedalusCannotPartition] cannot partition Worker on Key.h: rule 'w2' joins Key(y, id) keyed by "
        + "(y) with Job(c, id, _, p) keyed by (h(id)): Key is partitioned by (h) (from the hint), so facts that match "
        + "may lie on different partitions; partitioning on Job.id would work");
  }

  /** Key.h is add(Key.id, 1) in every rule deriving Key; a rule that computes add(id, 1) again finds the same key. */
  @Test
  void aDependencyMayApplyAFunctionToConstants() {
    assertPartitioned(compile("Key.h", "", "Key(x, id) :- Numbered(x, id), x == add(id, 1)",
        "Pair(z, id) :- Key(y, id), z = add(id, 1)"),
        "[DedalusPartitioned] partitioned Worker on Key.h by co-hashing: Key by (h), Pair by (a), Numbered by (n)");
  }

  /** Only a function of other columns is a dependency: a head that repeats a variable states none. */
  @Test
  void aRepeatedVariableIsNoDependency() {
    assertThat(refusal("Pair.a", "", "Pair(id, id) :- Job(_, id, _, _)", "Out@c(id, p) :~ Job(c, id, _, p), Pair(x, id)"))
        .isEqualTo("[DedalusCannotPartition] cannot partition Worker on Pair.a: rule 'w1' joins Pair(x, id) keyed by (x) "
            + "with Job(c, id, _, p) keyed by (id): Pair is partitioned by (a) (from the hint), so facts that match may lie "
            + "on different partitions; partitioning on Pair.b would work");
  }

  private static final String[] NUMBERED = {"Numbered(index(), id) :- Job(_, id, _, _)",
      "Out@c(id, p) :~ Job(c, id, _, p), Numbered(n, id)"};

  @Test
  void indexIsRefusedUnlessSkipped() {
    assertThat(refusal("Job.id", "", NUMBERED)).isEqualTo("[DedalusCannotPartition] cannot partition Worker on Job.id: "
        + "rule 'w0' numbers facts with index(), and each partition would number its own facts from 0");
    Compilation compilation = compileSkipping("NO_INDEX", "Job.id", NUMBERED);
    assertWithMessage(Sources.describe(compilation)).that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertThat(warnings(compilation)).containsExactly("[DedalusForcedRewrite] UNSAFE: partitioned Worker on Job.id by "
        + "co-hashing: Job by (id), Numbered by (id) although rule 'w0' numbers facts with index(), and each partition "
        + "would number its own facts from 0 (-Adedalus.unsafeSkip)");
  }

  private static final String[] UNKEYED = {"Out@c(id, p) :~ Job(c, id, _, p)", "Pair(1, 2) :- Tick(_)"};

  @Test
  void aRelationNoRuleRelatesToTheKeyIsRefusedUnlessSkipped() {
    assertThat(refusal("Job.id", "", UNKEYED)).isEqualTo("[DedalusCannotPartition] cannot partition Worker on Job.id: "
        + "rule 'w1' derives Pair, which no rule relates to the partition key");
    Compilation compilation = compileSkipping("KEYED_RELATIONS", "Job.id", UNKEYED);
    assertWithMessage(Sources.describe(compilation)).that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertThat(warnings(compilation)).containsExactly("[DedalusForcedRewrite] UNSAFE: partitioned Worker on Job.id by "
        + "co-hashing: Job by (id) although rule 'w1' derives Pair, which no rule relates to the partition key "
        + "(-Adedalus.unsafeSkip)");
  }
}
