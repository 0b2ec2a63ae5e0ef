package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * What the decoupling phase does, as the user sees it: the exact refusal on the hint line, the
 * note naming the rewrite, the optimized listing, and the generated {@code instanceSources()};
 * also the test-only option {@code -Adedalus.unsafeSkip} that switches one condition off.
 */
class RewriteDecisionsTest {

  static Compilation compile(String name, String source, String... options) {
    return Compiler.javac().withProcessors(new DedalusProcessor()).withOptions((Object[]) options)
        .compile(Sources.source("test." + name, source));
  }

  static List<String> messages(List<Diagnostic<? extends JavaFileObject>> ds) {
    return ds.stream().map(d -> d.getMessage(Locale.ROOT)).toList();
  }

  static String listing(Compilation compilation, String name) {
    try {
      return compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "test", name + ".optimized.dedalus")
          .orElseThrow(() -> new AssertionError("no listing; " + Sources.describe(compilation)))
          .getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  private static final String DUMP = "";
}
