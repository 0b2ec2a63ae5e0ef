package dev.dedalus.processor.plan;

import dev.dedalus.processor.model.Expr;
import java.util.LinkedHashSet;
import java.util.Set;

/** Small queries over expressions. */
public final class Exprs {
  private Exprs() {}

  /** The variables an expression reads. */
  public static Set<String> variables(Expr e) {
    Set<String> out = new LinkedHashSet<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expr e, Set<String> out) {
    if (e instanceof Expr.Var v) {
      out.add(v.name());
    } else if (e instanceof Expr.Call c) {
      c.args().forEach(a -> collect(a, out));
    } else if (e instanceof Expr.Binary b) {
      collect(b.left(), out);
      collect(b.right(), out);
    } else if (e instanceof Expr.Negate n) {
      collect(n.operand(), out);
    } else if (e instanceof Expr.Forward f) {
      collect(f.location(), out);
    } else if (e instanceof Expr.Partition p) {
      collect(p.location(), out);
      p.key().forEach(k -> collect(k, out));
    }
  }

  /** Whether evaluating the expression may divide an integer by zero. */
  public static boolean mayThrowArithmetic(Expr e) {
    if (e instanceof Expr.Binary b) {
      boolean integerDivision = (b.op() == Expr.Operator.DIV || b.op() == Expr.Operator.MOD)
          && b.left().type() != dev.dedalus.processor.model.Type.DOUBLE
          && b.right().type() != dev.dedalus.processor.model.Type.DOUBLE;
      return integerDivision || mayThrowArithmetic(b.left()) || mayThrowArithmetic(b.right());
    }
    if (e instanceof Expr.Call c) {
      return c.args().stream().anyMatch(Exprs::mayThrowArithmetic);
    }
    if (e instanceof Expr.Negate n) {
      return mayThrowArithmetic(n.operand());
    }
    if (e instanceof Expr.Forward f) {
      return mayThrowArithmetic(f.location());
    }
    if (e instanceof Expr.Partition p) {
      return mayThrowArithmetic(p.location()) || p.key().stream().anyMatch(Exprs::mayThrowArithmetic);
    }
    return false;
  }
}
