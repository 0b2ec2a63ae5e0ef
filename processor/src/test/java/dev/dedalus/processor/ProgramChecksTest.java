package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The whole-program checks: who receives each input, the roles @Config names, usage warnings,
 * rules over relations whose declaration is broken, and that a program with an error produces
 * nothing while one with warnings only is still compiled. Each expectation is the full list of
 * what the user sees.
 */
class ProgramChecksTest {

  private static Compilation compile(String source) {
    return Sources.compile(Sources.source("test.Q", source));
  }

  /** "line N: " for the first line of {@code source} containing {@code marker}. */
  static String lineOf(String source, String marker) {
    List<String> lines = source.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return "line " + (i + 1) + ": ";
      }
    }
    throw new IllegalArgumentException(marker);
  }

  @Test
  void anInputNamingAnUnknownRoleIsReportedOnceNotAtEachReader() {
    String source = """
        package test;
        import dev.dedalus.*;
        @Dedalus
        public interface Q {
          @Input(role = "Leadr") record In(long id) {} // in
          @Input(role = "Leader") record Other(long id) {}
          @Persist record Seen(long id) {}
          @Role interface Leader {
            @Rule("Seen(id) :- In(id)") void a();
            @Rule("Seen(id) :- Other(id), Seen(id)") void b();
            @Rule("Seen(id) :- Other(id), In(id)") void c();
          }
          @Role interface Follower { @Rule("Seen(id) :- In(id), Seen(id)") void d(); }
        }
        """;
    Compilation compilation = compile(source);
    assertWithMessage(Sources.describe(compilation)).that(CheckedPrograms.errors(compilation)).containsExactly(
        lineOf(source, "// in") + "[DedalusUnknownRole] @Input 'In' names role 'Leadr', which does not exist; did you mean 'Leader'?");
  }

  @Test
  void anInputReadByManyRolesNamesThemAllAndOnlyReadersOutsideItsRoleAreRefused() {
    String source = """
        package test;
        import dev.dedalus.*;
        @Dedalus
        public interface Q {
          @Input record In(long id) {} // in
          @Input(role = "B") record Named(long id) {}
          @Input record Single(long id) {}
          @Persist record Seen(long id) {}
          @Role interface C { @Rule("Seen(id) :- In(id), Seen(id)") void c(); }
          @Role interface A {
            @Rule("Seen(id) :- In(id)") void a1();
            @Rule("Seen(id) :- In(id), Single(id)") void a2();
            @Rule("Seen(id) :- Named(id), Seen(id)") void a3(); // a3
          }
          @Role interface B {
            @Rule("Seen(id) :- In(id), Named(id)") void b();
            @Rule("Seen(id) :- Named(id)") void b2();
          }
        }
        """;
    Compilation compilation = compile(source);
    assertWithMessage(Sources.describe(compilation)).that(CheckedPrograms.errors(compilation)).containsExactly(
        lineOf(source, "// in") + "[DedalusAmbiguousInput] @Input 'In' is read by roles A and B and C; name the role that "
            + "receives it with @Input(role = \"...\")",
        lineOf(source, "// a3") + "[DedalusInputNotReceived] rule 'a3' of role 'A' reads @Input 'Named', but clients send it "
            + "to role 'B' only");
  }

  @Test
  void configRolesMustExistButGivenConfigsNameNone() {
    String source = """
        package test;
        import dev.dedalus.*;
        @Dedalus
        public interface Q {
          @Input record In(Location c) {}
          @Output record Out(long n) {}
          @Config(addressesOf = "Nod") record Peers(Location at) {} // peers
          @Config(countOf = "Node") record N(long n) {}
          @Config(instanceIndex = true) record I(long i) {}
          @Config record G(long g) {}
          @Role interface Node { @Rule("Out@c(n) :~ In(c), N(n), I(n), G(n), Peers(_)") void r(); }
        }
        """;
    Compilation compilation = compile(source);
    assertWithMessage(Sources.describe(compilation)).that(CheckedPrograms.errors(compilation)).containsExactly(
        lineOf(source, "// peers") + "[DedalusUnknownRole] @Config 'Peers' names role 'Nod', which does not exist; did you mean 'Node'?");
  }

  @Test
  void usageWarningsSpareDurableOutputAndExternalRelations() {
    String source = """
        package test;
        import dev.dedalus.*;
        @Dedalus
        public interface Q {
          @Input record In(Location c, long id) {}
          @Output record Out(long id) {}
          @Config record Conf(long k) {}
          @Timer(periodMillis = 10) record Tick(long now) {}
          @Durable @Persist record Kept(long id) {}
          record Unread(long id) {} // unread
          record Ghost(long id) {} // ghost
          record Used(long id) {}
          @Role interface Node {
            @Rule("Kept(id) :- In(_, id)") void keep();
            @Rule("Unread(id) :- Conf(id), Tick(_)") void unread();
            @Rule("Used(id) :- In(_, id)") void use();
            @Rule("Out@c(id) :~ In(c, id), Used(id), !Ghost(id)") void out();
          }
        }
        """;
    Compilation compilation = compile(source);
    CheckedPrograms.assertSucceeds(compilation);
    assertWithMessage(Sources.describe(compilation)).that(CheckedPrograms.warnings(compilation)).containsExactly(
        lineOf(source, "// unread") + "[DedalusUnusedRelation] relation 'Unread' is derived but never used: no rule reads it "
            + "and it is neither @Output nor @Durable",
        lineOf(source, "// ghost") + "[DedalusNeverDerived] relation 'Ghost' is read but no rule derives it, so it is always "
            + "empty; is it missing @Input or @Config?");
    // Warnings do not stop the program from being compiled.
    assertWithMessage("listing").that(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "test", "Q.dedalus")).isPresent();
    assertWithMessage("stage").that(compilation.generatedSourceFile("test.Q_NodeStage")).isPresent();
  }

  @Test
  void rulesOverABrokenRelationAreNotReportedAgain() {
    String source = """
        package test;
        import dev.dedalus.*;
        @Dedalus
        public interface Q {
          @Input record In(long id) {}
          @Persist record Bad(java.util.List<String> items) {} // bad
          @Persist record Seen(long id) {}
          @Role interface Node {
            @Rule("Bad(x) :- In(id)") void head();
            @Rule("Seen(x) :- Bad(y), In(id)") void body();
            @Rule("Seen(id) :- In(id), !Bad(id), Seen(z)") void negated();
            @Rule("Seen(idd) :- In(id)") void other(); // other
          }
        }
        """;
    Compilation compilation = compile(source);
    assertWithMessage(Sources.describe(compilation)).that(CheckedPrograms.errors(compilation)).containsExactly(
        lineOf(source, "// bad") + "[DedalusUnsupportedType] attribute 'items' of relation 'Bad' has type "
            + "java.util.List<java.lang.String>; supported types are int, long, boolean, double, String, byte[] and Location",
        lineOf(source, "// other") + "[DedalusUnboundVariable] rule 'other', line 1, column 6: variable 'idd' in the head is not "
            + "bound by a positive atom or an assignment; did you mean 'id'?");
  }

  @Test
  void functionsInTheBodyAreConditionsAndCannotBeNegated() {
    Compilation compilation = Sources.compile(CheckedPrograms.withRules("Fns",
        "Seen(id) :- Req(_, id, _), small(id)",
        "Seen(id) :- Req(_, id, _), !count(id)",
        "Seen(id) :- Req(_, id, _), count(id)",
        "Seen(id) :- Req(_, id, _), !hash(\"a\")",
        "Seen(id) :- Req(_, id, _), hash(\"a\")",
        "Req(c, id, p) :- In(c, id, p)"));
    assertWithMessage(Sources.describe(compilation)).that(CheckedPrograms.errors(compilation)).containsExactly(
        CheckedPrograms.atRule(1, "[DedalusUnknownRelation] rule 'r1', line 1, column 28: unknown relation 'count'"),
        CheckedPrograms.atRule(2, "[DedalusMisplacedAggregate] rule 'r2', line 1, column 28: aggregate 'count' may only be a head "
            + "argument, not a body literal"),
        CheckedPrograms.atRule(3, "[DedalusUnknownRelation] rule 'r3', line 1, column 28: '!' negates relations, but 'hash' is a "
            + "function; compare its result instead, e.g. 'hash(..) == false'"),
        CheckedPrograms.atRule(4, "[DedalusTypeMismatch] rule 'r4', line 1, column 28: a condition must be a comparison or a call "
            + "of a boolean function, but 'hash(\"a\")' has type long"));
  }

  @Test
  void aFunctionNamedLikeAnAggregateIsCalledInTheBody() {
    Compilation compilation = compile("""
        package test;
        import dev.dedalus.*;
        @Dedalus
        public interface Q {
          @Input record In(Location c, long id) {}
          @Output record Out(long id) {}
          static long max(long a, long b) { return Math.max(a, b); }
          @Role interface Node { @Rule("Out@c(m) :~ In(c, id), m = max(id, 3)") void r(); }
        }
        """);
    CheckedPrograms.assertSucceeds(compilation);
    String listing = CheckedPrograms.resource(compilation, "Q.dedalus");
    assertWithMessage(listing).that(CheckedPrograms.ruleLines(listing))
        .containsExactly("[async] r: Out@c(m) :~ In(c, id), m = max(id, 3)");
  }

  @Test
  /** Found by mutation testing: the arguments of a boolean function used as a condition were silently bound. */
  void anUnboundArgumentOfAFunctionConditionIsReported() {
    Compilation compilation = Sources.compile(Sources.withRule("Seen(id) :- Req(_, id, _), small(zz)"));
    assertWithMessage(Sources.describe(compilation)).that(CheckedPrograms.errors(compilation)).containsExactly(
        "line " + Sources.RULE_LINE + ": [DedalusUnboundVariable] rule 'underTest', line 1, column 34: variable 'zz' in an "
            + "argument of 'small' is not bound by a positive atom or an assignment");
  }
}
