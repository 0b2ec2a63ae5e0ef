package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.dedalus.processor.RewriteDecisionsTest.compile;
import static dev.dedalus.processor.RewriteDecisionsTest.listing;
import static dev.dedalus.processor.RewriteDecisionsTest.notes;
import static dev.dedalus.processor.RewriteDecisionsTest.refusal;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * The exact text of decoupling refusals for moved rules that negate, aggregate or join a timer,
 * and for inputs clients send: which condition is named first, and what each rewrite adds.
 */
class DecouplingRefusalTextTest {

  private static final String NODE = """
      package test;
      import dev.dedalus.*;
      @Decouple(role = "Node", rules = {%s}, into = "Mover") // hint
      @Dedalus
      public interface N {
        @Input record In(Location c, long x) {}
        @Output record Out(long x) {}
        @Timer(periodMillis = 10) record Tick(long now) {}
        @Config(addressesOf = "Node") record Nodes(Location addr) {}
        %s
        @Role interface Node {
      %s
        }
      }
      """;

  private static String node(String moved, String relations, String rules) {
    return NODE.formatted(moved, relations, rules);
  }

  @Test
  void aMovedRuleJoiningATimerIsNotFunctional() {
    String source = node("\"tick\"", "record Seen(Location c, long x) {}",
        "@Rule(\"Seen(c, x) :- In(c, x)\") void see();\n@Rule(\"Out@c(x) :~ Seen(c, x), Tick(_)\") void tick();");
    assertThat(refusal(compile("N", source), source)).isEqualTo("[DedalusCannotDecouple] cannot decouple {tick} from Node "
        + "into Mover: Mover's rule 'tick' reads Seen, which Node's rule 'see' derives, and Seen is not persisted (not "
        + "monotonic); not mutually independent: Mover's rule 'tick' reads Seen, which Node's rule 'see' derives; not "
        + "functional: rule 'tick' joins Seen and Tick, two relations that are not configuration (a timer's facts hold "
        + "only in the ticks it fires in)");
  }

  @Test
  void aMovedRuleJoiningOnlyConfigurationIsFunctional() {
    String source = node("\"tick\"", "record Seen(Location c, long x) {}",
        "@Rule(\"Seen(c, x) :- In(c, x)\") void see();\n@Rule(\"Out@c(x) :~ Seen(c, x), Nodes(_)\") void tick();");
    Compilation compilation = compile("N", source);
    RewriteDecisionsTest.assertSuccess(compilation);
    assertThat(notes(compilation)).contains("[DedalusDecoupled] decoupled {tick} from Node into Mover by functional decoupling");
  }

  @Test
  void aMovedRuleThatAggregatesIsNotMonotonic() {
    String source = node("\"total\"", "record Seen(Location c, long x) {}",
        "@Rule(\"Seen(c, x) :- In(c, x)\") void see();\n@Rule(\"Out@c(count(x)) :~ Seen(c, x)\") void total();");
    assertThat(refusal(compile("N", source), source)).isEqualTo("[DedalusCannotDecouple] cannot decouple {total} from Node "
        + "into Mover: rule 'total' aggregates with count(..) (not monotonic, not functional); not mutually independent: "
        + "Mover's rule 'total' reads Seen, which Node's rule 'see' derives");
  }

  @Test
  void aMovedRuleNegatingWhatTheMovedRulesDeriveNamesNoSource() {
    String source = node("\"block\", \"out\"", "record Seen(Location c, long x) {}\nrecord Block(long x) {}",
        "@Rule(\"Seen(c, x) :- In(c, x)\") void see();\n@Rule(\"Block(x) :- In(_, x), x > 5\") void block();\n"
            + "@Rule(\"Out@c(x) :~ In(c, x), !Block(x)\") void out();");
    assertThat(refusal(compile("N", source), source)).isEqualTo("[DedalusCannotDecouple] cannot decouple {block, out} from "
        + "Node into Mover: rule 'out' negates Block (not monotonic, not functional); not mutually independent: Mover's "
        + "rule 'block' reads In, which clients send to Node, so Node must forward it");
  }

  @Test
  void aMovedRuleNegatingAForwardedInputSaysItMustBeForwarded() {
    String source = node("\"out\"", "@Input record Stop(Location c, long x) {}\n@Persist record Seen(Location c, long x) {}",
        "@Rule(\"Seen(c, x) :- In(c, x)\") void see();\n@Rule(\"Out@c(x) :~ Seen(c, x), !Stop(_, x)\") void out();");
    assertThat(refusal(compile("N", source), source)).isEqualTo("[DedalusCannotDecouple] cannot decouple {out} from Node "
        + "into Mover: rule 'out' negates Stop, which must be forwarded from Node: at Mover a Stop fact could arrive "
        + "after the rule has read its absence (not monotonic, not functional); not mutually independent: Mover's rule "
        + "'out' reads Stop, which clients send to Node, so Node must forward it");
  }

  @Test
  void anInputOnlyTheMovedRulesReadIsForwardedByTheNode() {
    String source = node("\"out\"", "@Persist record Seen(Location c, long x) {}",
        "@Rule(\"Seen(c, x) :- In(c, x)\") void see();\n@Rule(\"Out@c(x) :~ In(c, x)\") void out();");
    Compilation compilation = compile("N", source);
    RewriteDecisionsTest.assertSuccess(compilation);
    assertThat(notes(compilation)).contains("[DedalusDecoupled] decoupled {out} from Node into Mover by functional decoupling");
    assertThat(listing(compilation, "N")).contains("forwardIn: In@forward(Node, Mover, self)(x0, x1) :~ In(x0, x1)");
  }
}
