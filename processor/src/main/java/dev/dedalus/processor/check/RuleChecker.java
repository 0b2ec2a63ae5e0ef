package dev.dedalus.processor.check;

import dev.dedalus.processor.diag.DiagnosticId;
import dev.dedalus.processor.diag.Reporter;
import dev.dedalus.processor.diag.Suggestions;
import dev.dedalus.processor.model.Aggregate;
import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.Function;
import dev.dedalus.processor.model.Head;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RelationKind;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.RuleKind;
import dev.dedalus.processor.model.Type;
import dev.dedalus.processor.read.ProgramDecl.RuleDecl;
import dev.dedalus.processor.syntax.Ast;
import dev.dedalus.processor.syntax.Ast.AssignAst;
import dev.dedalus.processor.syntax.Ast.AtomAst;
import dev.dedalus.processor.syntax.Ast.CallAst;
import dev.dedalus.processor.syntax.Ast.ConditionAst;
import dev.dedalus.processor.syntax.Ast.ExprAst;
import dev.dedalus.processor.syntax.Ast.LiteralAst;
import dev.dedalus.processor.syntax.Ast.RuleAst;
import dev.dedalus.processor.syntax.Ast.VarAst;
import dev.dedalus.processor.syntax.Pos;
import dev.dedalus.processor.syntax.RuleParser;
import dev.dedalus.processor.syntax.SyntaxError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses one rule and checks it against the program's declarations: names, arities, types and
 * range restriction. Produces the typed {@link Rule}, or reports every problem it finds and
 * produces nothing. Program-wide checks (stratification, inputs and outputs, locations) come
 * later, in {@link ProgramChecker}.
 */
final class RuleChecker {
  private static final Map<String, Aggregate> AGGREGATES = Map.of(
      "count", Aggregate.COUNT, "sum", Aggregate.SUM, "min", Aggregate.MIN,
      "max", Aggregate.MAX, "choose", Aggregate.CHOOSE, "index", Aggregate.INDEX);

  /** The origin of a variable whose binding was already reported as wrong: its uses stay silent. */
  private static final String ERRONEOUS = "an erroneous binding";

  private final Map<String, Relation> relations;
  private final Set<String> brokenRelations;
  private final Map<String, Function> functions;
  private final Map<String, String> unusableFunctions;
  private final Reporter reporter;

  RuleChecker(Map<String, Relation> relations, Set<String> brokenRelations, Map<String, Function> functions,
      Map<String, String> unusableFunctions, Reporter reporter) {
    this.relations = relations;
    this.brokenRelations = brokenRelations;
    this.functions = functions;
    this.unusableFunctions = unusableFunctions;
    this.reporter = reporter;
  }

  Optional<Rule> check(RuleDecl decl, String role) {
    return new Run(decl, role).check();
  }

  /** The state of checking one rule. */
  private final class Run {
    private final RuleDecl decl;
    private final String role;
    private final int errorsBefore = reporter.errorCount();
    private boolean usesBrokenRelation;
    /** Variable types, in binding order. */
    private final Map<String, Type> types = new LinkedHashMap<>();
    /** Where each variable got its type, for messages. */
    private final Map<String, String> origins = new LinkedHashMap<>();

    Run(RuleDecl decl, String role) {
      this.decl = decl;
      this.role = role;
    }

