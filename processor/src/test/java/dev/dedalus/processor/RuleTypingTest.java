package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static dev.dedalus.processor.CheckedPrograms.atRule;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule checker's typing and binding, seen by a user: each bad rule gets exactly its one
 * diagnostic (identifier, text, column, line), and valid rules compile to the typed program the
 * listing and the generated stage show (literals widened to the type of their operation or slot).
 */
class RuleTypingTest {

  @Test
  void eachBadLiteralOperandOrCallGetsItsOwnDiagnostic() {
    Compilation compilation = Sources.compile(CheckedPrograms.withRules("Lits",
        "Seen(id) :- Req(_, id, _), id < 1e999",
        "Seen(id) :- Req(_, id, _), id < 99999999999999999999",
        "Flag(max(b)) :- Req(_, id, _), b = small(id)",
        "Seen(id) :- Req(_, id, _), Log(id, Seen)",
        "Seen(h) :- Req(_, id, _), h = mix(id)",
        "Seen(id) :- Req(_, id, _), Log(_ + 1, _)",
        "Seen(h) :- Req(_, _, p), h = hash(count(p))",
        "Seen(id) :- Req(_, id, p), !Log(p, _)",
        "Out@d(id, p) :~ Req(_, id, p), d = id + 1",
        "Seen(x) :- Req(_, id, _), x = max(id)",
        "Seen(id) :- Req(_, id, p), id < p",
        "Seen(x) :- Req(_, _, p), x = 1 + p",
        "Slot(n + id) :- Slot(n), Req(_, id, _)",
        "Slot(true) :- Req(_, _, _)",
        "Slot(1.5) :- Req(_, _, _)",
        "Seen(x) :- Req(_, _, _), x = y + 1, y = x + 1",
        "Seen(id) :- Req(c, id, _), c == \"x\"",
        "Seen(h) :- Req(_, _, p), h = hash()",
        "Seen(id) :- Req(_, id, _), X = id",
        "Flag(count(b)) :- Flag(b)",
        "Seen(count(zz)) :- Req(_, id, _)",
        "Seen(choose(zz)) :- Req(_, id, _)",
        "Seen(sum(zz)) :- Req(_, id, _)",
        "Log(id, min(zz)) :- Req(_, id, _)",
        "Seen(id) :- Req(_, id, _), Flag(b), b == id",
        "Seen(id) :- Req(_, id, _), !Log(id, zz + 1)",
        "Seen(id) :- Req(_, id, _), Log(id, \"a\" + 1)",
        "Seen(id) :- Reqq(_, id, _), Log(id, _)",
        "Seen(id) :- Req(_, id, _), twice(id)",
        "Seen(id) :- Req(_, id, _), !twice(id)",
        "Out(id, p) :+ Req(_, id, p)",
        "Seen(id) :- Req(_, id, _), self = zz",
        "Seen(x) :- Req(_, id, _), x = -zz",
        "Seen(Id) :- Req(_, Id, _)",
        "Seen(id) :- Req(_, id, _), X = zz",
        "Seen(id) :- Req(_, id, _), Log(_, id)",
        "Seen(id) :- Req(_, id, _), Slot(n), !Log(n, _)",
        "Seen(id) :- Req(_, id, _), Slot(1, 2)"));
    assertWithMessage(Sources.describe(compilation)).that(CheckedPrograms.errors(compilation)).containsExactly(
        atRule(0, "[DedalusTypeMismatch] rule 'r0', line 1, column 33: the number 1e999 is too large for a double"),
        atRule(1, "[DedalusTypeMismatch] rule 'r1', line 1, column 33: the integer 99999999999999999999 is too large for a long"),
        atRule(2, "[DedalusTypeMismatch] rule 'r2', line 1, column 6: 'max' needs an ordered type but 'b' has type boolean"),
        atRule(3, "[DedalusUppercaseVariable] rule 'r3', line 1, column 36: 'Seen' is not a variable: variables start with a "
            + "lower-case letter; write 'Seen()' for a relation without attributes"),
        atRule(4, "[DedalusFunctionArity] rule 'r4', line 1, column 31: function 'mix' takes 2 arguments (long, String) but is given 1"),
        atRule(5, "[DedalusMisplacedWildcard] rule 'r5', line 1, column 32: '_' may only stand for a whole atom argument, not inside an expression"),
        atRule(6, "[DedalusMisplacedAggregate] rule 'r6', line 1, column 35: aggregate 'count' may only be a whole head argument, "
            + "not part of an argument of 'hash'"),
        atRule(7, "[DedalusTypeMismatch] rule 'r7', line 1, column 33: variable 'p' has type String but attribute 'id' of Log has type long"),
        atRule(8, "[DedalusDestinationNotLocation] rule 'r8', line 1, column 5: the destination '@d' must have type Location, "
            + "but 'd' has type long (from 'd = id + 1')"),
        atRule(9, "[DedalusMisplacedAggregate] rule 'r9', line 1, column 31: aggregate 'max' may only be a whole head argument, "
            + "not part of an assignment"),
        atRule(10, "[DedalusTypeMismatch] rule 'r10', line 1, column 31: '<' cannot order long and String"),
        atRule(11, "[DedalusTypeMismatch] rule 'r11', line 1, column 32: arithmetic '+' needs numbers but 'p' has type String"),
        atRule(12, "[DedalusTypeMismatch] rule 'r12', line 1, column 8: 'n + id' has type long but attribute 'n' of Slot has type int"),
        atRule(13, "[DedalusTypeMismatch] rule 'r13', line 1, column 6: the literal true has type boolean but attribute 'n' of Slot has type int"),
        atRule(14, "[DedalusTypeMismatch] rule 'r14', line 1, column 6: the literal 1.5 has type double but attribute 'n' of Slot has type int"),
        atRule(15, "[DedalusUnboundVariable] rule 'r15', line 1, column 30: variable 'y' in an assignment is not bound by a positive "
            + "atom or an assignment"),
        atRule(16, "[DedalusTypeMismatch] rule 'r16', line 1, column 30: '==' compares 'c' of type Location with '\"x\"' of type String"),
        atRule(17, "[DedalusFunctionArity] rule 'r17', line 1, column 30: function 'hash' takes 1 argument (String) but is given 0"),
        atRule(18, "[DedalusUppercaseVariable] rule 'r18', line 1, column 28: 'X' is not a variable: variables start with a lower-case letter"),
        atRule(19, "[DedalusTypeMismatch] rule 'r19', line 1, column 6: 'count(..)' produces an integer but attribute 'on' of Flag has type boolean"),
        atRule(20, "[DedalusUnboundVariable] rule 'r20', line 1, column 12: variable 'zz' in the head is not bound by a positive atom "
            + "or an assignment"),
        atRule(21, "[DedalusUnboundVariable] rule 'r21', line 1, column 13: variable 'zz' in the head is not bound by a positive atom "
            + "or an assignment"),
        atRule(22, "[DedalusUnboundVariable] rule 'r22', line 1, column 10: variable 'zz' in the head is not bound by a positive atom "
            + "or an assignment"),
        atRule(23, "[DedalusUnboundVariable] rule 'r23', line 1, column 13: variable 'zz' in the head is not bound by a positive atom "
            + "or an assignment"),
        atRule(24, "[DedalusTypeMismatch] rule 'r24', line 1, column 39: '==' compares 'b' of type boolean with 'id' of type long"),
        atRule(25, "[DedalusUnboundVariable] rule 'r25', line 1, column 37: variable 'zz' in a negated atom is not bound by a positive "
            + "atom or an assignment"),
        atRule(26, "[DedalusTypeMismatch] rule 'r26', line 1, column 40: arithmetic '+' needs numbers but '\"a\"' has type String"),
        // the variables of an unknown atom stay silent, and take their type from the next atom
        atRule(27, "[DedalusUnknownRelation] rule 'r27', line 1, column 13: unknown relation 'Reqq'; did you mean 'Req'?"),
        atRule(28, "[DedalusBadFunction] rule 'r28', line 1, column 28: function 'twice' cannot be called from rules: it is "
            + "overloaded, and rules call functions by name only"),
        atRule(29, "[DedalusUnknownRelation] rule 'r29', line 1, column 28: '!' negates relations, but 'twice' is a function; "
            + "compare its result instead, e.g. 'twice(..) == false'"),
        atRule(30, "[DedalusOutputNotAsync] rule 'r30', line 1, column 12: 'Out' is an @Output relation: it may only be the head "
            + "of a ':~' rule sending to a client, not of a ':+' rule"),
        // what cannot be assigned is not evaluated; what is unbound is reported once, at its place
        atRule(31, "[DedalusSelfAssignment] rule 'r31', line 1, column 28: 'self' is the location of this node and cannot be assigned"),
        atRule(32, "[DedalusUnboundVariable] rule 'r32', line 1, column 32: variable 'zz' in an assignment is not bound by a "
            + "positive atom or an assignment"),
        atRule(33, "[DedalusUppercaseVariable] rule 'r33', line 1, column 20: 'Id' is not a variable: variables start with a "
            + "lower-case letter"),
        atRule(33, "[DedalusUppercaseVariable] rule 'r33', line 1, column 6: 'Id' is not a variable: variables start with a "
            + "lower-case letter"),
        atRule(34, "[DedalusUppercaseVariable] rule 'r34', line 1, column 28: 'X' is not a variable: variables start with a "
            + "lower-case letter"),
        atRule(35, "[DedalusTypeMismatch] rule 'r35', line 1, column 35: variable 'id' is used at two types: long in Req.id and "
            + "String in Log.payload"),
        // a negated atom compares by value: its variables must have the column's exact type, not a narrower one
        atRule(36, "[DedalusTypeMismatch] rule 'r36', line 1, column 42: variable 'n' has type int but attribute 'id' of Log has "
            + "type long"),
        atRule(37, "[DedalusArity] rule 'r37', line 1, column 28: 'Slot' has 1 attribute (n) but the atom gives 2"));
  }

