package dev.dedalus.processor.model;

import java.util.List;
import java.util.stream.Collectors;

/** One element of a checked rule body. */
public sealed interface Literal {

  /**
   * {@code Rel(args)} or {@code !Rel(args)}. Arguments are variables, wildcards or, as filters,
   * expressions over variables bound elsewhere in the body.
   */
  record AtomLiteral(Relation relation, List<Expr> args, boolean negated) implements Literal {
    public AtomLiteral {
      args = List.copyOf(args);
    }

    @Override
    public String toString() {
      return (negated ? "!" : "") + relation.name() + args.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
    }
  }

  /** {@code x = expr}: binds the fresh variable {@code x}. */
  record Assignment(Expr.Var variable, Expr value) implements Literal {
    @Override
    public String toString() {
      return variable + " = " + value;
    }
  }

  /** A boolean filter: a comparison or a call of a boolean function. */
  record Filter(Expr condition) implements Literal {
    @Override
    public String toString() {
      return condition.toString();
    }
  }
}