    Optional<Rule> check() {
      RuleAst ast;
      try {
        ast = RuleParser.parse(decl.text());
      } catch (SyntaxError e) {
        error(DiagnosticId.DedalusSyntax, e.pos(), "expected %s but found %s", e.expected(), e.found());
        return Optional.empty();
      }
      RuleKind kind = switch (ast.arrow()) {
        case DEDUCTIVE -> RuleKind.DEDUCTIVE;
        case INDUCTIVE -> RuleKind.INDUCTIVE;
        case ASYNC -> RuleKind.ASYNC;
      };
      Relation headRelation = resolveHead(ast, kind);

      // Classify the body, resolving atoms.
      List<AtomAst> positive = new ArrayList<>();
      List<LiteralAst> ordered = new ArrayList<>(); // resolved atoms, assignments and conditions
      List<Relation> atomRelations = new ArrayList<>();
      for (LiteralAst literal : ast.body()) {
        if (literal instanceof AtomAst atom) {
          Relation r = resolveBodyAtom(atom);
          boolean condition = r == null && !atom.negated()
              && (functions.containsKey(atom.relation()) || unusableFunctions.containsKey(atom.relation()));
          if (r == null && !atom.negated() && !condition) {
            // The atom is reported already; treat its variables as bound so they do not cascade. A
            // boolean function used as a condition is no mistake: its arguments must be bound elsewhere.
            atom.args().stream().filter(VarAst.class::isInstance).map(VarAst.class::cast)
                .filter(v -> !types.containsKey(v.name()))
                .forEach(v -> {
                  types.put(v.name(), Type.INT);
                  origins.put(v.name(), ERRONEOUS);
                });
          }
          if (r == null) {
            if (condition) {
              ordered.add(new ConditionAst(new CallAst(atom.relation(), atom.args(), atom.pos()), atom.pos()));
            }
            continue;
          }
          ordered.add(atom);
          atomRelations.add(r);
          if (!atom.negated()) {
            positive.add(atom);
          }
        } else if (literal instanceof AssignAst assign) {
          ordered.add(assign);
        } else {
          ordered.add(literal);
        }
      }
      if (usesBrokenRelation) {
        return Optional.empty();
      }

      bindPositiveAtoms(positive);
      List<Literal.Assignment> assignments = bindAssignments(ordered);

      // Type the head, then every body literal, in written order, so that a problem is reported
      // where it first appears in the text.
      Head head = headRelation == null ? null : typeHead(ast.head(), headRelation, kind);
      List<Literal> body = new ArrayList<>();
      int atomIndex = 0;
      for (LiteralAst o : ordered) {
        if (o instanceof AtomAst atom) {
          Relation r = atomRelations.get(atomIndex++);
          Literal.AtomLiteral typed = typeAtom(atom, r);
          if (typed != null) {
            body.add(typed);
          }
        } else if (o instanceof AssignAst assign) {
          assignments.stream().filter(a -> a.variable().name().equals(assign.variable()) && !body.contains(a))
              .findFirst().ifPresentOrElse(body::add, () -> {
                Literal equality = assignmentAsTest(assign);
                if (equality != null) {
                  body.add(equality);
                }
              });
        } else {
          ConditionAst condition = (ConditionAst) o;
          Expr typed = expr(condition.condition(), null, "a condition", null);
          if (typed != null) {
            if (typed.type() != Type.BOOLEAN) {
              error(DiagnosticId.DedalusTypeMismatch, condition.pos(),
                  "a condition must be a comparison or a call of a boolean function, but '%s' has type %s", typed, typed.type());
            } else {
              body.add(new Literal.Filter(typed));
            }
          }
        }
      }

      if (reporter.errorCount() > errorsBefore || head == null) {
        return Optional.empty();
      }
      return Optional.of(new Rule(decl.name(), role, kind, head, body, decl.site()));
    }

    // ---- names and kinds ---------------------------------------------------------------------

    private Relation resolveHead(RuleAst ast, RuleKind kind) {
      Ast.HeadAst h = ast.head();
      Relation r = relations.get(h.relation());
      if (r == null) {
        if (brokenRelations.contains(h.relation())) {
          usesBrokenRelation = true;
        } else {
          error(DiagnosticId.DedalusUnknownRelation, h.pos(), "unknown relation '%s' in the head%s",
              h.relation(), Suggestions.didYouMean(h.relation(), relations.keySet()));
        }
        return null;
      }
      boolean ok = true;
      if (r.is(RelationKind.INPUT)) {
        error(DiagnosticId.DedalusInputDerived, h.pos(),
            "'%s' is an @Input relation: clients send its facts, so no rule may derive it", r.name());
        ok = false;
      } else if (r.is(RelationKind.CONFIG) || r.is(RelationKind.TIMER)) {
        error(DiagnosticId.DedalusConfigDerived, h.pos(),
            "'%s' is a %s relation: %s, so no rule may derive it", r.name(),
            r.is(RelationKind.CONFIG) ? "@Config" : "@Timer",
            r.is(RelationKind.CONFIG) ? "its facts come from the deployment" : "the runtime fires its facts");
        ok = false;
      } else if (r.is(RelationKind.OUTPUT) && kind != RuleKind.ASYNC) {
        error(DiagnosticId.DedalusOutputNotAsync, ast.arrowPos(),
            "'%s' is an @Output relation: it may only be the head of a ':~' rule sending to a client, not of a '%s' rule",
            r.name(), kind.symbol());
        ok = false;
      }
      if (kind == RuleKind.ASYNC && h.dest() == null) {
        error(DiagnosticId.DedalusAsyncWithoutDestination, h.pos(),
            "a ':~' rule sends its head to another node: write the destination as '%s@dest(..)', with dest a Location variable",
            r.name());
        ok = false;
      } else if (kind != RuleKind.ASYNC && h.dest() != null) {
        error(DiagnosticId.DedalusLocalHeadWithDestination, h.destPos(),
            "a '%s' rule derives its head at the same node, so the head cannot have a destination '@%s'; use ':~' to send it",
            kind.symbol(), h.dest());
        ok = false;
      }
      if (h.args().size() != r.arity()) {
        error(DiagnosticId.DedalusArity, h.pos(), "'%s' has %d attribute%s (%s) but the head gives %d",
            r.name(), r.arity(), r.arity() == 1 ? "" : "s", attributeList(r), h.args().size());
        ok = false;
      }
      return ok ? r : null;
    }

