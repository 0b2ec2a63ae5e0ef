package dev.dedalus.processor.soundness;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.JavaFileObjects;
import dev.dedalus.Location;
import dev.dedalus.processor.DedalusProcessor;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.StageContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * A positive atom whose argument is an expression over a variable another atom binds
 * ({@code Window(t + 1, _)}) is joined only once the variable is bound, in every semi-naive version:
 * the version over the atom's new facts must not start with it (the generated code used {@code v_t}
 * before any loop declared it). An atom whose expression uses a variable bound only by its own
 * columns ({@code Edge(a, a + 1)}), or by an atom that itself waits on it, binds the column afresh
 * and compares it once the expression's variables are bound. The program compiles warning-free and
 * its stage, ticked by hand, derives what the rules say.
 */
class BodyExpressionArgumentsTest {
  private static final String SOURCE = """
      package chain;

      import dev.dedalus.Dedalus;
      import dev.dedalus.Input;
      import dev.dedalus.Location;
      import dev.dedalus.Output;
      import dev.dedalus.Persist;
      import dev.dedalus.Role;
      import dev.dedalus.Rule;

      @Dedalus
      public interface Chain {
        @Input record Offer(long t, String c) {}
        @Input record Hold(long t) {}
        @Input record Ask(Location client) {}
        @Input record Edge(long a, long b) {}
        @Output record Seen(String what, long t) {}

        @Persist record Window(long t, String c) {}
        @Persist record CasWaits(long t) {}
        @Persist record Run(long t) {}
        @Persist record Next(long t) {}
        @Persist record Before(long t) {}

        @Role
        interface Node {
          @Rule("Window(t, c) :- Offer(t, c)") void window();
          @Rule("CasWaits(t) :- Hold(t)") void hold();
          @Rule("Run(t) :- Offer(t, _), t == 0") void start();
          // recursive, non-monotone (negation): one version per positive atom
          @Rule("Run(t + 1) :- Run(t), Window(t + 1, _), !CasWaits(t + 1)") void run();
          // monotone and persisted: accumulating, one version per positive atom
          @Rule("Next(t + 1) :- Run(t), Window(t + 1, _)") void next();
          // the expression in the first atom of the body
          @Rule("Before(t) :- Window(t + 1, _), Run(t)") void before();
          @Rule("Seen@c(\\"run\\", t) :~ Ask(c), Run(t)") void seenRun();
          @Rule("Seen@c(\\"next\\", t) :~ Ask(c), Next(t)") void seenNext();
          @Rule("Seen@c(\\"before\\", t) :~ Ask(c), Before(t)") void seenBefore();
          // nothing else binds a: the atom compares its own columns
          @Rule("Seen@c(\\"pair\\", a) :~ Ask(c), Edge(a, a + 1)") void pair();
          // each atom waits on a variable the other binds
          @Rule("Seen@c(\\"cross\\", t) :~ Ask(c), Edge(t + 1, u), Edge(u + 1, t)") void cross();
        }
      }
      """;

  private static final Location SELF = Location.of(1);
  private static final Location CLIENT = Location.of(99);

  @Test
  void joinsExpressionArgumentsOnceTheirVariablesAreBound() throws Exception {
    MemoryJavac.Result compiled = MemoryJavac.compile(JavaFileObjects.forSourceString("chain.Chain", SOURCE),
        new DedalusProcessor(), List.of("-Xlint:all,-processing,-classfile"));
    assertWithMessage("%s", compiled.diagnostics()).that(compiled.success()).isTrue();
    List<String> warnings = compiled.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
        .map(d -> d.getMessage(Locale.ROOT)).toList();
    assertThat(warnings).isEmpty();

    ClassLoader loader = PlanLoader.loader(compiled.classes());
    Stage stage = (Stage) Class.forName("chain.Chain_NodeStage", true, loader)
        .getConstructor(StageContext.class).newInstance(context());
    Map<String, RelationCodec<?>> codecs = new TreeMap<>();
    @SuppressWarnings("unchecked")
    List<RelationCodec<?>> all = (List<RelationCodec<?>>) Class.forName("chain.Chain_Codecs", true, loader)
        .getField("ALL").get(null);
    all.forEach(c -> codecs.put(c.relationName(), c));

    // Tick 1: slots 0..2 and 4..6 are in the window; slot 5 waits, so the run stops at 2.
    for (long t : new long[] {0, 1, 2, 4, 5, 6}) {
      deliver(stage, codecs, loader, "Offer", t, "c" + t);
    }
    deliver(stage, codecs, loader, "Hold", 5L);
    stage.tick(0, new Outbound() {
      @Override
      public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
        throw new AssertionError("nothing asked yet, yet sent " + fact);
      }
    });

    // Tick 2: slot 3 fills the gap, which is new in Window only: the run goes on to 4.
    deliver(stage, codecs, loader, "Offer", 3L, "c3");
    deliver(stage, codecs, loader, "Ask", CLIENT);
    for (long[] e : new long[][] {{1, 2}, {2, 4}, {7, 8}, {3, 5}, {6, 2}}) {
      deliver(stage, codecs, loader, "Edge", e[0], e[1]);
    }
    Map<String, TreeSet<Long>> seen = new TreeMap<>();
    Outbound out = new Outbound() {
      @Override
      public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
        assertThat(destination).isEqualTo(CLIENT);
        Record r = (Record) fact;
        try {
          var components = r.getClass().getRecordComponents();
          seen.computeIfAbsent((String) components[0].getAccessor().invoke(r), k -> new TreeSet<>())
              .add((Long) components[1].getAccessor().invoke(r));
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    };
    stage.tick(1, out);

    assertThat(seen).containsExactly(
        "run", new TreeSet<>(List.of(0L, 1L, 2L, 3L, 4L)),
        // Next ignores CasWaits: t + 1 for every run slot t whose successor is in the window
        "next", new TreeSet<>(List.of(1L, 2L, 3L, 4L, 5L)),
        "before", new TreeSet<>(List.of(0L, 1L, 2L, 3L, 4L)),
        "pair", new TreeSet<>(List.of(1L, 7L)),
        // Edge(t + 1, u), Edge(u + 1, t): (3, 5) with (6, 2) gives t = 2, and the other way t = 5
        "cross", new TreeSet<>(List.of(2L, 5L)));
  }

  private static void deliver(Stage stage, Map<String, RelationCodec<?>> codecs, ClassLoader loader, String relation,
      Object... values) throws ClassNotFoundException {
    Object fact = PlanLoader.fact(Class.forName("chain.Chain$" + relation, true, loader), List.of(values));
    stage.accept(codecs.get(relation).relationId(), fact);
  }

  private static StageContext context() {
    return new StageContext() {
      @Override
      public Location self() {
        return SELF;
      }

      @Override
      public int instanceIndex() {
        return 0;
      }

      @Override
      public List<Location> addressesOf(String role) {
        return List.of(SELF);
      }

      @Override
      public <T> List<T> configFacts(Class<T> type) {
        return List.of();
      }
    };
  }
}
