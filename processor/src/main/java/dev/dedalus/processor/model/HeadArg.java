package dev.dedalus.processor.model;

/** One argument of a rule head: an expression, or an aggregate over the rule's body. */
public sealed interface HeadArg {

  /** The type of the value produced for the head's attribute. */
  Type type();

  /** A plain expression; with the other plain arguments it forms the group-by of an aggregating head. */
  record Plain(Expr expr) implements HeadArg {
    @Override
    public Type type() {
      return expr.type();
    }

    @Override
    public String toString() {
      return expr.toString();
    }
  }

  /**
   * An aggregate. {@code argument} is null for {@code index()}. {@code type} is the attribute's
   * type ({@code count} and {@code index} fill int or long attributes).
   */
  record Aggregated(Aggregate aggregate, Expr argument, Type type) implements HeadArg {
    @Override
    public String toString() {
      return aggregate.symbol() + "(" + (argument == null ? "" : argument.toString()) + ")";
    }
  }
}