    private Relation resolveBodyAtom(AtomAst atom) {
      Relation r = relations.get(atom.relation());
      if (r == null) {
        if (brokenRelations.contains(atom.relation())) {
          usesBrokenRelation = true;
        } else if (AGGREGATES.containsKey(atom.relation()) && !atom.negated()) {
          error(DiagnosticId.DedalusMisplacedAggregate, atom.pos(),
              "aggregate '%s' may only be a head argument, not a body literal", atom.relation());
        } else if (functions.containsKey(atom.relation()) || unusableFunctions.containsKey(atom.relation())) {
          if (atom.negated()) {
            error(DiagnosticId.DedalusUnknownRelation, atom.pos(),
                "'!' negates relations, but '%s' is a function; compare its result instead, e.g. '%s(..) == false'",
                atom.relation(), atom.relation());
          }
          return null; // a boolean function used as a condition; the caller handles it
        } else {
          error(DiagnosticId.DedalusUnknownRelation, atom.pos(), "unknown relation '%s'%s",
              atom.relation(), Suggestions.didYouMean(atom.relation(), relations.keySet()));
        }
        return null;
      }
      if (r.is(RelationKind.OUTPUT)) {
        error(DiagnosticId.DedalusOutputRead, atom.pos(),
            "'%s' is an @Output relation: its facts go to clients and no node can read them", r.name());
        return null;
      }
      if (atom.args().size() != r.arity()) {
        error(DiagnosticId.DedalusArity, atom.pos(), "'%s' has %d attribute%s (%s) but the atom gives %d",
            r.name(), r.arity(), r.arity() == 1 ? "" : "s", attributeList(r), atom.args().size());
        return null;
      }
      return r;
    }

    // ---- binding -------------------------------------------------------------------------------

    private void bindPositiveAtoms(List<AtomAst> positive) {
      for (AtomAst atom : positive) {
        Relation r = relations.get(atom.relation());
        for (int i = 0; i < atom.args().size(); i++) {
          if (atom.args().get(i) instanceof VarAst v && isVariableName(v)) {
            bind(v, r.attributes().get(i).type(), r.name() + "." + r.attributes().get(i).name());
          }
        }
      }
    }

    private void bind(VarAst v, Type type, String origin) {
      Type previous = types.get(v.name());
      if (previous == null || ERRONEOUS.equals(origins.get(v.name()))) {
        types.put(v.name(), type);
        origins.put(v.name(), origin);
      } else if (previous != type) {
        error(DiagnosticId.DedalusTypeMismatch, v.pos(),
            "variable '%s' is used at two types: %s in %s and %s in %s", v.name(), previous, origins.get(v.name()), type, origin);
      }
    }

