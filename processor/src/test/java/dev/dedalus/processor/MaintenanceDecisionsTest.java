package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import javax.tools.StandardLocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which carried relations the planner keeps in place and which aggregates it maintains, read from
 * the {@code .plan} it writes: each shape {@code Maintenance} accepts, and each it must refuse
 * (falling back to rebuilding by swap, or to regrouping every run), because erasing or folding out
 * would not give the same facts.
 */
class MaintenanceDecisionsTest {
  private static final String PROGRAM = """
      package shapes;

      import dev.dedalus.*;

      @Dedalus
      public interface Shapes {
        @Input record In(Location c, long k, long v, double d) {}
        @Output record Out(long k, long n) {}
        record X(long k, long v, double d) {}
        record Done(long k) {}
        @Persist record Gone(long k) {}
        record Y(long k) {}
        record Agg(long k, long n) {}
        record AggD(long k, double s) {}
        @Output record OutD(long k, double s) {}

        @Role interface Node {
          @Rule("X(k, v, d) :- In(_, k, v, d)") void in();
          @Rule("Done(k) :- In(_, k, _, _), k > 100") void done();
          @Rule("Gone(k) :- In(_, k, 0, _)") void gone();
          @Rule("Y(k) :- In(_, k, _, _)") void y();
          @Rule("%s") void carry();
          @Rule("%s") void aggregate();
          @Rule("Out@c(k, n) :~ In(c, k, _, _), Agg(k, n)") void out();
          @Rule("OutD@c(k, s) :~ In(c, k, _, _), AggD(k, s)") void outD();
        }
      }
      """;

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', value = {
      // persist-until over a one-tick, a persisted relation, a constant, with a filter: kept
      "X(k, v, d) :+ X(k, v, d), !Done(k)|Agg(k, count(v)) :- X(k, v, _)|X: store|maintained over the store X",
      "X(k, v, d) :+ X(k, v, d), !Gone(k)|Agg(k, sum(v)) :- X(k, v, _)|X: store|maintained over the store X",
      "X(k, v, d) :+ X(k, v, d), !Done(3), v > 1|Agg(k, max(v)) :- X(k, v, _), v != 2|X: store|maintained over the store X",
      // a further positive atom: the carry depends on more than its own columns and what negation drops
      "X(k, v, d) :+ X(k, v, d), Y(k)|Agg(k, count(v)) :- X(k, v, _)|swap in next X|re-evaluated: groups rebuilt every run",
      // an assignment: likewise
      "X(k, v, d) :+ X(k, v, d), w = v + 1, !Done(w)|Agg(k, count(v)) :- X(k, v, _)|swap in next X|re-evaluated: groups rebuilt every run",
      // not a copy: rebuilt
      "X(k, v + 1, d) :+ X(k, v, d), !Done(k)|Agg(k, count(v)) :- X(k, v, _)|swap in next X|re-evaluated: groups rebuilt every run",
      // kept, but a double sum would round differently when folded out, and choose is arbitrary: regrouped
      "X(k, v, d) :+ X(k, v, d), !Done(k)|AggD(k, sum(d)) :- X(k, _, d)|X: store|re-evaluated: groups rebuilt every run",
      "X(k, v, d) :+ X(k, v, d), !Done(k)|Agg(k, choose(v)) :- X(k, v, _)|X: store|re-evaluated: groups rebuilt every run",
      // kept, and a negation in the aggregate's body: regrouped
      "X(k, v, d) :+ X(k, v, d), !Done(k)|Agg(k, count(v)) :- X(k, v, _), !Y(k)|X: store|re-evaluated: groups rebuilt every run",
  })
  void decides(String carry, String aggregate, String carried, String grouped) throws IOException {
    String source = String.format(PROGRAM, carry, aggregate);
    Compilation compilation = Sources.compile(JavaFileObjects.forSourceString("shapes.Shapes", source));
    assertWithMessage("%s", Sources.describe(compilation)).that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    String plan = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "shapes", "Shapes.plan").orElseThrow()
        .getCharContent(true).toString();
    assertWithMessage("%s", plan).that(plan).contains(carried);
    assertWithMessage("%s", plan).that(plan).contains(grouped);
  }
}
