package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every check of the front end, one bad input each: the exact diagnostic (identifier and text),
 * its severity and the source line it is reported on.
 */
class NegativeDiagnosticsTest {

  /** One bad input and the one diagnostic it must produce. */
  record Case(String name, JavaFileObject source, Diagnostic.Kind kind, String message, int line) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case rule(String name, String ruleText, String message) {
    return new Case(name, Sources.withRule(ruleText), Diagnostic.Kind.ERROR, message, Sources.RULE_LINE);
  }

  /** A whole program; the diagnostic is expected on the line containing {@code marker}. */
  static Case program(String name, Diagnostic.Kind kind, String source, String marker, String message) {
    List<String> lines = source.lines().toList();
    int line = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        line = i + 1;
        break;
      }
    }
    if (line == 0) {
      throw new IllegalArgumentException("marker not found: " + marker);
    }
    return new Case(name, Sources.source("test.Q", source), kind, message, line);
  }

  static Stream<Case> cases() {
    return Stream.of(
        // ---- syntax -----------------------------------------------------------------------------
        rule("missing comma", "Req(client, id p) :- In(client, id, p)",
            "[DedalusSyntax] rule 'underTest', line 1, column 16: expected ',' or ')' but found 'p'"),
        rule("missing arrow", "Req(client, id, p) In(client, id, p)",
            "[DedalusSyntax] rule 'underTest', line 1, column 20: expected ':-', ':+' or ':~' but found 'In'"),
        rule("bad arrow", "Req(client, id, p) := In(client, id, p)",
            "[DedalusSyntax] rule 'underTest', line 1, column 20: expected ':-', ':+' or ':~' but found ':='"),
        rule("unterminated string", "Seen(id) :- Req(_, id, \"abc)",
            "[DedalusSyntax] rule 'underTest', line 1, column 24: expected a closing '\"' on the same line but found an unterminated string"),
        rule("trailing comma", "Seen(id) :- Req(_, id, _),",
            "[DedalusSyntax] rule 'underTest', line 1, column 27: expected a term (a variable, '_', a literal, 'self' or a call) but found the end of the rule"),
        rule("empty body", "Seen(id) :-",
            "[DedalusSyntax] rule 'underTest', line 1, column 12: expected a term (a variable, '_', a literal, 'self' or a call) but found the end of the rule"),
        rule("unbalanced parenthesis", "Seen(id) :- Req(_, id, _), (id > 3",
            "[DedalusSyntax] rule 'underTest', line 1, column 35: expected ')' but found the end of the rule"),
        rule("error on the second line", "Seen(id) :-\n  Req(_ id, _)",
            "[DedalusSyntax] rule 'underTest', line 2, column 9: expected ',' or ')' but found 'id'"),
        rule("unknown character", "Seen(id) :- Req(_, id, _) # comment",
            "[DedalusSyntax] rule 'underTest', line 1, column 27: expected a name, a literal, an operator or punctuation but found '#'"),
        rule("chained comparison", "Seen(id) :- Req(_, id, _), 1 < id < 9",
            "[DedalusSyntax] rule 'underTest', line 1, column 35: expected ',' or the end of the rule but found '<'"),
        rule("destination is not a name", "Out@(id, p) :~ Req(_, id, p)",
            "[DedalusSyntax] rule 'underTest', line 1, column 5: expected a destination variable after '@' but found '('"),
        rule("bad escape", "Seen(id) :- Req(_, id, \"a\\q\")",
            "[DedalusSyntax] rule 'underTest', line 1, column 26: expected one of the escapes \\\" \\\\ \\n \\t but found '\\q'"),
        rule("empty rule", "",
            "[DedalusSyntax] rule 'underTest', line 1, column 1: expected the head relation's name but found the end of the rule"),

        // ---- relations and arity ----------------------------------------------------------------
        rule("unknown body relation with suggestion", "Seen(id) :- Reqs(_, id, _)",
            "[DedalusUnknownRelation] rule 'underTest', line 1, column 13: unknown relation 'Reqs'; did you mean 'Req'?"),
        rule("unknown head relation with suggestion", "Sen(id) :- Req(_, id, _)",
            "[DedalusUnknownRelation] rule 'underTest', line 1, column 1: unknown relation 'Sen' in the head; did you mean 'Seen'?"),
        rule("unknown relation without suggestion", "Seen(id) :- Zebra(id)",
            "[DedalusUnknownRelation] rule 'underTest', line 1, column 13: unknown relation 'Zebra'"),
        rule("negated function", "Seen(id) :- Req(_, id, _), !small(id)",
            "[DedalusUnknownRelation] rule 'underTest', line 1, column 28: '!' negates relations, but 'small' is a function; compare its result instead, e.g. 'small(..) == false'"),
        rule("body arity", "Seen(id) :- Req(id, _)",
            "[DedalusArity] rule 'underTest', line 1, column 13: 'Req' has 3 attributes (client, id, payload) but the atom gives 2"),
        rule("head arity", "Seen(id, p) :- Req(_, id, p)",
            "[DedalusArity] rule 'underTest', line 1, column 1: 'Seen' has 1 attribute (id) but the head gives 2"),

        // ---- types ------------------------------------------------------------------------------
        rule("variable at two types", "Seen(id) :- Req(_, id, _), Log(_, id)",
            "[DedalusTypeMismatch] rule 'underTest', line 1, column 35: variable 'id' is used at two types: long in Req.id and String in Log.payload"),
        rule("variable of the wrong type in the head", "Seen(p) :- Req(_, _, p)",
            "[DedalusTypeMismatch] rule 'underTest', line 1, column 6: variable 'p' has type String but attribute 'id' of Seen has type long"),
        rule("integer literal for a string", "Seen(id) :- Req(_, id, 5)",
            "[DedalusTypeMismatch] rule 'underTest', line 1, column 24: the literal 5 has type int but attribute 'payload' of Req has type String"),
        rule("string literal for a long", "Seen(\"x\") :- Req(_, _, _)",
            "[DedalusTypeMismatch] rule 'underTest', line 1, column 6: the literal \"x\" has type String but attribute 'id' of Seen has type long"),
        rule("function argument of the wrong type", "Seen(h) :- Req(_, id, _), h = hash(id)",
            "[DedalusTypeMismatch] rule 'underTest', line 1, column 36: variable 'id' has type long but parameter 1 of 'hash' has type String"),
        rule("function result of the wrong type", "Flag(hash(p)) :- Req(_, _, p)",
            "[DedalusTypeMismatch] rule 'underTest', line 1, column 6: 'hash(p)' has type long but attribute 'on' of Flag has type boolean"),
        rule("arithmetic on a string", "Seen(x) :- Req(_, _, p), x = p + 1",
            "[DedalusTypeMismatch] rule 'underTest', line 1, column 32: arithmetic '+' needs numbers but 'p' has type String"),
        rule("ordering booleans", "Seen(1) :- Flag(b), b < true",
            "[DedalusTypeMismatch] rule 'underTest', line 1, column 23: '<' cannot order boolean and boolean"),
        rule("comparing a string with a number", "Seen(id) :- Req(_, id, p), p == id",
            "[DedalusTypeMismatch] rule 'underTest', line 1, column 30: '==' compares 'p' of type String with 'id' of type long"),
        rule("condition that is not boolean", "Seen(id) :- Req(_, id, _), id + 1",
            "[DedalusTypeMismatch] rule 'underTest', line 1, column 28: a condition must be a comparison or a call of a boolean function, but 'id + 1' has type long"),
        rule("integer too large for int", "Slot(3000000000) :- Req(_, _, _)",
            "[DedalusTypeMismatch] rule 'underTest', line 1, column 6: the integer 3000000000 is too large for attribute 'n' of Slot, which has type int"),
        rule("count into a string", "Req(client, id, count(p)) :- In(client, id, p)",
            "[DedalusTypeMismatch] rule 'underTest', line 1, column 17: 'count(..)' produces an integer but attribute 'payload' of Req has type String"),
        rule("sum of strings", "Log(id, sum(p)) :- Req(_, id, p)",
            "[DedalusTypeMismatch] rule 'underTest', line 1, column 9: 'sum' needs a number but 'p' has type String"),
        rule("negating a string", "Seen(1) :- Req(_, _, p), -p < 0",
            "[DedalusTypeMismatch] rule 'underTest', line 1, column 26: '-' needs a number but 'p' has type String"),
        rule("assignment to a bound variable of another type", "Seen(id) :- Req(_, id, p), id = p",
            "[DedalusTypeMismatch] rule 'underTest', line 1, column 28: variable 'id' has type long but is assigned 'p' of type String"),

        // ---- range restriction and misplaced terms -------------------------------------------------
        rule("unbound head variable", "Seen(x) :- Req(_, id, _)",
            "[DedalusUnboundVariable] rule 'underTest', line 1, column 6: variable 'x' in the head is not bound by a positive atom or an assignment"),
        rule("unbound variable with suggestion", "Seen(idd) :- Req(_, id, _)",
            "[DedalusUnboundVariable] rule 'underTest', line 1, column 6: variable 'idd' in the head is not bound by a positive atom or an assignment; did you mean 'id'?"),
        rule("unbound variable in a negated atom", "Seen(id) :- Req(_, id, _), !Log(id, q)",
            "[DedalusUnboundVariable] rule 'underTest', line 1, column 37: variable 'q' in a negated atom is not bound by a positive atom or an assignment"),
        rule("unbound variable in a comparison", "Seen(id) :- Req(_, id, _), id > limit",
            "[DedalusUnboundVariable] rule 'underTest', line 1, column 33: variable 'limit' in a condition is not bound by a positive atom or an assignment"),
        rule("unbound function argument", "Seen(h) :- Req(_, id, _), h = hash(q)",
            "[DedalusUnboundVariable] rule 'underTest', line 1, column 36: variable 'q' in an argument of 'hash' is not bound by a positive atom or an assignment"),
        rule("unbound destination", "Out@c(id, p) :~ Req(_, id, p)",
            "[DedalusUnboundVariable] rule 'underTest', line 1, column 5: variable 'c' in the destination is not bound by a positive atom or an assignment"),
        rule("variable only in an atom's expression", "Seen(id) :- Req(_, id, _), Log(x + 1, _)",
            "[DedalusUnboundVariable] rule 'underTest', line 1, column 32: variable 'x' in an atom's expression is not bound by a positive atom or an assignment"),
        rule("wildcard in the head", "Seen(_) :- Req(_, id, _)",
            "[DedalusWildcardInHead] rule 'underTest', line 1, column 6: '_' is not allowed in a head: every head attribute needs a value"),
        rule("wildcard in a comparison", "Seen(id) :- Req(_, id, _), id > _",
            "[DedalusMisplacedWildcard] rule 'underTest', line 1, column 33: '_' may only stand for a whole atom argument, not inside a condition"),
        rule("aggregate in the body", "Seen(id) :- Req(_, id, _), count(id) > 1",
            "[DedalusMisplacedAggregate] rule 'underTest', line 1, column 28: aggregate 'count' may only be a whole head argument, not part of a condition"),
        rule("aggregate inside a head expression", "Seen(count(id) + 1) :- Req(_, id, _)",
            "[DedalusMisplacedAggregate] rule 'underTest', line 1, column 6: aggregate 'count' may only be a whole head argument, not part of an expression"),
        rule("aggregate as a body literal", "Seen(id) :- Req(_, id, _), max(id)",
            "[DedalusMisplacedAggregate] rule 'underTest', line 1, column 28: aggregate 'max' may only be a head argument, not a body literal"),
        rule("aggregate without argument", "Seen(count()) :- Req(_, id, _)",
            "[DedalusBadAggregate] rule 'underTest', line 1, column 6: aggregate 'count' takes one argument but is given 0"),
        rule("index with an argument", "Seen(index(id)) :- Req(_, id, _)",
            "[DedalusBadAggregate] rule 'underTest', line 1, column 6: aggregate 'index' takes no argument but is given 1"),
        rule("assigning self", "Seen(id) :- Req(_, id, _), self = self",
            "[DedalusSelfAssignment] rule 'underTest', line 1, column 28: 'self' is the location of this node and cannot be assigned"),
        rule("upper-case variable", "Seen(Id) :- Req(_, Id, _)",
            "[DedalusUppercaseVariable] rule 'underTest', line 1, column 6: 'Id' is not a variable: variables start with a lower-case letter"),

        // ---- stratification -----------------------------------------------------------------------
        rule("negation through recursion", "Seen(id) :- Req(_, id, _), !Seen(id)",
            "[DedalusUnstratifiable] rule 'underTest' negates 'Seen' inside a recursive cycle of deductive rules: Seen -> Seen; break the cycle, or derive the negated or aggregated relation at the next tick with ':+'"),
        rule("aggregation through recursion", "Slot(count(n)) :- Slot(n)",
            "[DedalusUnstratifiable] rule 'underTest' aggregates over 'Slot' inside a recursive cycle of deductive rules: Slot -> Slot; break the cycle, or derive the negated or aggregated relation at the next tick with ':+'"),

        // ---- location and time --------------------------------------------------------------------
        rule("destination that is not a location", "Out@id(id, p) :~ Req(_, id, p)",
            "[DedalusDestinationNotLocation] rule 'underTest', line 1, column 5: the destination '@id' must have type Location, but 'id' has type long (from Req.id)"),
        rule("deductive head with destination", "Seen@client(id) :- Req(client, id, _)",
            "[DedalusLocalHeadWithDestination] rule 'underTest', line 1, column 6: a ':-' rule derives its head at the same node, so the head cannot have a destination '@client'; use ':~' to send it"),
        rule("inductive head with destination", "Seen@client(id) :+ Req(client, id, _)",
            "[DedalusLocalHeadWithDestination] rule 'underTest', line 1, column 6: a ':+' rule derives its head at the same node, so the head cannot have a destination '@client'; use ':~' to send it"),
        rule("asynchronous head without destination", "Seen(id) :~ Req(_, id, _)",
            "[DedalusAsyncWithoutDestination] rule 'underTest', line 1, column 1: a ':~' rule sends its head to another node: write the destination as 'Seen@dest(..)', with dest a Location variable"),
        rule("input derived", "In(client, id, p) :- Req(client, id, p)",
            "[DedalusInputDerived] rule 'underTest', line 1, column 1: 'In' is an @Input relation: clients send its facts, so no rule may derive it"),
        rule("config derived", "Peers(c) :- Req(c, _, _)",
            "[DedalusConfigDerived] rule 'underTest', line 1, column 1: 'Peers' is a @Config relation: its facts come from the deployment, so no rule may derive it"),
        rule("timer derived", "Tick(id) :- Req(_, id, _)",
            "[DedalusConfigDerived] rule 'underTest', line 1, column 1: 'Tick' is a @Timer relation: the runtime fires its facts, so no rule may derive it"),
        rule("output derived locally", "Out(id, p) :- Req(_, id, p)",
            "[DedalusOutputNotAsync] rule 'underTest', line 1, column 12: 'Out' is an @Output relation: it may only be the head of a ':~' rule sending to a client, not of a ':-' rule"),
        rule("output sent to a configured node", "Out@a(id, p) :~ Req(_, id, p), Peers(a)",
            "[DedalusOutputNotToClient] rule 'underTest' sends @Output 'Out' to 'a', which may be a node's location (from self or a @Config relation), not a client; outputs go only to locations that clients sent in an @Input"),
        rule("output sent to self", "Out@self(id, p) :~ Req(_, id, p)",
            "[DedalusOutputNotToClient] rule 'underTest' sends @Output 'Out' to 'self', which may be a node's location (from self or a @Config relation), not a client; outputs go only to locations that clients sent in an @Input"),
        rule("output read", "Seen(id) :- Out(id, _)",
            "[DedalusOutputRead] rule 'underTest', line 1, column 13: 'Out' is an @Output relation: its facts go to clients and no node can read them"),

        // ---- functions ---------------------------------------------------------------------------
        rule("unknown function with suggestion", "Seen(h) :- Req(_, _, p), h = hsah(p)",
            "[DedalusUnknownFunction] rule 'underTest', line 1, column 30: unknown function 'hsah'; functions are static methods of the program; did you mean 'hash'?"),
        rule("function arity", "Seen(h) :- Req(_, _, p), h = hash(p, p)",
            "[DedalusFunctionArity] rule 'underTest', line 1, column 30: function 'hash' takes 1 argument (String) but is given 2"),
        rule("relation called as a function", "Seen(h) :- Req(_, _, p), h = Log(p)",
            "[DedalusUnknownFunction] rule 'underTest', line 1, column 30: 'Log' is a relation, not a function; atoms may only be body literals"),
        rule("overloaded function", "Slot(t) :- Slot(n), t = twice(n)",
            "[DedalusBadFunction] rule 'underTest', line 1, column 25: function 'twice' cannot be called from rules: it is overloaded, and rules call functions by name only"),
        rule("function with an unsupported parameter type", "Slot(s) :- Req(_, _, p), s = size(p)",
            "[DedalusBadFunction] rule 'underTest', line 1, column 30: function 'size' cannot be called from rules: its parameter 'xs' has type java.util.List<java.lang.String>, which is not an attribute type"),

        // ---- declarations and whole programs --------------------------------------------------------
        program("unsupported attribute type", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Input record In(java.util.List<String> items) {} // here
              @Role interface Node {}
            }
            """, "// here",
            "[DedalusUnsupportedType] attribute 'items' of relation 'In' has type java.util.List<java.lang.String>; supported types are int, long, boolean, double, String, byte[] and Location"),
        program("input and output at once", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Input @Output record Both(long id) {} // here
              @Role interface Node {}
            }
            """, "// here",
            "[DedalusConflictingKinds] relation 'Both' cannot be both @Input and @Output: a relation has one source of facts"),
        program("persisted config", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Config @Persist record Members(Location who) {} // here
              @Role interface Node {}
            }
            """, "// here",
            "[DedalusConflictingKinds] relation 'Members' cannot be both @Config and @Persist: its facts already hold in every tick"),
        program("persisted and durable without persistence", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Input record In(long id) {}
              @Persist @Durable(persist = false) record Log(long id) {} // here
              @Role interface Node {
                @Rule("Log(id) :- In(id)") void log();
              }
            }
            """, "// here",
            "[DedalusConflictingKinds] relation 'Log' cannot be both @Persist and @Durable(persist = false): remove one"),
        program("durable relation nothing carries", Diagnostic.Kind.WARNING, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Input record In(long id) {}
              @Durable(persist = false) record Log(long id) {} // here
              @Role interface Node {
                @Rule("Log(id) :- In(id)") void log();
              }
            }
            """, "// here",
            "[DedalusDurableNotCarried] @Durable(persist = false) relation 'Log' keeps nothing across ticks or restarts: no ':+' rule carries it"),
        program("timer period zero", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Timer(periodMillis = 0) record Tick(long now) {} // here
              @Role interface Node {}
            }
            """, "// here",
            "[DedalusBadTimer] timer 'Tick' has periodMillis = 0; the period must be at least 1 ms"),
        program("timer with a string attribute", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Timer(periodMillis = 5) record Tick(String now) {} // here
              @Role interface Node {}
            }
            """, "// here",
            "[DedalusBadTimer] timer 'Tick' must have no attribute or a single long attribute (the clock in milliseconds); it has (now: String)"),
        program("relation annotation on a class", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Input final class In {} // here
              @Role interface Node {}
            }
            """, "// here",
            "[DedalusUnsupportedType] relation 'In' must be a record; it is a class"),
        program("config with two sources", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Config(countOf = "Node", instanceIndex = true) record N(long n) {} // here
              @Role interface Node {}
            }
            """, "// here",
            "[DedalusBadConfig] @Config 'N' names more than one source (countOf(Node), instanceIndex()); choose one"),
        program("addresses config without a location", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Config(addressesOf = "Node") record Peers(long id) {} // here
              @Role interface Node {}
            }
            """, "// here",
            "[DedalusBadConfig] @Config 'Peers' with addressesOf(Node) must have exactly one Location attribute; it has (id: long)"),
        program("config naming an unknown role", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Config(countOf = "Nodes") record N(long n) {} // here
              @Output record Out(long n) {}
              @Input record In(Location c) {}
              @Role interface Node { @Rule("Out@c(n) :~ In(c), N(n)") void r(); }
            }
            """, "// here",
            "[DedalusUnknownRole] @Config 'N' names role 'Nodes', which does not exist; did you mean 'Node'?"),
        program("two rules with one name", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Input record In(long id) {}
              record Seen(long id) {}
              @Role interface Node {
                @Rule("Seen(id) :- In(id)") void see();
                @Rule("Seen(id) :- In(id), id > 1") void see(int overload); // here
              }
            }
            """, "// here",
            "[DedalusDuplicateRule] role 'Node' has two rules named 'see'; a rule's method name must be unique in its role"),
        program("no roles", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus // here
            public interface Q {
              @Input record In(long id) {}
            }
            """, "// here",
            "[DedalusNoRoles] program 'Q' declares no role; nest a type annotated @Role holding its @Rule methods"),
        program("nested program", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            public interface Q {
              @Dedalus interface Inner { // here
                @Role interface Node {}
              }
            }
            """, "// here",
            "[DedalusNotTopLevel] @Dedalus program 'Inner' must be a top-level type; it is nested in 'Q'"),
        program("input read by two roles", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Input record In(long id) {} // here
              @Persist record Seen(long id) {}
              @Role interface A { @Rule("Seen(id) :- In(id)") void a(); }
              @Role interface B { @Rule("Seen(id) :- In(id), Seen(id)") void b(); }
            }
            """, "// here",
            "[DedalusAmbiguousInput] @Input 'In' is read by roles A and B; name the role that receives it with @Input(role = \"...\")"),
        program("input naming an unknown role", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Input(role = "Leadr") record In(long id) {} // here
              record Seen(long id) {}
              @Role interface Leader { @Rule("Seen(id) :- In(id), Seen(id)") void a(); }
            }
            """, "// here",
            "[DedalusUnknownRole] @Input 'In' names role 'Leadr', which does not exist; did you mean 'Leader'?"),
        program("input read by a role that does not receive it", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Input(role = "A") record In(long id) {}
              @Persist record Seen(long id) {}
              @Role interface A { @Rule("Seen(id) :- In(id)") void a(); }
              @Role interface B { @Rule("Seen(id) :- In(id), Seen(id)") void b(); } // here
            }
            """, "// here",
            "[DedalusInputNotReceived] rule 'b' of role 'B' reads @Input 'In', but clients send it to role 'A' only"),
        program("negation through a two-rule cycle", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Input record In(long id) {}
              record Even(long id) {}
              record Odd(long id) {}
              @Role interface Node {
                @Rule("Even(id) :- In(id), !Odd(id)") void even(); // here
                @Rule("Odd(id) :- Even(id)") void odd();
              }
            }
            """, "// here",
            "[DedalusUnstratifiable] rule 'even' negates 'Odd' inside a recursive cycle of deductive rules: Even -> Odd -> Even; break the cycle, or derive the negated or aggregated relation at the next tick with ':+'"),
        program("the diagnostic sits on the rule text's line", Diagnostic.Kind.ERROR, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Input record In(long id) {}
              record Seen(long id) {}
              @Role interface Node {
                @Rule(
                    "Seen(x) :- In(id)") // here
                void see();
              }
            }
            """, "// here",
            "[DedalusUnboundVariable] rule 'see', line 1, column 6: variable 'x' in the head is not bound by a positive atom or an assignment"),

        // ---- warnings ----------------------------------------------------------------------------
        program("derived but never used", Diagnostic.Kind.WARNING, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Input record In(long id) {}
              record Seen(long id) {} // here
              @Role interface Node { @Rule("Seen(id) :- In(id)") void see(); }
            }
            """, "// here",
            "[DedalusUnusedRelation] relation 'Seen' is derived but never used: no rule reads it and it is neither @Output nor @Durable"),
        program("read but never derived", Diagnostic.Kind.WARNING, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Input record In(long id) {}
              record Peers(Location who) {} // here
              @Output record Out(long id) {}
              @Role interface Node { @Rule("Out@c(id) :~ In(id), Peers(c)") void see(); }
            }
            """, "// here",
            "[DedalusNeverDerived] relation 'Peers' is read but no rule derives it, so it is always empty; is it missing @Input or @Config?"),
        program("rule in no role", Diagnostic.Kind.WARNING, """
            package test;
            import dev.dedalus.*;
            @Dedalus
            public interface Q {
              @Input record In(long id) {}
              @Persist record Seen(long id) {}
              @Rule("Seen(id) :- In(id)") void stray(); // here
              @Role interface Node { @Rule("Seen(id) :- In(id), Seen(id)") void see(); }
            }
            """, "// here",
            "[DedalusRuleOutsideRole] rule 'stray' is declared in 'Q', which is not a @Role; it belongs to no role and is ignored"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyThisDiagnostic(Case c) {
    Compilation compilation = Sources.compile(c.source());
    Optional<Diagnostic<? extends JavaFileObject>> match = compilation.diagnostics().stream()
        .filter(d -> d.getKind() == c.kind() && d.getMessage(Locale.ROOT).equals(c.message()))
        .findFirst();
    assertWithMessage("no %s with exactly this message; the compiler said:\n%s", c.kind(), Sources.describe(compilation))
        .that(match.isPresent()).isTrue();
    assertWithMessage("line of %s", c.message()).that(match.get().getLineNumber()).isEqualTo((long) c.line());
    if (c.kind() == Diagnostic.Kind.ERROR) {
      assertWithMessage("status").that(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    } else {
      assertWithMessage("a warning must not fail the build:\n%s", Sources.describe(compilation))
          .that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    }
    // Every diagnostic of ours carries an identifier; none is an internal failure.
    compilation.diagnostics().stream().filter(Sources::isDedalus)
        .forEach(d -> assertWithMessage("internal error").that(d.getMessage(Locale.ROOT)).doesNotContain("DedalusInternalError"));
  }
}