    /** Binds assignment targets in dependency order; returns the binding assignments. */
    private List<Literal.Assignment> bindAssignments(List<LiteralAst> ordered) {
      List<AssignAst> pending = new ArrayList<>();
      for (LiteralAst o : ordered) {
        if (o instanceof AssignAst a) {
          if (a.variable().equals("self")) {
            error(DiagnosticId.DedalusSelfAssignment, a.pos(), "'self' is the location of this node and cannot be assigned");
          } else if (!isVariableName(new VarAst(a.variable(), a.pos()))) {
            continue;
          } else {
            pending.add(a);
          }
        }
      }
      List<Literal.Assignment> bound = new ArrayList<>();
      boolean progress = true;
      while (progress && !pending.isEmpty()) {
        progress = false;
        for (var it = pending.iterator(); it.hasNext(); ) {
          AssignAst a = it.next();
          if (types.containsKey(a.variable())) {
            it.remove(); // already bound: the assignment is an equality test, typed later
            progress = true;
          } else if (freeVariables(a.value()).stream().allMatch(types::containsKey)) {
            it.remove();
            progress = true;
            Expr value = expr(a.value(), null, "an assignment", null);
            if (value != null) {
              types.put(a.variable(), value.type());
              origins.put(a.variable(), "'" + a.variable() + " = " + value + "'");
              bound.add(new Literal.Assignment(new Expr.Var(a.variable(), value.type()), value));
            } else {
              // Keep the name bound so that one bad expression reports once, not at every use.
              types.put(a.variable(), Type.INT);
              origins.put(a.variable(), ERRONEOUS);
            }
          }
        }
      }
      for (AssignAst a : pending) {
        expr(a.value(), null, "an assignment", null); // reports the unbound variables
        if (types.putIfAbsent(a.variable(), Type.INT) == null) {
          origins.put(a.variable(), ERRONEOUS);
        }
      }
      return bound;
    }

    private Literal assignmentAsTest(AssignAst a) {
      if (a.variable().equals("self") || !isVariableName(new VarAst(a.variable(), a.pos()))) {
        return null;
      }
      Type varType = types.get(a.variable());
      Expr value = expr(a.value(), null, "an assignment", null);
      if (value == null || varType == null) {
        return null;
      }
      if (!comparable(varType, value.type())) {
        error(DiagnosticId.DedalusTypeMismatch, a.pos(), "variable '%s' has type %s but is assigned '%s' of type %s",
            a.variable(), varType, value, value.type());
        return null;
      }
      return new Literal.Filter(new Expr.Binary(Expr.Operator.EQ, new Expr.Var(a.variable(), varType), value, Type.BOOLEAN));
    }

    // ---- typing --------------------------------------------------------------------------------

    private Literal.AtomLiteral typeAtom(AtomAst atom, Relation r) {
      List<Expr> args = new ArrayList<>();
      boolean ok = true;
      String context = atom.negated() ? "a negated atom" : "an atom's expression";
      for (int i = 0; i < atom.args().size(); i++) {
        ExprAst arg = atom.args().get(i);
        Type column = r.attributes().get(i).type();
        String slot = "attribute '" + r.attributes().get(i).name() + "' of " + r.name();
        Expr typed;
        if (arg instanceof Ast.WildcardAst) {
          typed = new Expr.Wildcard(column);
        } else if (arg instanceof VarAst v && !atom.negated()) {
          // Bound by this very atom (see bindPositiveAtoms); its type is the column's.
          typed = isVariableName(v) ? new Expr.Var(v.name(), types.get(v.name())) : null;
        } else if (arg instanceof VarAst v) {
          typed = expr(arg, null, context, null);
          if (typed != null && typed.type() != column) {
            error(DiagnosticId.DedalusTypeMismatch, v.pos(), "variable '%s' has type %s but %s has type %s",
                v.name(), typed.type(), slot, column);
            typed = null;
          }
        } else {
          typed = expr(arg, column, context, slot);
        }
        ok &= typed != null;
        if (typed != null) {
          args.add(typed);
        }
      }
      return ok ? new Literal.AtomLiteral(r, args, atom.negated()) : null;
    }

    private Head typeHead(Ast.HeadAst h, Relation r, RuleKind kind) {
      Optional<Expr> destination = Optional.empty();
      if (kind == RuleKind.ASYNC) {
        Expr dest;
        if (h.dest().equals("self")) {
          dest = new Expr.Self();
        } else {
          dest = expr(new VarAst(h.dest(), h.destPos()), null, "the destination", null);
        }
        if (dest == null) {
          return null;
        }
        if (dest.type() != Type.LOCATION) {
          error(DiagnosticId.DedalusDestinationNotLocation, h.destPos(),
              "the destination '@%s' must have type Location, but '%s' has type %s (from %s)",
              h.dest(), h.dest(), dest.type(), origins.get(h.dest()));
          return null;
        }
        destination = Optional.of(dest);
      }
      List<HeadArg> args = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < h.args().size(); i++) {
        ExprAst arg = h.args().get(i);
        Type column = r.attributes().get(i).type();
        String slot = "attribute '" + r.attributes().get(i).name() + "' of " + r.name();
        HeadArg typed = headArg(arg, column, slot);
        ok &= typed != null;
        if (typed != null) {
          args.add(typed);
        }
      }
      return ok ? new Head(r, destination, args) : null;
    }