  @Test
  void validRulesAreTypedAndTheirLiteralsWidened() {
    Compilation compilation = Sources.compile(CheckedPrograms.withRules("Typed",
        "Seen(id) :- Req(_, id, _), id > 3",
        "Seen(5) :- Tick(_)",
        "Blob(d, 2) :- Blob(d, _)",
        "Blob(d, s * 2) :- Blob(d, s), s > 1",
        "Slot(2147483647) :- Tick(_)",
        "Slot(count(id)) :- Req(_, id, _)",
        "Slot(index()) :- Tick(_)",
        "Seen(index()) :- Log(_, _)",
        "Log(id, min(p)) :- Req(_, id, p)",
        "Dest(max(a)) :- Peers(a)",
        "Log(sum(n), \"s\") :- Slot(n), n < 7000000000",
        "Flag(true) :- Req(_, id, _), x = id * 2, x == id + id, Slot(n), n == x, y = -n, y < 2.5, id = 3",
        "Seen(-id) :- Seen(id), id > -1",
        "Req(c, id, p) :- In(c, id, p)",
        "Out@c(id, p) :~ Req(c, id, p), Log(id, p), p != \"\", Flag(_), Dest(_), Blob(_, _)",
        "Out@c(id, p) :~ Req(c, id, p), p < \"m\", Peers(a), c <= a",
        "Seen(x) :- Req(_, id, _), x = y + 1, y = id",
        "Seen(x) :- Req(_, id, _), x = 1 + y, y = id",
        "Seen(x) :- Req(_, id, _), x = -y, y = id",
        "Seen(x) :- Req(_, _, p), x = hash(q), q = p",
        "Seen(x) :- Req(_, id, _), x = y, y = id"));
    CheckedPrograms.assertSucceeds(compilation);
    String listing = CheckedPrograms.resource(compilation, "Typed.dedalus");
    // The typed rules, by stratum: levels count the aggregations below each relation.
    assertWithMessage(listing).that(CheckedPrograms.ruleLines(listing)).containsExactly(
        "[s0] r2: Blob(d, 2.0) :- Blob(d, _)",
        "[s0] r3: Blob(d, s * 2.0) :- Blob(d, s), s > 1.0",
        "[s0] r13: Req(c, id, p) :- In(c, id, p)",
        "[s1] r4: Slot(2147483647) :- Tick(_)",
        "[s1] r5: Slot(count(id)) :- Req(_, id, _)",
        "[s1] r6: Slot(index()) :- Tick(_)",
        "[s1] r9: Dest(max(a)) :- Peers(a)",
        "[s1] r11: Flag(true) :- Req(_, id, _), x = id * 2, x == id + id, Slot(n), n == x, y = -n, y < 2.5, id == 3",
        "[s2] r8: Log(id, min(p)) :- Req(_, id, p)",
        "[s2] r10: Log(sum(n), \"s\") :- Slot(n), n < 7000000000",
        "[s3] r0: Seen(id) :- Req(_, id, _), id > 3",
        "[s3] r1: Seen(5) :- Tick(_)",
        "[s3] r7: Seen(index()) :- Log(_, _)",
        "[s3] r12: Seen(-id) :- Seen(id), id > -1",
        // an assignment may use variables that later assignments bind
        "[s3] r16: Seen(x) :- Req(_, id, _), x = y + 1, y = id",
        "[s3] r17: Seen(x) :- Req(_, id, _), x = 1 + y, y = id",
        "[s3] r18: Seen(x) :- Req(_, id, _), x = -y, y = id",
        "[s3] r19: Seen(x) :- Req(_, _, p), x = hash(q), q = p",
        "[s3] r20: Seen(x) :- Req(_, id, _), x = y, y = id",
        "[async] r14: Out@c(id, p) :~ Req(c, id, p), Log(id, p), p != \"\", Flag(_), Dest(_), Blob(_, _)",
        "[async] r15: Out@c(id, p) :~ Req(c, id, p), p < \"m\", Peers(a), c <= a").inOrder();
    String stage = CheckedPrograms.generatedSource(compilation, "Typed_NodeStage");
    // Integer literals are widened to the long of their operation or slot: no casts in generated code.
    for (String code : List.of("v_id > 3L", "(v_id * 2L)", "new Typed.Seen(5L)", "v_n < 7000000000L", "v_y < 2.5",
        "v_p.compareTo(\"m\") < 0", "v_c.compareTo(v_a) <= 0")) {
      assertWithMessage("generated code uses the literal %s:\n%s", code, stage).that(stage).contains(code);
    }
  }
}
