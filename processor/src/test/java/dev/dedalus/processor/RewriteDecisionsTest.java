package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What the decoupling phase does, as the user sees it: the exact refusal on the hint line, the
 * note naming the rewrite, the optimized listing, and the generated {@code instanceSources()};
 * also the test-only option {@code -Adedalus.unsafeSkip} that switches one condition off.
 */
class RewriteDecisionsTest {

  static Compilation compile(String name, String source, String... options) {
    return Sources.compileWithOptions(List.of(options), Sources.source("test." + name, source));
  }

  static List<String> messages(List<Diagnostic<? extends JavaFileObject>> ds) {
    return ds.stream().map(d -> d.getMessage(Locale.ROOT)).toList();
  }

  static String listing(Compilation compilation, String name) {
    return CheckedPrograms.resource(compilation, name + ".optimized.dedalus");
  }

  static String generated(Compilation compilation, String qualifiedName) {
    try {
      return compilation.generatedSourceFile(qualifiedName)
          .orElseThrow(() -> new AssertionError("no " + qualifiedName + "; " + Sources.describe(compilation)))
          .getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The errors, each of which must sit on a line marked {@code // hint}. */
  static List<String> errorsOnHint(Compilation compilation, String source) {
    List<Diagnostic<? extends JavaFileObject>> errors = compilation.errors();
    assertWithMessage(Sources.describe(compilation)).that(errors).isNotEmpty();
    for (Diagnostic<? extends JavaFileObject> e : errors) {
      assertWithMessage("on the hint: " + e.getMessage(Locale.ROOT))
          .that(source.lines().toList().get((int) e.getLineNumber() - 1)).contains("// hint");
    }
    return messages(errors);
  }

  static String refusal(Compilation compilation, String source) {
    List<String> errors = errorsOnHint(compilation, source);
    assertWithMessage(Sources.describe(compilation)).that(errors).hasSize(1);
    return errors.get(0);
  }

  static void assertSuccess(Compilation compilation) {
    assertWithMessage(Sources.describe(compilation)).that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
  }

  static List<String> notes(Compilation compilation) {
    return messages(compilation.notes()).stream().filter(m -> m.startsWith("[Dedalus")).toList();
  }

  static List<String> warnings(Compilation compilation) {
    return messages(compilation.warnings());
  }

  // ---------------------------------------------------------------------------------------------
  // Persistence: what counts as a carry rule

  private static final String STORE = """
      package test;
      import dev.dedalus.*;
      @Decouple(role = "Store", rules = {%s}, into = "Answerer") // hint
      @Dedalus
      public interface %s {
        @Input record Put(Location c, long k, long v) {}
        @Input(role = "Store") record Get(Location c, long k) {}
        @Output record Value(long k, long v) {}
        record Entry(long k, long v) {}
        @Persist record Question(Location c, long k) {}
        @Role interface Store {
          @Rule("Entry(k, v) :- Put(_, k, v)") void put();
          @Rule("%s") void keep();
          @Rule("Question(c, k) :- Get(c, k)") void ask();
          @Rule("Question(c, k) :+ Question(c, k)") void remember();
          @Rule("Value@c(k, v) :~ Question(c, k), Entry(k, v)") void answer();
          %s
        }
      }
      """;

  private static String store(String name, String moved, String keep, String more) {
    return STORE.formatted(moved, name, keep, more);
  }

  private static final String NOT_PERSISTED = "[DedalusCannotDecouple] cannot decouple {answer} from Store into Answerer: "
      + "Answerer's rule 'answer' reads Entry, which Store's rule 'put' derives, and Entry is not persisted (not "
      + "monotonic); not mutually independent: Answerer's rule 'answer' reads Entry, which Store's rule 'put' derives; "
      + "not functional: rule 'answer' joins Question and Entry, two relations that are not configuration";

  @Test
  void aCarryWithDistinctVariablesPersistsAndIsCopiedToTheNewNode() {
    String source = store("Carry", "\"answer\"", "Entry(k, v) :+ Entry(k, v)", "");
    Compilation compilation = compile("Carry", source);
    assertSuccess(compilation);
    assertThat(notes(compilation)).contains(
        "[DedalusDecoupled] decoupled {answer} from Store into Answerer by monotonic decoupling");
    String listing = listing(compilation, "Carry");
    assertThat(listing).contains("persistEntry: Entry(k, v) :+ Entry(k, v)  // added by monotonic decoupling: persists "
        + "Entry at Answerer as 'keep' does at Store");
    // Question is declared persisted: it persists on every node already, so no carry is copied.
    assertThat(listing).doesNotContain("persistQuestion");
    assertThat(listing).contains("forwardEntry");
    assertThat(listing).contains("forwardQuestion");
  }

  @Test
  void aCarryWithARepeatedVariableIsNotPersistence() {
    String source = store("Twice", "\"answer\"", "Entry(k, k) :+ Entry(k, k)", "");
    assertThat(refusal(compile("Twice", source), source)).isEqualTo(NOT_PERSISTED);
  }

  @Test
  void aCarryWithSwappedColumnsIsNotPersistence() {
    String source = store("Swapped", "\"answer\"", "Entry(v, k) :+ Entry(k, v)", "");
    assertThat(refusal(compile("Swapped", source), source)).isEqualTo(NOT_PERSISTED);
  }

  @Test
  void aCarryWithAConstantIsNotPersistence() {
    String source = store("Const", "\"answer\"", "Entry(k, 1) :+ Entry(k, 1)", "");
    assertThat(refusal(compile("Const", source), source)).isEqualTo(NOT_PERSISTED);
  }

  @Test
  void aCarryWithAnExtraLiteralIsNotPersistence() {
    String source = store("Extra", "\"answer\"", "Entry(k, v) :+ Entry(k, v), Question(_, k)", "");
    assertThat(refusal(compile("Extra", source), source)).isEqualTo(NOT_PERSISTED);
  }

  @Test
  void aCarryFromAnotherRelationIsNotPersistence() {
    String source = store("Other", "\"answer\"", "Entry(k, k) :+ Question(_, k)", "");
    assertThat(refusal(compile("Other", source), source)).isEqualTo(NOT_PERSISTED);
  }

  @Test
  void aDeductiveCopyIsNotPersistence() {
    String source = store("Deductive", "\"answer\"", "Entry(k, v) :- Entry(k, v)", "");
    assertThat(refusal(compile("Deductive", source), source)).isEqualTo(NOT_PERSISTED);
  }

  @Test
  void aCarryTheMovedRulesHaveIsNotCopiedAgain() {
    String source = store("Both", "\"answer\", \"keep2\"", "Entry(k, v) :+ Entry(k, v)",
        "@Rule(\"Entry(k, v) :+ Entry(k, v)\") void keep2();");
    assertThat(refusal(compile("Both", source), source)).isEqualTo("[DedalusCannotDecouple] cannot decouple {answer, "
        + "keep2} from Store into Answerer: Store's rule 'keep' reads Entry, which 'keep2' would derive at Answerer; the "
        + "rules that stay must not depend on the moved ones (not independent)");
    Compilation compilation = compile("Both", source, "-Adedalus.unsafeSkip=INDEPENDENCE");
    assertSuccess(compilation);
    assertThat(notes(compilation)).contains(
        "[DedalusDecoupled] decoupled {answer, keep2} from Store into Answerer by monotonic decoupling");
    assertThat(warnings(compilation)).contains("[DedalusForcedRewrite] UNSAFE: decoupled {answer, keep2} from Store into "
        + "Answerer by monotonic decoupling although Store's rule 'keep' reads Entry, which 'keep2' would derive at "
        + "Answerer (-Adedalus.unsafeSkip)");
    String listing = listing(compilation, "Both");
    assertThat(listing).doesNotContain("persistEntry");
  }

  // ---------------------------------------------------------------------------------------------
  // Forwarding: unique names, and what is forwarded, redirected, or shared

  private static final String NODE = """
      package test;
      import dev.dedalus.*;
      @Decouple(role = "Node", rules = {"reply"}, into = "Replier") // hint
      @Dedalus
      public interface Names {
        @Input record In(Location c, long x) {}
        @Output record Out(long x) {}
        record Seen(Location c, long x) {}
        @Role interface Node {
          @Rule("Seen(c, x) :- In(c, x)") void forwardSeen();
          @Rule("Seen(c, x) :- In(c, x), x > 0") void forwardSeen2();
          @Rule("Out@c(x) :~ Seen(c, x)") void reply();
        }
      }
      """;

  @Test
  void aForwardingRuleGetsANameTheRoleDoesNotHave() {
    Compilation compilation = compile("Names", NODE);
    assertSuccess(compilation);
    assertThat(notes(compilation)).contains(
        "[DedalusDecoupled] decoupled {reply} from Node into Replier by functional decoupling");
    String listing = listing(compilation, "Names");
    assertThat(listing).contains("forwardSeen3: Seen@forward(Node, Replier, self)(x0, x1) :~ Seen(x0, x1)  // added by "
        + "functional decoupling: forwards Seen to Replier");
    assertThat(listing).doesNotContain("forwardIn");
    String program = generated(compilation, "test.Names_Optimized_Program");
    assertThat(program).contains("instanceSources()");
    assertThat(program).contains("Map.entry(\"Replier\", \"Node\")");
    assertThat(generated(compilation, "test.Names_Program")).doesNotContain("instanceSources()");
  }

  @Test
  void skippingFollowedInstancesDropsInstanceSources() {
    Compilation compilation = compile("Names", NODE, "-Adedalus.unsafeSkip=FOLLOWED_INSTANCES");
    assertSuccess(compilation);
    assertThat(generated(compilation, "test.Names_Optimized_Program")).doesNotContain("instanceSources()");
  }


  // ---------------------------------------------------------------------------------------------
  // Redirection of messages that only the moved rules read

  private static final String RACE = """
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
        %s record Reply(long x) {}
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

  @Test
  void skippingPersistedRedirectedInputsRedirectsTheSender() {
    Compilation compilation = compile("Race", RACE.formatted(""), "-Adedalus.unsafeSkip=PERSISTED_REDIRECTED_INPUTS");
    assertSuccess(compilation);
    assertThat(warnings(compilation)).contains("[DedalusForcedRewrite] UNSAFE: decoupled {done} from Desk into Finisher "
        + "by monotonic decoupling although Finisher's rule 'done' reads Reply, which other nodes would send to Finisher "
        + "directly, and Reply is not persisted: it could arrive before the facts it joins (-Adedalus.unsafeSkip)");
    String listing = listing(compilation, "Race");
    assertThat(listing).contains("Reply@forward(Desk, Finisher, d)(x)");
    assertThat(listing).contains("redirected to Finisher by monotonic decoupling");
    assertThat(listing).contains("forwardKnown: Known@forward(Desk, Finisher, self)(x0, x1) :~ Known(x0, x1)");
    assertThat(listing).doesNotContain("forwardReply");
    assertThat(listing).doesNotContain("forwardJob");
    assertThat(listing).doesNotContain("persistReply");
  }

  @Test
  void aPersistedRedirectedMessageIsRedirectedWithoutAWarning() {
    Compilation compilation = compile("Race", RACE.formatted("@Persist"));
    assertSuccess(compilation);
    assertThat(warnings(compilation).toString()).doesNotContain("UNSAFE");
    assertThat(listing(compilation, "Race")).contains("Reply@forward(Desk, Finisher, d)(x)");
  }

  private static final String SPLIT_DESK = """
      package test;
      import dev.dedalus.*;
      @Decouple(role = "Desk", rules = {"done"}, into = "Finisher") // hint
      @Dedalus
      public interface Mi {
        @Input record Job(Location c, long x) {}
        @Output record Done(long x) {}
        @Config(addressesOf = "Helper") record Helpers(Location addr) {}
        @Config(addressesOf = "Desk") record Desks(Location addr) {}
        record Ask(Location c, long x) {}
        record Reply(Location c, long x) {}
        %s
        @Role interface Desk {
          @Rule("Ask@h(c, x) :~ Job(c, x), Helpers(h)") void ask();
          @Rule("Done@c(x) :~ Reply(c, x)%s") void done();
          %s
        }
        @Role interface Helper {
          @Rule("Reply@d(c, x) :~ Ask(c, x), Desks(d)") void reply();
        }
      }
      """;

  @Test
  void mutuallyIndependentDecouplingRedirectsWhatOnlyTheMovedRulesRead() {
    Compilation compilation = compile("Mi", SPLIT_DESK.formatted("", "", ""));
    assertSuccess(compilation);
    assertThat(notes(compilation)).contains(
        "[DedalusDecoupled] decoupled {done} from Desk into Finisher by mutually independent decoupling");
    String listing = listing(compilation, "Mi");
    assertThat(listing).contains("Reply@forward(Desk, Finisher, d)(c, x)");
    assertThat(listing).contains("redirected to Finisher by mutually independent decoupling");
    assertThat(listing).doesNotContain("forwardReply");
    assertThat(listing).doesNotContain("Ask@forward");
    assertThat(generated(compilation, "test.Mi_Optimized_Program")).contains("Map.entry(\"Finisher\", \"Desk\")");
  }

  @Test
  void aMessageBothSidesReadIsForwardedNotRedirected() {
    String source = SPLIT_DESK.formatted("@Persist record Log(long x) {}\n@Persist record Banned(long x) {}", ", !Banned(x)",
        "@Rule(\"Log(x) :- Reply(_, x)\") void log();\n@Rule(\"Banned(x) :- Job(_, x), x < 0\") void ban();");
    assertThat(refusal(compile("Mi", source), source)).isEqualTo("[DedalusCannotDecouple] cannot decouple {done} from "
        + "Desk into Finisher: rule 'done' negates Banned, which Desk's rule 'ban' writes: at Finisher a Banned fact could "
        + "arrive after the rule has read its absence (not monotonic, not functional); not mutually independent: both "
        + "Desk's rule 'log' and Finisher's rule 'done' read Reply");
  }

  // ---------------------------------------------------------------------------------------------
  // Skipping one condition applies the rewrite it guards, with a warning

  private static final String SELF_JOIN = """
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

  @Test
  void skippingOneAtomPerBodyAppliesFunctionalDecoupling() {
    Compilation compilation = compile("SelfJoin", SELF_JOIN, "-Adedalus.unsafeSkip=ONE_ATOM_PER_BODY");
    assertSuccess(compilation);
    assertThat(notes(compilation)).contains(
        "[DedalusDecoupled] decoupled {conflict} from Node into Checker by functional decoupling");
    assertThat(warnings(compilation)).contains("[DedalusForcedRewrite] UNSAFE: decoupled {conflict} from Node into "
        + "Checker by functional decoupling although rule 'conflict' joins Seen with itself, so each output depends on "
        + "two Seen facts (-Adedalus.unsafeSkip)");
    assertThat(listing(compilation, "SelfJoin")).contains("forwardSeen: Seen@forward(Node, Checker, self)(x0, x1, x2)");
  }

  @Test
  void skippingNothingSharedAppliesMutuallyIndependentDecoupling() {
    Compilation compilation = compile("SelfJoin", SELF_JOIN, "-Adedalus.unsafeSkip=nothing_shared");
    assertSuccess(compilation);
    assertThat(warnings(compilation)).contains("[DedalusForcedRewrite] UNSAFE: decoupled {conflict} from Node into "
        + "Checker by mutually independent decoupling although Checker's rule 'conflict' reads Seen, which Node's rule "
        + "'see' derives (-Adedalus.unsafeSkip)");
  }

  @Test
  void skippingPersistedForwardedInputsAppliesMonotonicDecoupling() {
    Compilation compilation = compile("SelfJoin", SELF_JOIN, "-Adedalus.unsafeSkip= ,PERSISTED_FORWARDED_INPUTS ,");
    assertSuccess(compilation);
    assertThat(warnings(compilation)).contains("[DedalusForcedRewrite] UNSAFE: decoupled {conflict} from Node into "
        + "Checker by monotonic decoupling although Checker's rule 'conflict' reads Seen, which Node's rule 'see' "
        + "derives, and Seen is not persisted (-Adedalus.unsafeSkip)");
    assertThat(warnings(compilation).toString()).contains("UNSAFE: this build skips the conditions [PERSISTED_FORWARDED_INPUTS]");
    assertThat(listing(compilation, "SelfJoin")).doesNotContain("persistSeen");
  }

  @Test
  void skippingAConditionThatDoesNotApplyChangesNothing() {
    Compilation compilation = compile("SelfJoin", SELF_JOIN, "-Adedalus.unsafeSkip=NO_INDEX,SELF_IN_MOVED_RULE");
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(messages(compilation.errors()).get(0)).startsWith("[DedalusCannotDecouple] cannot decouple {conflict} "
        + "from Node into Checker: rule 'conflict' joins Seen with itself");
  }

  private static final String VOTER = """
      package test;
      import dev.dedalus.*;
      @Decouple(role = "Participant", rules = {"vote"}, into = "Voter") // hint
      @Dedalus
      public interface Vt {
        @Input record ClientIn(Location client, long id) {}
        @Output record ClientOut(long id) {}
        @Config(addressesOf = "Participant") record Participants(Location addr) {}
        @Config(addressesOf = "Leader") record Leaders(Location addr) {}
        record VoteReq(Location client, long id) {}
        record Vote(Location from, Location client, long id) {}
        @Role interface Leader {
          @Rule("VoteReq@p(client, id) :~ ClientIn(client, id), Participants(p)") void broadcast();
          @Rule("ClientOut@client(id) :~ Vote(_, client, id)") void reply();
        }
        @Role interface Participant {
          @Rule("Vote@leader(self, client, id) :~ VoteReq(client, id), Leaders(leader)") void vote();
        }
      }
      """;

  @Test
  void aMovedRuleUsingSelfIsRefusedUnlessSkipped() {
    assertThat(refusal(compile("Vt", VOTER), VOTER)).isEqualTo("[DedalusCannotDecouple] cannot decouple {vote} from "
        + "Participant into Voter: rule 'vote' uses self, which would name Voter instead of Participant");
    Compilation compilation = compile("Vt", VOTER, "-Adedalus.unsafeSkip=self_in_moved_rule");
    assertSuccess(compilation);
    assertThat(notes(compilation)).contains(
        "[DedalusDecoupled] decoupled {vote} from Participant into Voter by mutually independent decoupling");
    assertThat(warnings(compilation)).contains("[DedalusForcedRewrite] UNSAFE: decoupled {vote} from Participant into "
        + "Voter by mutually independent decoupling although rule 'vote' uses self, which would name Voter instead of "
        + "Participant (-Adedalus.unsafeSkip)");
    assertThat(listing(compilation, "Vt")).contains("VoteReq@forward(Participant, Voter, p)(client, id)");
  }

  private static final String DESK = """
      package test;
      import dev.dedalus.*;
      @Decouple(role = "Desk", rules = {"available", "taken"}, into = "Checker") // hint
      @Dedalus
      public interface D {
        @Input record Reserve(Location client, long item) {}
        @Output record Available(long item) {}
        @Output record Taken(long item) {}
        @Persist record Reserved(long item) {}
        record CheckLater(Location client, long item) {}
        @Role interface Desk {
          @Rule("Reserved(i) :- Reserve(_, i)") void reserve();
          @Rule("CheckLater(c, i) :+ Reserve(c, i)") void later();
          @Rule("Available@c(i) :~ CheckLater(c, i), !Reserved(i)") void available();
          @Rule("Taken@c(i) :~ CheckLater(c, i), Reserved(i)") void taken();
        }
      }
      """;

  @Test
  void skippingMonotonicityAloneStillRefusesAndBothSkippedApplyFunctional() {
    String refused = "[DedalusCannotDecouple] cannot decouple {available, taken} from Desk into Checker: rule 'available' "
        + "negates Reserved, which Desk's rule 'reserve' writes: at Checker a Reserved fact could arrive after the rule "
        + "has read its absence (not monotonic, not functional); not mutually independent: Checker's rule "
        + "'available' reads Reserved, which Desk's rule 'reserve' derives";
    assertThat(refusal(compile("D", DESK, "-Adedalus.unsafeSkip=MONOTONIC_MOVED_RULES"), DESK)).isEqualTo(refused);
    Compilation compilation = compile("D", DESK, "-Adedalus.unsafeSkip=MONOTONIC_MOVED_RULES,ONE_RELATION_PER_BODY");
    assertSuccess(compilation);
    assertThat(warnings(compilation)).contains("[DedalusForcedRewrite] UNSAFE: decoupled {available, taken} from Desk into "
        + "Checker by functional decoupling although rule 'available' negates Reserved, which Desk's rule 'reserve' "
        + "writes: at Checker a Reserved fact could arrive after the rule has read its absence (-Adedalus.unsafeSkip)");
  }

  // ---------------------------------------------------------------------------------------------
  // Bad hints, and several hints in sequence

  private static final String HINTED = """
      package test;
      import dev.dedalus.*;
      %s
      @Dedalus
      public interface Names {
        @Input record In(Location c, long x) {}
        @Output record Out(long x) {}
        record Seen(Location c, long x) {}
        @Role interface Node {
          @Rule("Seen(c, x) :- In(c, x)") void see();
          @Rule("Out@c(x) :~ Seen(c, x)") void reply();
        }
      }
      """;

  @Test
  void aHintWithAnUnknownAndARepeatedRuleReportsBoth() {
    String source = HINTED.formatted(
        "@Decouple(role = \"Node\", rules = {\"reply\", \"xyzzy\", \"reply\"}, into = \"Replier\") // hint");
    assertThat(errorsOnHint(compile("Names", source), source)).containsExactly(
        "[DedalusBadHint] @Decouple(role = \"Node\", into = \"Replier\") names rule 'xyzzy', which role Node does not have",
        "[DedalusBadHint] @Decouple(role = \"Node\", into = \"Replier\") names rule 'reply' twice").inOrder();
  }

  @Test
  void aHintIntoAKeywordOrAnUnknownRoleIsRefused() {
    String keyword = HINTED.formatted("@Decouple(role = \"Node\", rules = {\"reply\"}, into = \"class\") // hint");
    assertThat(notes(compile("Names", keyword))).isEmpty();
    assertThat(refusal(compile("Names", keyword), keyword)).isEqualTo("[DedalusBadHint] @Decouple(role = \"Node\", into = "
        + "\"class\"): into = \"class\" must be a Java identifier, as it names a role");
    String itself = HINTED.formatted("@Decouple(role = \"Node\", rules = {\"reply\"}, into = \"Node\") // hint");
    assertThat(notes(compile("Names", itself))).isEmpty();
    assertThat(refusal(compile("Names", itself), itself)).isEqualTo("[DedalusBadHint] @Decouple(role = \"Node\", into = "
        + "\"Node\"): role 'Node' already exists; name a new role");
    String none = HINTED.formatted("@Decouple(role = \"Node\", rules = {}, into = \"Nobody\") // hint");
    Compilation empty = compile("Names", none);
    assertThat(refusal(empty, none)).isEqualTo("[DedalusBadHint] @Decouple(role = \"Node\", into = \"Nobody\") names no "
        + "rule to move");
    assertThat(notes(empty)).isEmpty();
    String unknown = HINTED.formatted("@Decouple(role = \"Qwertyuiop\", rules = {\"reply\"}, into = \"R\") // hint");
    assertThat(refusal(compile("Names", unknown), unknown)).isEqualTo("[DedalusBadHint] @Decouple(role = \"Qwertyuiop\", "
        + "into = \"R\") names role 'Qwertyuiop', which does not exist");
  }

  @Test
  void aBadHintDoesNotStopTheNextOneButNoPlanIsWritten() {
    String source = HINTED.formatted(
        "@Decouple(role = \"Node\", rules = {\"replyy\"}, into = \"Replier\") // hint\n"
            + "@Decouple(role = \"Node\", rules = {\"reply\"}, into = \"Replier\")");
    Compilation compilation = compile("Names", source);
    assertThat(errorsOnHint(compilation, source)).containsExactly("[DedalusBadHint] @Decouple(role = \"Node\", into = "
        + "\"Replier\") names rule 'replyy', which role Node does not have; did you mean 'reply'?");
    assertThat(notes(compilation)).contains(
        "[DedalusDecoupled] decoupled {reply} from Node into Replier by functional decoupling");
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
  }

  @Test
  void hintsApplyInSequenceEachOnTheResultOfTheLast() {
    String source = HINTED.formatted(
        "@Decouple(role = \"Node\", rules = {\"reply\"}, into = \"Replier\")\n"
            + "@Decouple(role = \"Replier\", rules = {\"reply\"}, into = \"Sender\")");
    Compilation compilation = compile("Names", source);
    assertSuccess(compilation);
    assertThat(notes(compilation)).containsAtLeast(
        "[DedalusDecoupled] decoupled {reply} from Node into Replier by functional decoupling",
        "[DedalusDecoupled] decoupled {reply} from Replier into Sender by mutually independent decoupling").inOrder();
    String program = generated(compilation, "test.Names_Optimized_Program");
    assertThat(program).contains("Map.entry(\"Replier\", \"Node\")");
    assertThat(program).contains("Map.entry(\"Sender\", \"Replier\")");
  }  @Test
  void aBadDecouplingHintLeavesNothingToPartition() {
    String source = HINTED.formatted(
        "@Decouple(role = \"Node\", rules = {\"replyy\"}, into = \"Replier\") // hint\n"
            + "@Partition(role = \"Node\", key = \"Seen.x\")");
    Compilation compilation = compile("Names", source);
    assertThat(errorsOnHint(compilation, source)).hasSize(1);
    assertThat(notes(compilation)).isEmpty();
    String alone = HINTED.formatted("@Partition(role = \"Node\", key = \"Seen.x\") // hint");
    assertThat(refusal(compile("Names", alone), alone)).isEqualTo("[DedalusCannotPartition] cannot partition Node on "
        + "Seen.x: clients send it In, and choosing a partition would change the client; decouple the rules that read "
        + "it first");
  }

  @Test
  void aForcedRewriteSendsBackWhatTheStayingRulesRead() {
    String source = store("Both", "\"answer\", \"keep2\"", "Entry(k, v) :+ Entry(k, v)",
        "@Rule(\"Entry(k, v) :+ Entry(k, v)\") void keep2();");
    Compilation compilation = compile("Both", source, "-Adedalus.unsafeForceRewrites=Both");
    assertSuccess(compilation);
    assertThat(warnings(compilation)).contains("[DedalusForcedRewrite] UNSAFE: forced to decouple {answer, keep2} from "
        + "Store into Answerer although Store's rule 'keep' reads Entry, which 'keep2' would derive at Answerer; the "
        + "rules that stay must not depend on the moved ones (not independent)");
    assertThat(notes(compilation).toString()).doesNotContain("[DedalusDecoupled]");
    String listing = listing(compilation, "Both");
    assertThat(listing).contains("backEntry: Entry@forward(Answerer, Store, self)(x0, x1) :~ Entry(x0, x1)");
    assertThat(listing).contains("forwardEntry: Entry@forward(Store, Answerer, self)(x0, x1) :~ Entry(x0, x1)");
    assertThat(listing).doesNotContain("persistEntry");
  }

  @Test
  void aForceOptionNamingAnotherProgramForcesNothing() {
    String source = store("Both", "\"answer\", \"keep2\"", "Entry(k, v) :+ Entry(k, v)",
        "@Rule(\"Entry(k, v) :+ Entry(k, v)\") void keep2();");
    Compilation compilation = compile("Both", source, "-Adedalus.unsafeForceRewrites=Other, test.Both2");
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(compile("Both", source, "-Adedalus.unsafeForceRewrites=Other, test.Both").status())
        .isEqualTo(Compilation.Status.SUCCESS);
  }

  @Test
  void aRelationBothSidesDeriveIsShared() {
    String source = SPLIT_DESK.formatted("record Log(long x) {}", ", Helpers(_)",
        "@Rule(\"Log(x) :- Job(_, x)\") void log();\n@Rule(\"Log(x) :- Reply(_, x)\") void log2();")
        .replace("rules = {\"done\"}", "rules = {\"done\", \"log2\"}");
    Compilation compilation = compile("Mi", source);
    assertSuccess(compilation);
    assertThat(notes(compilation)).contains(
        "[DedalusDecoupled] decoupled {done, log2} from Desk into Finisher by functional decoupling");
    Compilation skipped = compile("Mi", source, "-Adedalus.unsafeSkip=NOTHING_SHARED");
    assertSuccess(skipped);
    assertThat(warnings(skipped)).contains("[DedalusForcedRewrite] UNSAFE: decoupled {done, log2} from Desk into Finisher "
        + "by mutually independent decoupling although both Desk's rule 'log' and Finisher's rule 'log2' use Log "
        + "(-Adedalus.unsafeSkip)");
  }

  @Test
  void configurationBothSidesReadIsNotShared() {
    Compilation compilation = compile("Mi", SPLIT_DESK.formatted("", ", Helpers(_)", ""));
    assertSuccess(compilation);
    assertThat(notes(compilation)).contains(
        "[DedalusDecoupled] decoupled {done} from Desk into Finisher by mutually independent decoupling");
  }

  @Test
  void aSafetyBuiltFromASetSkipsExactlyThat() {
    dev.dedalus.processor.rewrite.Safety safety = dev.dedalus.processor.rewrite.Safety.skipping(
        java.util.EnumSet.of(dev.dedalus.processor.rewrite.Condition.NO_INDEX));
    assertThat(safety.skips(dev.dedalus.processor.rewrite.Condition.NO_INDEX)).isTrue();
    assertThat(safety.checks(dev.dedalus.processor.rewrite.Condition.INDEPENDENCE)).isTrue();
    assertThat(safety.skipped()).containsExactly(dev.dedalus.processor.rewrite.Condition.NO_INDEX);
    assertThat(dev.dedalus.processor.rewrite.Safety.skipping(java.util.Set.of()).skipped()).isEmpty();
  }
  @Test
  void aSendBackRuleGetsANameTheMovedRulesDoNotHave() {
    String source = store("Back", "\"answer\", \"backEntry\"", "Entry(k, v) :+ Entry(k, v)",
        "@Rule(\"Entry(k, v) :+ Entry(k, v)\") void backEntry();");
    Compilation compilation = compile("Back", source, "-Adedalus.unsafeForceRewrites=Back");
    assertSuccess(compilation);
    assertThat(listing(compilation, "Back")).contains("backEntry2: Entry@forward(Answerer, Store, self)(x0, x1) :~ Entry(x0, x1)");
  }
}