    private HeadArg headArg(ExprAst arg, Type column, String slot) {
      if (arg instanceof Ast.WildcardAst w) {
        error(DiagnosticId.DedalusWildcardInHead, w.pos(), "'_' is not allowed in a head: every head attribute needs a value");
        return null;
      }
      if (arg instanceof CallAst call && AGGREGATES.containsKey(call.name())) {
        Aggregate aggregate = AGGREGATES.get(call.name());
        int expectedArgs = aggregate.takesArgument() ? 1 : 0;
        if (call.args().size() != expectedArgs) {
          error(DiagnosticId.DedalusBadAggregate, call.pos(), "aggregate '%s' takes %s but is given %d",
              call.name(), expectedArgs == 1 ? "one argument" : "no argument", call.args().size());
          return null;
        }
        switch (aggregate) {
          case COUNT, INDEX -> {
            if (column != Type.INT && column != Type.LONG) {
              error(DiagnosticId.DedalusTypeMismatch, call.pos(), "'%s(..)' produces an integer but %s has type %s",
                  call.name(), slot, column);
              return null;
            }
            Expr argument = aggregate == Aggregate.INDEX ? null : expr(call.args().get(0), null, "the head", null);
            return aggregate == Aggregate.INDEX || argument != null ? new HeadArg.Aggregated(aggregate, argument, column) : null;
          }
          case SUM -> {
            Expr argument = expr(call.args().get(0), column, "the head", slot);
            if (argument != null && !argument.type().isNumeric()) {
              error(DiagnosticId.DedalusTypeMismatch, call.pos(), "'sum' needs a number but '%s' has type %s", argument, argument.type());
              return null;
            }
            return argument == null ? null : new HeadArg.Aggregated(aggregate, argument, column);
          }
          case MIN, MAX -> {
            Expr argument = expr(call.args().get(0), column, "the head", slot);
            if (argument != null && !argument.type().isOrdered()) {
              error(DiagnosticId.DedalusTypeMismatch, call.pos(), "'%s' needs an ordered type but '%s' has type %s",
                  call.name(), argument, argument.type());
              return null;
            }
            return argument == null ? null : new HeadArg.Aggregated(aggregate, argument, column);
          }
          default -> {
            Expr argument = expr(call.args().get(0), column, "the head", slot);
            return argument == null ? null : new HeadArg.Aggregated(aggregate, argument, column);
          }
        }
      }
      Expr e = expr(arg, column, "the head", slot);
      return e == null ? null : new HeadArg.Plain(e);
    }

    /**
     * Types an expression. {@code expected} (nullable) is the type of the slot it fills and
     * {@code slot} describes that slot; {@code context} names where the expression is, for
     * range-restriction messages. Returns null after reporting an error.
     */
    private Expr expr(ExprAst e, Type expected, String context, String slot) {
      Expr typed;
      if (e instanceof VarAst v) {
        typed = variable(v, context);
      } else if (e instanceof Ast.WildcardAst w) {
        error(DiagnosticId.DedalusMisplacedWildcard, w.pos(),
            "'_' may only stand for a whole atom argument, not inside %s",
            context.equals("an atom's expression") ? "an expression" : context);
        typed = null;
      } else if (e instanceof Ast.IntAst i) {
        typed = integer(i, expected, slot);
      } else if (e instanceof Ast.DoubleAst d) {
        double value = Double.parseDouble(d.text());
        if (Double.isInfinite(value)) {
          error(DiagnosticId.DedalusTypeMismatch, d.pos(), "the number %s is too large for a double", d.text());
          typed = null;
        } else {
          typed = new Expr.Const(value, Type.DOUBLE);
        }
      } else if (e instanceof Ast.StringAst s) {
        typed = new Expr.Const(s.value(), Type.STRING);
      } else if (e instanceof Ast.BoolAst b) {
        typed = new Expr.Const(b.value(), Type.BOOLEAN);
      } else if (e instanceof Ast.SelfAst) {
        typed = new Expr.Self();
      } else if (e instanceof CallAst c) {
        typed = call(c, context);
      } else if (e instanceof Ast.BinaryAst b) {
        typed = binary(b, context);
      } else {
        typed = negate((Ast.NegateAst) e, context);
      }
      if (typed != null && expected != null && !expected.acceptsValueOf(typed.type())) {
        error(DiagnosticId.DedalusTypeMismatch, e.pos(), "%s has type %s but %s has type %s",
            describe(e, typed), typed.type(), slot, expected);
        return null;
      }
      return typed;
    }

