package dev.dedalus.processor.model;

import java.util.List;
import java.util.stream.Collectors;

/** A typed term or expression of a checked rule. {@link #toString()} is its normalized text. */
public sealed interface Expr {

  Type type();

  /** Binding strength for printing without redundant parentheses; higher binds tighter. */
  default int precedence() {
    return 4;
  }

  /** A variable. */
  record Var(String name, Type type) implements Expr {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * {@code _} in an atom argument: matches anything. Its type is the attribute's type, so every
   * atom argument has one.
   */
  record Wildcard(Type type) implements Expr {
    @Override
    public String toString() {
      return "_";
    }
  }

  /**
   * A literal. {@code value} is an {@link Integer}, {@link Long}, {@link Double}, {@link String}
   * or {@link Boolean} matching {@code type}.
   */
  record Const(Object value, Type type) implements Expr {
    @Override
    public String toString() {
      if (value instanceof String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
      }
      return String.valueOf(value);
    }
  }

  /** {@code self}: the location of the node evaluating the rule. */
  record Self() implements Expr {
    @Override
    public Type type() {
      return Type.LOCATION;
    }

    @Override
    public String toString() {
      return "self";
    }
  }

  /** A call of a user function. */
  record Call(Function function, List<Expr> args) implements Expr {
    public Call {
      args = List.copyOf(args);
    }

    @Override
    public Type type() {
      return function.result();
    }

    @Override
    public String toString() {
      return function.name() + args.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
    }
  }

  /** Arithmetic or a comparison; a comparison's type is boolean. */
  record Binary(Operator op, Expr left, Expr right, Type type) implements Expr {
    @Override
    public int precedence() {
      return op.precedence();
    }

    @Override
    public String toString() {
      // Left-associative: the right operand needs parentheses at equal precedence.
      String l = left.precedence() < precedence() ? "(" + left + ")" : left.toString();
      String r = right.precedence() <= precedence() ? "(" + right + ")" : right.toString();
      return l + " " + op.symbol() + " " + r;
    }
  }

  /**
   * The location that a rewrite redirected {@code location} to: an instance of role {@code from}
   * maps to the instance of role {@code to} with the same index (modulo its instance count); any
   * other location maps to itself. This is the {@code forward} relation of the decoupling rewrites.
   */
  record Forward(String from, String to, Expr location) implements Expr {
    @Override
    public Type type() {
      return Type.LOCATION;
    }

    @Override
    public String toString() {
      return "forward(" + from + ", " + to + ", " + location + ")";
    }
  }

  /**
   * The partition of role {@code role} that a fact with key {@code key} goes to: a location of any
   * partition of an instance of {@code role} maps to the partition of that instance chosen by
   * hashing the key, modulo the deployment's partition count; any other location maps to itself.
   */
  record Partition(String role, Expr location, List<Expr> key) implements Expr {
    public Partition {
      key = List.copyOf(key);
    }

    @Override
    public Type type() {
      return Type.LOCATION;
    }

    @Override
    public String toString() {
      return "partition(" + role + ", " + location + ", "
          + key.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")")) + ")";
    }
  }

  /** Arithmetic negation. */
  record Negate(Expr operand, Type type) implements Expr {
    @Override
    public int precedence() {
      return 3;
    }

    @Override
    public String toString() {
      return operand.precedence() < 4 ? "-(" + operand + ")" : "-" + operand;
    }
  }

  /** Operators with their precedence (comparison 0, additive 1, multiplicative 2). */
  enum Operator {
    ADD("+", 1), SUB("-", 1), MUL("*", 2), DIV("/", 2), MOD("%", 2),
    EQ("==", 0), NE("!=", 0), LT("<", 0), LE("<=", 0), GT(">", 0), GE(">=", 0);

    private final String symbol;
    private final int precedence;

    Operator(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }

    public String symbol() {
      return symbol;
    }

    public int precedence() {
      return precedence;
    }

    public boolean isComparison() {
      return precedence == 0;
    }
  }
}
