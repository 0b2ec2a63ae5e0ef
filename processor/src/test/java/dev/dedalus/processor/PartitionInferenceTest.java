package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The partitioning policy as a user sees it: the note naming each relation's key, the optimized
 * listing whose senders route by that key, and each refusal with its reason (co-partitioning of
 * joins and negations, group-bys, {@code index()}, pure functions, unroutable keys, bad hints).
 */
class PartitionInferenceTest {
  private static final String TEMPLATE = """
      package test;
      import dev.dedalus.*;
      %s // hint
      @Dedalus
      public interface W {
        @Input record In(Location c, long id, long k, String p) {}
        @Output record Out(long id, String p) {}
        @Config(addressesOf = "Worker") record Workers(Location at) {}
        @Timer(periodMillis = 10) record Tick(long now) {}
        record Job(Location c, long id, long k, String p) {}
        @Persist record Done(Location c, long id, long k) {}
        record Tally(Location c, long n) {}
        record Pair(long a, long b) {}
        record Key(long h, long id) {}
        @Pure static long h(long x) { return x * 31; }
        static long impure(long x) { return x; }
        @Role interface Front {
          @Rule("Job@w(c, id, k, p) :~ In(c, id, k, p), Workers(w)") void send();
        }
        @Role interface Worker {
      %s  }
      }
      """;

  private static final String REPLY = "Out@c(id, p) :~ Job(c, id, _, p), Done(c, id, _)";
  private static final String DONE = "Done(c, id, k) :- Job(c, id, k, _)";

  private static String source(String hint, String... workerRules) {
    StringBuilder rules = new StringBuilder();
    for (int i = 0; i < workerRules.length; i++) {
      rules.append("    @Rule(").append(Sources.javaString(workerRules[i])).append(") void w").append(i).append("();\n");
    }
    return TEMPLATE.formatted(hint, rules);
  }

  private static Compilation compile(String hint, String... workerRules) {
    return Sources.compile(Sources.source("test.W", source(hint, workerRules)));
  }

  /** The one error, which sits on the hint's line. */
  private static String refusal(String hint, String... workerRules) {
    Compilation compilation = compile(hint, workerRules);
    List<Diagnostic<? extends javax.tools.JavaFileObject>> errors = compilation.errors();
    assertWithMessage(Sources.describe(compilation)).that(errors).hasSize(1);
    assertWithMessage("on the hint").that(errors.get(0).getLineNumber()).isEqualTo(3L);
    return errors.get(0).getMessage(Locale.ROOT);
  }

  private static List<String> notes(Compilation compilation) {
    return compilation.notes().stream().map(d -> d.getMessage(Locale.ROOT)).filter(m -> m.startsWith("[Dedalus")).toList();
  }

