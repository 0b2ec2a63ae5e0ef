package dev.dedalus.processor.plan;

import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.Literal;
import java.util.List;

/** One step of a rule version's evaluation, in the order the generated loops run them. */
public sealed interface Step {

  /** Which facts of a relation a positive atom ranges over in a semi-naive version. */
  enum Range {
    /** Every fact present when the rule started this round. */
    ALL,
    /** Facts the rule had already seen in earlier rounds (or ticks). */
    OLD,
    /** Facts new since the rule's previous round. */
    NEW
  }

  /**
   * Iterates a positive atom: a scan when {@code index} is null, else a probe of the index with
   * {@code keys} (one expression per index column). {@code binds} are the columns that bind a new
   * variable; {@code checks} compare further columns with values bound before.
   */
  record Join(int atom, Literal.AtomLiteral literal, Range range, IndexSpec index, List<Expr> keys,
      List<ColumnVar> binds, List<ColumnExpr> checks) implements Step {
    public Join {
      keys = List.copyOf(keys);
      binds = List.copyOf(binds);
      checks = List.copyOf(checks);
    }
  }

  /** Skips the binding if a matching fact exists; {@code index} is null when every argument is {@code _}. */
  record AntiJoin(int atom, Literal.AtomLiteral literal, IndexSpec index, List<Expr> keys) implements Step {
    public AntiJoin {
      keys = List.copyOf(keys);
    }
  }

  /** Keeps the binding only if the boolean condition holds. */
  record Filter(Expr condition) implements Step {}

  /** Binds a new variable to an expression. */
  record Assign(Expr.Var variable, Expr value) implements Step {}

  /** A column whose value binds a variable. */
  record ColumnVar(int column, Expr.Var variable) {}

  /** A column that must equal a value bound earlier. */
  record ColumnExpr(int column, Expr value) {}
}
