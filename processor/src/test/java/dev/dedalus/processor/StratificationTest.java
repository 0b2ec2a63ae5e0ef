package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Strata as a user sees them: the stratum of each rule in the listing (the longest chain of
 * negations and aggregations below its head), the fixpoint loop of recursive strata in the
 * generated stage, and unstratifiable cycles reported with their shortest path.
 */
class StratificationTest {

  private static Compilation compile(String name, String relations, String... rules) {
    return Sources.compile(Sources.source("test." + name, source(name, relations, rules)));
  }

  private static String source(String name, String relations, String... rules) {
    StringBuilder source = new StringBuilder("""
        package test;
        import dev.dedalus.*;
        @Dedalus
        public interface %s {
          @Input record In(Location client, long id) {}
          @Output record Out(long id) {}
        %s
          @Role interface Node {
        """.formatted(name, relations));
    for (int i = 0; i < rules.length; i++) {
      source.append("    @Rule(").append(Sources.javaString(rules[i])).append(") void r").append(i).append("();\n");
    }
    source.append("  }\n}\n");
    return source.toString();
  }

  /** "line N: " for the line of {@code text} in {@code source}. */
  private static String lineOf(String source, String text) {
    List<String> lines = source.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return "line " + (i + 1) + ": ";
      }
    }
    throw new IllegalArgumentException(text);
  }

  @Test
  void eachRuleSitsAtTheLongestChainOfNegationsBelowIt() {
    // Written so that every relation's name sorts opposite to its place in the order of strata.
    Compilation compilation = compile("Levels", """
          record Z(long id) {}
          record Y(long id) {}
          record X(long id) {}
          record W(long id) {}
          record V(long id) {}
          record U(long id) {}
        """,
        "Z(id) :- In(_, id)",
        "Y(id) :- In(_, id), !Z(id)",
        "X(id) :- In(_, id), !Y(id)",
        "X(id) :- Z(id)",
        "W(id) :- In(_, id), !X(id)",
        "W(id) :- Z(id)",
        "V(id) :- W(id), Z(id)",
        "U(count(id)) :- V(id)",
        "Out@c(id) :~ In(c, id), U(id), !U(id + 1), Y(id)");
    CheckedPrograms.assertSucceeds(compilation);
    String listing = CheckedPrograms.resource(compilation, "Levels.dedalus");
    assertWithMessage(listing).that(CheckedPrograms.ruleLines(listing)).containsExactly(
        "[s0] r0: Z(id) :- In(_, id)",
        "[s1] r1: Y(id) :- In(_, id), !Z(id)",
        "[s2] r2: X(id) :- In(_, id), !Y(id)",
        "[s2] r3: X(id) :- Z(id)",
        "[s3] r4: W(id) :- In(_, id), !X(id)",
        "[s3] r5: W(id) :- Z(id)",
        "[s3] r6: V(id) :- W(id), Z(id)",
        "[s4] r7: U(count(id)) :- V(id)",
        "[async] r8: Out@c(id) :~ In(c, id), U(id), !U(id + 1), Y(id)").inOrder();
    String stage = CheckedPrograms.generatedSource(compilation, "Levels_NodeStage");
    assertWithMessage(stage).that(stage).doesNotContain("while (derived)");
  }

  @Test
  void aRecursiveStratumRepeatsItsRulesToAFixpointAndOthersRunOnce() {
    Compilation compilation = compile("Closure", """
          @Input record Edge(long a, long b) {}
          record Path(long a, long b) {}
          record Hop(long a, long b) {}
          record Far(long a, long b) {}
          record Near(long a) {}
        """,
        "Hop(a, b) :- Edge(a, b)",
        "Path(a, b) :- Hop(a, b)",
        "Path(a, c) :- Path(a, b), Hop(b, c)",
        "Far(a, b) :- Path(a, b), !Hop(a, b)",
        "Near(a) :- Hop(a, _)",
        "Out@c(id) :~ In(c, id), Far(id, _), Near(id)");
    CheckedPrograms.assertSucceeds(compilation);
    String listing = CheckedPrograms.resource(compilation, "Closure.dedalus");
    assertWithMessage(listing).that(CheckedPrograms.ruleLines(listing)).containsExactly(
        "[s0] r0: Hop(a, b) :- Edge(a, b)",
        "[s0] r1: Path(a, b) :- Hop(a, b)",
        "[s0] r2: Path(a, c) :- Path(a, b), Hop(b, c)",
        "[s0] r4: Near(a) :- Hop(a, _)",
        "[s1] r3: Far(a, b) :- Path(a, b), !Hop(a, b)",
        "[async] r5: Out@c(id) :~ In(c, id), Far(id, _), Near(id)").inOrder();
    String stage = CheckedPrograms.generatedSource(compilation, "Closure_NodeStage");
    assertWithMessage(stage).that(stage).contains("Stratum 0: Hop, Near, Path.");
    assertWithMessage(stage).that(stage).contains("Stratum 1: Far.");
    // Stratum 0 holds the recursion through Path; stratum 1 none.
    String stratum0 = method(stage, "private void stratum0()");
    String stratum1 = method(stage, "private void stratum1()");
    assertWithMessage(stratum0).that(stratum0).contains("while (derived)");
    assertWithMessage(stratum1).that(stratum1).doesNotContain("while (derived)");
  }

  @Test
  void aRuleThatOnlyReadsItsOwnStratumIsNotRecursive() {
    // Near reads Hop of its own stratum without a cycle: the stratum runs its rules once.
    Compilation compilation = compile("Flat", """
          @Input record Edge(long a, long b) {}
          record Hop(long a, long b) {}
          record Near(long a) {}
        """,
        "Hop(a, b) :- Edge(a, b)",
        "Near(a) :- Hop(a, _)",
        "Out@c(id) :~ In(c, id), Near(id)");
    CheckedPrograms.assertSucceeds(compilation);
    String stage = CheckedPrograms.generatedSource(compilation, "Flat_NodeStage");
    assertWithMessage(stage).that(method(stage, "private void stratum0()")).doesNotContain("while (derived)");
  }

  @Test
  void cyclesThroughNegationOrAggregationAreReportedWithTheirShortestPath() {
    String source = source("Cycles", """
          record A(long id) {}
          record B(long id) {}
          record C(long id) {}
          record D(long id) {}
          record E(long id) {}
          @Persist record F(long id) {}
          record G(long id) {}
          record H(long id) {}
          record I(long id) {}
        """,
        "A(id) :- In(_, id), !C(id)",
        "B(id) :- A(id)",
        "C(id) :- B(id)",
        "C(id) :- A(id), D(id)",
        "D(id) :- C(id)",
        "E(count(id)) :- D(id), E(id)",
        // inductive and asynchronous rules never close a cycle within a tick
        "F(id) :+ In(_, id), !F(id)",
        "Out@c(id) :~ In(c, id), !E(id), F(id), I(id)",
        "G(id) :- In(_, id), !I(id)",
        "H(id) :- G(id)",
        "I(id) :- H(id)");
    Compilation compilation = Sources.compile(Sources.source("test.Cycles", source));
    List<String> errors = CheckedPrograms.errors(compilation);
    String tail = "; break the cycle, or derive the negated or aggregated relation at the next tick with ':+'";
    assertWithMessage(Sources.describe(compilation)).that(errors).containsExactly(
        lineOf(source, "void r0()") + "[DedalusUnstratifiable] rule 'r0' negates 'C' inside a recursive cycle of deductive rules: "
            + "A -> C -> A" + tail,
        lineOf(source, "void r5()") + "[DedalusUnstratifiable] rule 'r5' aggregates over 'E' inside a recursive cycle of deductive "
            + "rules: E -> E" + tail,
        lineOf(source, "void r8()") + "[DedalusUnstratifiable] rule 'r8' negates 'I' inside a recursive cycle of deductive rules: "
            + "G -> H -> I -> G" + tail);
  }

  /** The text of one generated method, from its signature to the next blank line. */
  private static String method(String source, String signature) {
    int start = source.indexOf(signature);
    assertWithMessage("no %s in\n%s", signature, source).that(start).isAtLeast(0);
    int end = source.indexOf("\n\n", start);
    return source.substring(start, end < 0 ? source.length() : end);
  }
}
