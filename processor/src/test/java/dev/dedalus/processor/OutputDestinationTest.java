package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static dev.dedalus.processor.CheckedPrograms.atRule;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Outputs go to clients only: where a Location comes from is followed through atoms, assignments,
 * aggregates and derived relations to a fixpoint, and a rule sending an @Output is refused exactly
 * when its destination may be a node's location or one a function returned.
 */
class OutputDestinationTest {
  private static final String NOT_A_CLIENT = ", not a client; outputs go only to locations that clients sent in an @Input";
  private static final String NODE = "a node's location (from self or a @Config relation)";
  private static final String FUNCTION = "any location (returned by a function)";

  @Test
  void destinationsThatMayNotBeClientsAreRefused() {
    Compilation compilation = Sources.compile(CheckedPrograms.withRules("Refused",
        // 0-1: a node's location reaches Dest only through a rule listed after its reader (a fixpoint)
        "Out@d(id, p) :~ Req(_, id, p), Dest(d)",
        "Dest(a) :- Peers(a)",
        // 2: a function's result
        "Out@d(id, p) :~ Req(c, id, p), d = pick(c)",
        // 3: self, through an assignment
        "Out@d(id, p) :~ Req(_, id, p), d = self",
        // 4-5: node and function locations mixed in one relation, through an aggregate
        "Req(choose(d), 1, \"x\") :- In(c, _, _), d = pick(c)",
        "Out@c(id, p) :~ Req(c, id, p), Dest(c)",
        "Req(c, id, p) :- In(c, id, p)"));
    assertWithMessage(Sources.describe(compilation)).that(CheckedPrograms.errors(compilation)).containsExactly(
        atRule(0, "[DedalusOutputNotToClient] rule 'r0' sends @Output 'Out' to 'd', which may be " + NODE + NOT_A_CLIENT),
        atRule(2, "[DedalusOutputNotToClient] rule 'r2' sends @Output 'Out' to 'd', which may be " + FUNCTION + NOT_A_CLIENT),
        atRule(3, "[DedalusOutputNotToClient] rule 'r3' sends @Output 'Out' to 'd', which may be " + NODE + NOT_A_CLIENT),
        atRule(5, "[DedalusOutputNotToClient] rule 'r5' sends @Output 'Out' to 'c', which may be " + NODE + " or " + FUNCTION
            + NOT_A_CLIENT));
  }

  @Test
  void aNodeLocationIsFollowedThroughRelationsDerivedInAnyOrder() {
    // Each rule reads a relation that a rule further down derives: origins flow to a fixpoint.
    Compilation compilation = Sources.compile(CheckedPrograms.withRules("Chain",
        "Out@c(id, p) :~ Req(c, id, p), Log(id, p)",
        "Req(d, 1, \"x\") :- Dest(d)",
        "Dest(a) :- Peers(a)"));
    assertWithMessage(Sources.describe(compilation)).that(CheckedPrograms.errors(compilation)).containsExactly(
        atRule(0, "[DedalusOutputNotToClient] rule 'r0' sends @Output 'Out' to 'c', which may be " + NODE + NOT_A_CLIENT));
  }

  @Test
  void clientLocationsMaySendOutputsWhereverTheyFlow() {
    Compilation compilation = Sources.compile(CheckedPrograms.withRules("Accepted",
        // through a derived relation listed later, an assignment, and a test of a node location by negation
        "Out@d(id, p) :~ Req(c, id, p), d = c, !Peers(c), !Dest(d)",
        "Req(c, id, p) :- In(c, id, p)",
        "Dest(a) :- Peers(a), Slot(_)",
        "Slot(1) :- Tick(_)",
        // through an aggregate of client locations
        "Dest(min(c)) :- In(c, _, _)",
        "Log(id, p) :- Req(_, id, p), Dest(_)"));
    CheckedPrograms.assertSucceeds(compilation);
    assertWithMessage(Sources.describe(compilation)).that(CheckedPrograms.errors(compilation)).isEmpty();
  }
}