  /** The optimized listing's policy line and rule lines. */
  private static List<String> optimized(Compilation compilation) {
    try {
      String listing = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "test", "W.optimized.dedalus")
          .orElseThrow(() -> new AssertionError("no optimized listing")).getCharContent(true).toString();
      return listing.lines().filter(l -> l.startsWith(".partition") || l.startsWith("  [")).map(String::strip).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that the compilation succeeds with this one partitioning note; the optimized listing's lines. */
  private static List<String> partitioned(Compilation compilation, String note) {
    CheckedPrograms.assertSucceeds(compilation);
    assertWithMessage(Sources.describe(compilation)).that(notes(compilation)).containsExactly(note);
    return optimized(compilation);
  }

  private static final String SEND = "[async] send: Job@partition(Worker, w, %s)(c, id, k, p) :~ In(c, id, k, p), Workers(w)"
      + "  // routed to Worker's partition of %s by %s";

  @Test
  void coHashingCarriesTheSeedKeyThroughSharedVariables() {
    Compilation compilation = compile("@Partition(role = \"Worker\", key = \"Job.id\")", DONE, REPLY);
    assertWithMessage(Sources.describe(compilation)).that(partitioned(compilation,
        "[DedalusPartitioned] partitioned Worker on Job.id by co-hashing: Job by (id), Done by (id)")).containsExactly(
        ".partition Worker on Job.id by co-hashing: Job(id) Done(id)",
        SEND.formatted("(id)", "(id)", "co-hashing"),
        "[s0] w0: Done(c, id, k) :- Job(c, id, k, _)",
        "[async] w1: Out@c(id, p) :~ Job(c, id, _, p), Done(c, id, _)").inOrder();
  }

  @Test
  void aKeyOfSeveralAttributesIsKeptWhole() {
    Compilation compilation = compile("@Partition(role = \"Worker\", key = {\"Job.c\", \"Job.id\"})", DONE, REPLY);
    assertWithMessage(Sources.describe(compilation)).that(partitioned(compilation, "[DedalusPartitioned] partitioned "
        + "Worker on (Job.c, Job.id) by co-hashing: Job by (c, id), Done by (c, id)")).contains(
        SEND.formatted("(c, id)", "(c, id)", "co-hashing"));
  }

  @Test
  void pureFunctionsCarryTheKeyAsDependencies() {
    // Key.h is h(Key.id) in every rule deriving Key: Key(y, id) then states y == h(id).
    Compilation compilation = compile("@Partition(role = \"Worker\", key = \"Key.h\")",
        "Key(x, id) :- Job(_, id, _, _), x = h(id)", "Out@c(id, p) :~ Job(c, id, _, p), Key(y, id)");
    assertWithMessage(Sources.describe(compilation)).that(partitioned(compilation,
        "[DedalusPartitioned] partitioned Worker on Key.h by dependencies: Job by (h(id)), Key by (h)")).contains(
        SEND.formatted("(h(id))", "(h(id))", "dependencies"));
  }

  @Test
  void anAggregateSentByItsKeyAndAnUnrelatedLocalFactAreAccepted() {
    Compilation compilation = compile("@Partition(role = \"Worker\", key = \"Job.id\")",
        "Out@c(id, choose(p)) :~ Job(c, id, _, p), !Pair(id, _)", "Pair(1, 2) :- Tick(_)");
    CheckedPrograms.assertSucceeds(compilation);
    assertWithMessage(Sources.describe(compilation)).that(notes(compilation)).containsExactly(
        "[DedalusPartitioned] partitioned Worker on Job.id by co-hashing: Job by (id), Pair by (a)");
  }

  @Test
  void refusalsNameTheRuleAndWhyItsFactsMaySpreadOverPartitions() {
    String hint = "@Partition(role = \"Worker\", key = \"Job.id\")";
    String cannot = "[DedalusCannotPartition] cannot partition Worker on Job.id: ";
    assertWithMessage("self-join on another column").that(refusal(hint, "Out@c(id, p) :~ Job(c, id, k, p), Job(c, k, id, _)"))
        .isEqualTo(cannot + "rule 'w0' joins Job(c, id, k, p) keyed by (id) with Job(c, k, id, _) keyed by (k): Job is "
            + "partitioned by (id) (from the hint), so facts that match may lie on different partitions; partitioning on Job.c "
            + "would work");
    assertWithMessage("join of another relation on another column")
        .that(refusal(hint, DONE, "Out@c(id, p) :~ Job(c, id, k, p), Done(c, k, id)"))
        .isEqualTo(cannot + "rule 'w1' joins Done(c, k, id) keyed by (k) with Job(c, id, k, p) keyed by (id): Done is "
            + "partitioned by (id) (from rule 'w0'), so facts that match may lie on different partitions; partitioning on "
            + "Job.c would work");
    assertWithMessage("negation on another column").that(refusal(hint, DONE, "Out@c(id, p) :~ Job(c, id, k, p), !Done(c, k, _)"))
        .isEqualTo(cannot + "rule 'w1' negates Done(c, k, _) keyed by (k) with Job(c, id, k, p) keyed by (id): Done is "
            + "partitioned by (id) (from rule 'w0'), so facts that match may lie on different partitions; partitioning on "
            + "Job.c would work");
    assertWithMessage("wildcard for the key").that(refusal(hint, DONE, "Out@c(id, p) :~ Job(c, id, k, p), Done(c, _, k)"))
        .isEqualTo(cannot + "rule 'w1' joins Done(c, _, k) with '_' for (id), the partition key; partitioning on Job.c would work");
    assertWithMessage("index()").that(refusal(hint, "Pair(index(), id) :- Job(_, id, _, _)", "Out@c(id, p) :~ Job(c, id, _, p), Pair(_, id)"))
        .isEqualTo(cannot + "rule 'w0' numbers facts with index(), and each partition would number its own facts from 0");
    assertWithMessage("sent aggregate").that(refusal(hint, "Out@c(count(id), p) :~ Job(c, id, _, p)"))
        .isEqualTo(cannot + "rule 'w0' groups Job by (p) but joins on (id), the partition key, so each partition would send "
            + "Out its own partial result; partitioning on Job.p would work");
    assertWithMessage("local aggregate").that(refusal(hint, "Tally(c, count(id)) :- Job(c, id, _, _)", "Out@c(n, \"x\") :~ Tally(c, n)"))
        .isEqualTo(cannot + "rule 'w0' groups Job by (c) but joins on (id), the partition key; partitioning on Job.c would work");
    assertWithMessage("no policy at all").that(refusal(hint, "Pair(a, b) :- Pair(b, a)", "Pair(1, 2) :- Tick(_)",
        "Out@c(id, p) :~ Job(c, id, _, p), Pair(_, _)"))
        .isEqualTo(cannot + "rule 'w2' joins Pair(_, _) but joins on (id), the partition key, which Pair does not hold");
  }

  @Test
  void anImpureFunctionCarriesNoKey() {
    assertWithMessage("impure").that(refusal("@Partition(role = \"Worker\", key = \"Key.h\")",
        "Key(x, id) :- Job(_, id, _, _), x = impure(id)", "Out@c(id, p) :~ Job(c, id, _, p), Key(_, id)"))
        .isEqualTo("[DedalusCannotPartition] cannot partition Worker on Key.h: rule 'w0' joins Job(_, id, _, _) but joins on "
            + "(x), the partition key, which Job does not hold; partitioning on Job.id would work");
  }

  @Test
  void aKeyFilledByASentAggregateCannotBeRouted() {
    String source = source("@Partition(role = \"Worker\", key = \"Tally.n\")", "Out@c(n, \"x\") :~ Tally(c, n)")
        .replace("  @Role interface Front {", "  @Role interface Counter {\n"
            + "    @Rule(\"Tally@w(c, count(id)) :~ Job(c, id, _, _), Workers(w)\") void tally();\n  }\n  @Role interface Front {");
    Compilation compilation = Sources.compile(Sources.source("test.W", source));
    assertWithMessage(Sources.describe(compilation)).that(CheckedPrograms.errors(compilation)).containsExactly(
        "line 3: [DedalusCannotPartition] cannot partition Worker on Tally.n: Counter's rule 'tally' sends Tally with an "
            + "aggregate in (n), the partition key, so the partition cannot be chosen when it is sent; aggregate into a local "
            + "relation first and send that; partitioning on Tally.c would work");
  }

  @Test
  void badKeysAreHintErrors() {
    assertWithMessage("unknown relation").that(refusal("@Partition(role = \"Worker\", key = \"Jobb.id\")", REPLY, DONE))
        .isEqualTo("[DedalusBadHint] @Partition(role = \"Worker\", key = \"Jobb.id\"): key 'Jobb.id' must be "
            + "Relation.attribute; there is no relation 'Jobb'; did you mean 'Job'?");
    assertWithMessage("two relations").that(refusal("@Partition(role = \"Worker\", key = {\"Job.id\", \"Done.id\"})", DONE, REPLY))
        .isEqualTo("[DedalusBadHint] @Partition(role = \"Worker\", key = \"Job.id\", \"Done.id\"): the key's attributes must "
            + "all belong to one relation");
    assertWithMessage("no key").that(refusal("@Partition(role = \"Worker\", key = {})", REPLY, DONE))
        .isEqualTo("[DedalusBadHint] @Partition(role = \"Worker\", key = \"\") names no key");
  }

  private static final String CANNOT = "[DedalusCannotPartition] cannot partition Worker on ";

  @Test
  void aKeyFunctionOfAColumnAnAtomDoesNotHoldIsRefused() {
    // The rule's key is h(id); Pair(k, _) holds neither h(id) nor id to compute it from.
    assertWithMessage("function of a missing column").that(refusal("@Partition(role = \"Worker\", key = \"Key.h\")",
        "Key(x, id) :- Job(_, id, _, _), x = h(id)", "Out@c(id, p) :~ Job(c, id, k, p), Key(y, id), Pair(k, _)"))
        .isEqualTo(CANNOT + "Key.h: rule 'w1' joins Pair(k, _) but joins on (h(id)), the partition key, which Pair does "
            + "not hold");
  }

  @Test
  void anAggregateInTheKeyOfALocalHeadIsRefused() {
    assertWithMessage("aggregate in the key").that(refusal("@Partition(role = \"Worker\", key = \"Tally.n\")",
        "Tally(c, count(id)) :- Job(c, id, _, _)", "Out@c(n, \"x\") :~ Tally(c, n)"))
        .isEqualTo(CANNOT + "Tally.n: rule 'w0' derives Tally(c, <aggregate>) with an aggregate for (n), the partition "
            + "key; partitioning on Job.c would work");
  }

  @Test
  void anAtomThatCannotHoldTheKeyInAnAggregatingRuleIsAJoinNotAGroupBy() {
    assertWithMessage("join in an aggregating rule").that(refusal("@Partition(role = \"Worker\", key = \"Job.id\")",
        "Out@c(id, choose(p)) :~ Job(c, id, k, p), Pair(k, _)"))
        .isEqualTo(CANNOT + "Job.id: rule 'w0' joins Pair(k, _) but joins on (id), the partition key, which Pair does not "
            + "hold");
  }

  /** A :~ head carries no key to its rule's atoms: the fact goes to the partition of its own key, wherever they lie. */
  @Test
  void anAggregateTheRoleSendsItselfRelatesNothingToTheKey() {
    assertWithMessage("sent to itself").that(refusal("@Partition(role = \"Worker\", key = \"Tally.c\")",
        "Tally@w(c, count(id)) :~ Job(c, id, _, _), Workers(w)", "Out@c(n, \"x\") :~ Tally(c, n)"))
        .isEqualTo(CANNOT + "Tally.c: rule 'w0' joins Job, which no rule relates to the partition key");
  }

  /** The aggregate the role sends itself must group by the rule's key, whatever the key of the relation it sends. */
  @Test
  void anAggregateTheRoleSendsItselfGroupsByTheRulesKey() {
    assertWithMessage("sent to itself").that(refusal("@Partition(role = \"Worker\", key = \"Tally.n\")",
        "Tally@w(c, count(id)) :~ Job(c, id, _, _), Workers(w)", "Out@c(n, \"x\") :~ Tally(c, n), Job(c, n, _, _)"))
        .isEqualTo(CANNOT + "Tally.n: rule 'w0' groups Job by (c) but joins on (id), the partition key, so each "
            + "partition would send Tally its own partial result; partitioning on Job.c would work");
  }

  /** Pair is keyed because Worker derives it, but Worker never reads it: what Front sends it need not be routed. */
  @Test
  void sendsOfARelationTheRoleDerivesButDoesNotReadAreNotRouted() {
    String source = source("@Partition(role = \"Worker\", key = \"Job.id\")", DONE, REPLY, "Pair(id, k) :- Job(_, id, k, _)")
        .replace("  @Role interface Front {\n", "  @Role interface Front {\n"
            + "    @Rule(\"Pair@w(id, k) :~ In(_, id, k, _), Workers(w)\") void pair();\n"
            + "    @Rule(\"Pair@w(count(id), k) :~ In(_, id, k, _), Workers(w)\") void count();\n");
    Compilation compilation = Sources.compile(Sources.source("test.W", source));
    assertWithMessage(Sources.describe(compilation)).that(partitioned(compilation, "[DedalusPartitioned] partitioned "
        + "Worker on Job.id by co-hashing: Job by (id), Done by (id), Pair by (a)")).containsAtLeast(
        "[async] pair: Pair@w(id, k) :~ In(_, id, k, _), Workers(w)",
        "[async] count: Pair@w(count(id), k) :~ In(_, id, k, _), Workers(w)",
        SEND.formatted("(id)", "(id)", "co-hashing"));
  }

  /** Clients send an input without @Input(role) to the first role that reads it, wherever that role is declared. */
  @Test
  void theFirstRoleReadingAnInputReceivesIt() {
    String source = source("@Partition(role = \"Front\", key = \"In.id\")", DONE, REPLY)
        .replace("  @Role interface Front {", "  @Role interface Clock {\n"
            + "    @Rule(\"Pair(n, n) :- Tick(n)\") void beat();\n  }\n  @Role interface Front {");
    Compilation compilation = Sources.compile(Sources.source("test.W", source));
    assertWithMessage(Sources.describe(compilation)).that(CheckedPrograms.errors(compilation)).containsExactly(
        "line 3: [DedalusCannotPartition] cannot partition Front on In.id: clients send it In, and choosing a partition "
            + "would change the client; decouple the rules that read it first");
  }

  // ---- test builds: -Adedalus.unsafeSkip=CONDITION and -Adedalus.unsafeForceRewrites=W ----

  private static Compilation compileWithOptions(String options, String hint, String... workerRules) {
    return Sources.compileWithOptions(List.of(options.split(" ")), Sources.source("test.W", source(hint, workerRules)));
  }

  private static Compilation compileWithOptions(String options, String source) {
    return Sources.compileWithOptions(List.of(options.split(" ")), Sources.source("test.W", source));
  }

  /** Asserts that the compilation succeeds with exactly these warnings, in this order. */
  private static void assertWarnings(Compilation compilation, String... warnings) {
    CheckedPrograms.assertSucceeds(compilation);
    assertWithMessage(Sources.describe(compilation)).that(CheckedPrograms.warnings(compilation))
        .containsExactlyElementsIn(warnings).inOrder();
  }

  private static final String SKIPS = "line 4: [DedalusForcedRewrite] UNSAFE: this build skips the conditions [%s] "
      + "(-Adedalus.unsafeSkip): its optimized plans may differ from the base plans";
  private static final String SENT_AGGREGATE = "Out@c(count(id), p) :~ Job(c, id, _, p)";

  @Test
  void skippingTheSentGroupByLetsASentAggregateAcrossPartitionsThrough() {
    String hint = "@Partition(role = \"Worker\", key = \"Job.id\")";
    Compilation compilation = compileWithOptions("-Adedalus.unsafeSkip=KEY_IN_SENT_GROUP_BY", hint, SENT_AGGREGATE);
    assertWarnings(compilation,
        SKIPS.formatted("KEY_IN_SENT_GROUP_BY"),
        "line 3: [DedalusForcedRewrite] UNSAFE: partitioned Worker on Job.id by co-hashing: Job by (id) although rule 'w0' "
            + "groups Job by (p) but joins on (id), the partition key, so each partition would send Out its own partial "
            + "result (-Adedalus.unsafeSkip)");
    Compilation local = compileWithOptions("-Adedalus.unsafeSkip=KEY_IN_GROUP_BY", hint, SENT_AGGREGATE);
    assertWithMessage("the local group-by is another condition").that(CheckedPrograms.errors(local)).containsExactly(
        "line 3: " + CANNOT + "Job.id: rule 'w0' groups Job by (p) but joins on (id), the partition key, so each "
            + "partition would send Out its own partial result; partitioning on Job.p would work");
  }

  private static final String MISMATCH = "rule 'w1' joins Done(c, k, _) keyed by (k) with Job(c, id, k, p) keyed by (id): "
      + "Done is partitioned by (id) (from rule 'w0'), so facts that match may lie on different partitions";
  private static final String[] MISMATCHED = {DONE, "Out@c(id, p) :~ Job(c, id, k, p), Done(c, k, _)"};

  /** A forced hint routes by the keys inferred up to the first violation, which its warning names. */
  @Test
  void aForcedHintIsAppliedWithTheKeysInferredBeforeItsFirstViolation() {
    Compilation compilation = compileWithOptions("-Adedalus.unsafeForceRewrites=W",
        "@Partition(role = \"Worker\", key = \"Job.id\")", MISMATCHED);
    assertWithMessage(Sources.describe(compilation)).that(partitioned(compilation,
        "[DedalusPartitioned] FORCED: partitioned Worker on Job.id by co-hashing: Job by (id), Done by (id)")).contains(
        SEND.formatted("(id)", "(id)", "co-hashing"));
    assertWarnings(compilation,
        "line 3: [DedalusForcedRewrite] UNSAFE: forced to partition Worker on Job.id although " + MISMATCH);
  }

  /** A violation the build forces is not one it skips: it is warned about once. */
  @Test
  void aForcedViolationIsNotReportedAsSkipped() {
    Compilation compilation = compileWithOptions("-Adedalus.unsafeForceRewrites=W -Adedalus.unsafeSkip=NO_INDEX",
        "@Partition(role = \"Worker\", key = \"Job.id\")", MISMATCHED);
    assertWarnings(compilation,
        SKIPS.formatted("NO_INDEX"),
        "line 3: [DedalusForcedRewrite] UNSAFE: forced to partition Worker on Job.id although " + MISMATCH);
  }

  /** With the routable key skipped, a send whose key is aggregated goes unrouted. */
  @Test
  void skippingTheRoutableKeyLeavesAnAggregatedKeyUnrouted() {
    String source = source("@Partition(role = \"Worker\", key = \"Tally.n\")", "Out@c(n, \"x\") :~ Tally(c, n)")
        .replace("  @Role interface Front {", "  @Role interface Counter {\n"
            + "    @Rule(\"Tally@w(c, count(id)) :~ Job(c, id, _, _), Workers(w)\") void tally();\n  }\n  @Role interface Front {");
    Compilation compilation = compileWithOptions("-Adedalus.unsafeSkip=ROUTABLE_KEY", source);
    assertWarnings(compilation,
        SKIPS.formatted("ROUTABLE_KEY"),
        "line 3: [DedalusForcedRewrite] UNSAFE: partitioned Worker on Tally.n by co-hashing: Tally by (n) although "
            + "Counter's rule 'tally' sends Tally with an aggregate in (n), the partition key, so the partition cannot be "
            + "chosen when it is sent; aggregate into a local relation first and send that (-Adedalus.unsafeSkip)");
    assertWithMessage(Sources.describe(compilation)).that(optimized(compilation)).contains(
        "[async] tally: Tally@w(c, count(id)) :~ Job(c, id, _, _), Workers(w)");
  }

  /** Config and timer relations are on every partition: they seed no policy, even one no other condition refutes. */
  @Test
  void aReplicatedRelationIsNeverSuggestedAsASeed() {
    assertWithMessage("suggestion").that(CheckedPrograms.errors(compileWithOptions("-Adedalus.unsafeSkip=KEYED_RELATIONS",
        "@Partition(role = \"Worker\", key = \"Job.id\")", "Out@c(id, p) :~ Job(c, id, k, p), Job(c, k, id, _), Tick(_)")))
        .containsExactly("line 3: " + CANNOT + "Job.id: rule 'w0' joins Job(c, id, k, p) keyed by (id) with Job(c, k, id, _) "
            + "keyed by (k): Job is partitioned by (id) (from the hint), so facts that match may lie on different "
            + "partitions; partitioning on Job.c would work");
  }
}
