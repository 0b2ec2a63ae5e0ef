package dev.dedalus.processor.syntax;

import java.util.List;

/**
 * The syntax tree of one rule, exactly as written: names are unresolved and nothing is typed. The
 * checker resolves it into the typed {@code model}.
 */
public final class Ast {
  private Ast() {}

  /** How a rule's head relates in time and space to its body. */
  public enum Arrow {
    /** {@code :-} same node, same tick. */
    DEDUCTIVE(":-"),
    /** {@code :+} same node, next tick. */
    INDUCTIVE(":+"),
    /** {@code :~} another node, some later tick. */
    ASYNC(":~");

    private final String symbol;

    Arrow(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** A whole rule: {@code head arrow body}. */
  public record RuleAst(HeadAst head, Arrow arrow, Pos arrowPos, List<LiteralAst> body) {
    public RuleAst {
      body = List.copyOf(body);
    }
  }

  /** The head: {@code Rel(args)} or {@code Rel@dest(args)}; {@code dest} is null when absent. */
  public record HeadAst(String relation, Pos pos, String dest, Pos destPos, List<ExprAst> args) {
    public HeadAst {
      args = List.copyOf(args);
    }
  }

  /** One comma-separated element of a body. */
  public sealed interface LiteralAst permits AtomAst, AssignAst, ConditionAst {
    Pos pos();
  }

  /** {@code Rel(args)} or {@code !Rel(args)}. */
  public record AtomAst(String relation, List<ExprAst> args, boolean negated, Pos pos) implements LiteralAst {
    public AtomAst {
      args = List.copyOf(args);
    }
  }

  /** {@code x = expr}. */
  public record AssignAst(String variable, ExprAst value, Pos pos) implements LiteralAst {}

  /** A boolean condition: a comparison, or a call of a boolean function. */
  public record ConditionAst(ExprAst condition, Pos pos) implements LiteralAst {}

  /** Terms and expressions. */
  public sealed interface ExprAst
      permits VarAst, WildcardAst, IntAst, DoubleAst, StringAst, BoolAst, SelfAst, CallAst, BinaryAst, NegateAst {
    Pos pos();
  }

  public record VarAst(String name, Pos pos) implements ExprAst {}

  public record WildcardAst(Pos pos) implements ExprAst {}

  /** An integer literal; its Java type (int or long) is chosen by where it is used. */
  public record IntAst(String text, Pos pos) implements ExprAst {}

  public record DoubleAst(String text, Pos pos) implements ExprAst {}

  /** A string literal; {@code value} is unescaped. */
  public record StringAst(String value, Pos pos) implements ExprAst {}

  public record BoolAst(boolean value, Pos pos) implements ExprAst {}

  public record SelfAst(Pos pos) implements ExprAst {}

  /** {@code f(args)}: a user function, or an aggregate when it is a head argument. */
  public record CallAst(String name, List<ExprAst> args, Pos pos) implements ExprAst {
    public CallAst {
      args = List.copyOf(args);
    }
  }

  public record BinaryAst(BinaryOp op, ExprAst left, ExprAst right, Pos pos) implements ExprAst {}

  public record NegateAst(ExprAst operand, Pos pos) implements ExprAst {}

  /** Arithmetic and comparison operators. */
  public enum BinaryOp {
    ADD("+", false), SUB("-", false), MUL("*", false), DIV("/", false), MOD("%", false),
    EQ("==", true), NE("!=", true), LT("<", true), LE("<=", true), GT(">", true), GE(">=", true);

    private final String symbol;
    private final boolean comparison;

    BinaryOp(String symbol, boolean comparison) {
      this.symbol = symbol;
      this.comparison = comparison;
    }

    public String symbol() {
      return symbol;
    }

    public boolean isComparison() {
      return comparison;
    }

    /** Whether the operator orders its operands, rather than testing (in)equality. */
    public boolean isOrdering() {
      return this == LT || this == LE || this == GT || this == GE;
    }
  }
}