    private Expr negate(Ast.NegateAst n, String context) {
      Expr operand = expr(n.operand(), null, context, null);
      if (operand == null) {
        return null;
      }
      if (!operand.type().isNumeric()) {
        error(DiagnosticId.DedalusTypeMismatch, n.pos(), "'-' needs a number but '%s' has type %s", operand, operand.type());
        return null;
      }
      return new Expr.Negate(operand, operand.type());
    }

    private Expr variable(VarAst v, String context) {
      if (!isVariableName(v)) {
        return null;
      }
      Type t = types.get(v.name());
      if (t == null) {
        error(DiagnosticId.DedalusUnboundVariable, v.pos(),
            "variable '%s' in %s is not bound by a positive atom or an assignment%s",
            v.name(), context, Suggestions.didYouMean(v.name(), types.keySet()));
        types.put(v.name(), Type.INT); // report each unbound variable once
        origins.put(v.name(), ERRONEOUS);
        return null;
      }
      if (origins.get(v.name()).equals(ERRONEOUS)) {
        return null;
      }
      return new Expr.Var(v.name(), t);
    }

    private Expr integer(Ast.IntAst i, Type expected, String slot) {
      long value;
      try {
        value = Long.parseLong(i.text());
      } catch (NumberFormatException ex) {
        error(DiagnosticId.DedalusTypeMismatch, i.pos(), "the integer %s is too large for a long", i.text());
        return null;
      }
      if (expected == Type.LONG) {
        return new Expr.Const(value, Type.LONG);
      }
      if (expected == Type.DOUBLE) {
        return new Expr.Const((double) value, Type.DOUBLE);
      }
      boolean fitsInt = value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
      if (expected == Type.INT && !fitsInt) {
        error(DiagnosticId.DedalusTypeMismatch, i.pos(), "the integer %s is too large for %s, which has type int", i.text(), slot);
        return null;
      }
      return fitsInt ? new Expr.Const((int) value, Type.INT) : new Expr.Const(value, Type.LONG);
    }

