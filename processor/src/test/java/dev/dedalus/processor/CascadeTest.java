package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** One mistake gives one diagnostic: errors do not cascade into reports about their consequences. */
class CascadeTest {

  @Test
  void anUnknownRelationDoesNotMakeItsVariablesUnbound() {
    Compilation compilation = Sources.compile(Sources.withRule("Out@c(id, p) :~ Reqq(c, id, p)"));
    assertWithMessage(Sources.describe(compilation)).that(compilation.errors().stream()
        .map(d -> d.getMessage(Locale.ROOT)).toList())
        .containsExactly("[DedalusUnknownRelation] rule 'underTest', line 1, column 17: unknown relation 'Reqq'; did you mean 'Req'?");
  }

  @Test
  void aBadAssignmentIsReportedOnceNotAtEveryUse() {
    Compilation compilation = Sources.compile(Sources.withRule("Seen(x) :- Req(_, _, p), x = p * 2, x > 1"));
    assertWithMessage(Sources.describe(compilation)).that(compilation.errors().stream()
        .map(d -> d.getMessage(Locale.ROOT)).toList())
        .containsExactly("[DedalusTypeMismatch] rule 'underTest', line 1, column 32: arithmetic '*' needs numbers but 'p' has type String");
  }

  @Test
  void anUnboundVariableIsReportedOnce() {
    Compilation compilation = Sources.compile(Sources.withRule("Seen(x) :- Req(_, id, _), x > id, x < 9"));
    assertWithMessage(Sources.describe(compilation)).that(compilation.errors().stream()
        .map(d -> d.getMessage(Locale.ROOT)).toList())
        .containsExactly("[DedalusUnboundVariable] rule 'underTest', line 1, column 6: variable 'x' in the head is not bound by a positive atom or an assignment");
  }

  @Test
  void everyBadRuleOfAProgramIsReportedInOneBuild() {
    Compilation compilation = Sources.compile(Sources.source("test.Q", """
        package test;
        import dev.dedalus.*;
        @Dedalus
        public interface Q {
          @Input record In(long id) {}
          @Persist record Seen(long id) {}
          @Role interface Node {
            @Rule("Seen(id) :- Inn(id)") void a();
            @Rule("Seen(id) :- In(id), Seen(id") void b();
            @Rule("Seen(x) :- In(id), Seen(id)") void c();
          }
        }
        """));
    assertWithMessage(Sources.describe(compilation)).that(compilation.errors()).hasSize(3);
  }
}