    private Expr call(CallAst c, String context) {
      if (AGGREGATES.containsKey(c.name()) && !functions.containsKey(c.name())) {
        error(DiagnosticId.DedalusMisplacedAggregate, c.pos(),
            "aggregate '%s' may only be a whole head argument, not part of %s", c.name(),
            context.equals("the head") ? "an expression" : context);
        return null;
      }
      if (relations.containsKey(c.name())) {
        error(DiagnosticId.DedalusUnknownFunction, c.pos(),
            "'%s' is a relation, not a function; atoms may only be body literals", c.name());
        return null;
      }
      Function f = functions.get(c.name());
      if (f == null) {
        if (unusableFunctions.containsKey(c.name())) {
          error(DiagnosticId.DedalusBadFunction, c.pos(), "function '%s' cannot be called from rules: %s",
              c.name(), unusableFunctions.get(c.name()));
        } else {
          error(DiagnosticId.DedalusUnknownFunction, c.pos(),
              "unknown function '%s'; functions are static methods of the program%s",
              c.name(), Suggestions.didYouMean(c.name(), functions.keySet()));
        }
        return null;
      }
      if (f.parameters().size() != c.args().size()) {
        error(DiagnosticId.DedalusFunctionArity, c.pos(), "function '%s' takes %d argument%s (%s) but is given %d",
            f.name(), f.parameters().size(), f.parameters().size() == 1 ? "" : "s",
            String.join(", ", f.parameters().stream().map(Type::toString).toList()), c.args().size());
        return null;
      }
      List<Expr> args = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < c.args().size(); i++) {
        Expr a = expr(c.args().get(i), f.parameters().get(i), "an argument of '" + f.name() + "'",
            "parameter " + (i + 1) + " of '" + f.name() + "'");
        ok &= a != null;
        args.add(a);
      }
      return ok ? new Expr.Call(f, args) : null;
    }

    private Expr binary(Ast.BinaryAst b, String context) {
      Expr left = expr(b.left(), null, context, null);
      Expr right = expr(b.right(), null, context, null);
      if (left == null || right == null) {
        return null;
      }
      Expr.Operator op = Expr.Operator.valueOf(b.op().name()); // the two enums match one to one
      if (!b.op().isComparison()) {
        if (!left.type().isNumeric() || !right.type().isNumeric()) {
          Expr bad = left.type().isNumeric() ? right : left;
          error(DiagnosticId.DedalusTypeMismatch, b.pos(), "arithmetic '%s' needs numbers but '%s' has type %s",
              b.op().symbol(), bad, bad.type());
          return null;
        }
        Type t = Type.promote(left.type(), right.type());
        return new Expr.Binary(op, retype(left, t), retype(right, t), t);
      }
      if (b.op().isOrdering() && !(left.type().isNumeric() && right.type().isNumeric())
          && !(left.type() == right.type() && left.type().isOrdered())) {
        error(DiagnosticId.DedalusTypeMismatch, b.pos(), "'%s' cannot order %s and %s", b.op().symbol(), left.type(), right.type());
        return null;
      }
      if (!comparable(left.type(), right.type())) {
        error(DiagnosticId.DedalusTypeMismatch, b.pos(), "'%s' compares '%s' of type %s with '%s' of type %s",
            b.op().symbol(), left, left.type(), right, right.type());
        return null;
      }
      if (left.type().isNumeric()) {
        Type t = Type.promote(left.type(), right.type());
        return new Expr.Binary(op, retype(left, t), retype(right, t), Type.BOOLEAN);
      }
      return new Expr.Binary(op, left, right, Type.BOOLEAN);
    }

    /** Widens an integer literal to the operation's type, so generated code needs no casts of constants. */
    private Expr retype(Expr e, Type t) {
      if (e instanceof Expr.Const c && c.type() != t && c.value() instanceof Number n) {
        return switch (t) {
          case LONG -> new Expr.Const(n.longValue(), Type.LONG);
          case DOUBLE -> new Expr.Const(n.doubleValue(), Type.DOUBLE);
          default -> e;
        };
      }
      return e;
    }

    private boolean comparable(Type a, Type b) {
      return a == b || (a.isNumeric() && b.isNumeric());
    }

    private boolean isVariableName(VarAst v) {
      char first = v.name().charAt(0);
      if (Character.isUpperCase(first)) {
        String hint = relations.containsKey(v.name()) ? "; write '" + v.name() + "()' for a relation without attributes" : "";
        error(DiagnosticId.DedalusUppercaseVariable, v.pos(),
            "'%s' is not a variable: variables start with a lower-case letter%s", v.name(), hint);
        return false;
      }
      return true;
    }

    private String describe(ExprAst e, Expr typed) {
      if (e instanceof VarAst v) {
        return "variable '" + v.name() + "'";
      }
      if (e instanceof Ast.IntAst i) {
        return "the literal " + i.text();
      }
      if (e instanceof Ast.DoubleAst d) {
        return "the literal " + d.text();
      }
      if (e instanceof Ast.StringAst || e instanceof Ast.BoolAst) {
        return "the literal " + typed;
      }
      return "'" + typed + "'";
    }

    private Set<String> freeVariables(ExprAst e) {
      Set<String> out = new java.util.LinkedHashSet<>();
      collect(e, out);
      return out;
    }

    private void collect(ExprAst e, Set<String> out) {
      if (e instanceof VarAst v) {
        out.add(v.name());
      } else if (e instanceof CallAst c) {
        c.args().forEach(a -> collect(a, out));
      } else if (e instanceof Ast.BinaryAst b) {
        collect(b.left(), out);
        collect(b.right(), out);
      } else if (e instanceof Ast.NegateAst n) {
        collect(n.operand(), out);
      }
    }

    private void error(DiagnosticId id, Pos pos, String format, Object... args) {
      reporter.error(id, decl.site(), "rule '%s', line %d, column %d: %s",
          decl.name(), pos.line(), pos.column(), String.format(Locale.ROOT, format, args));
    }
  }

  private static String attributeList(Relation r) {
    return String.join(", ", r.attributes().stream().map(a -> a.name()).toList());
  }
}
