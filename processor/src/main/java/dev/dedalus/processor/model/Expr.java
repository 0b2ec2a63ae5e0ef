package dev.dedalus.processor.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A typed term or expression of a checked rule. {@link #toString()} is its normalized text; equality
 * is structural (every kind is a record), so analyses compare expressions with {@code equals},
 * never by their printed text.
 *
 * <p>Every analysis walks expressions through {@link Visitor}, directly or through the traversals of
 * {@link Exprs}: a new kind of node then fails to compile until every analysis handles it, instead
 * of falling to a silent default.
 */
public sealed interface Expr {

  Type type();

  /** Calls the visitor's method for this kind of node. */
  <R> R accept(Visitor<R> visitor);

  /** One method per kind of expression node. */
  interface Visitor<R> {
    R var(Var e);

    R wildcard(Wildcard e);

    R constant(Const e);

    R self(Self e);

    R call(Call e);

    R binary(Binary e);

    R negate(Negate e);

    R forward(Forward e);

    R partition(Partition e);

    R column(Column e);
  }

  /** Binding strength for printing without redundant parentheses; higher binds tighter. */
  default int precedence() {
    return 4;
  }

  /** A variable. */
  record Var(String name, Type type) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.var(this);
    }

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
    public <R> R accept(Visitor<R> visitor) {
      return visitor.wildcard(this);
    }

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
    public <R> R accept(Visitor<R> visitor) {
      return visitor.constant(this);
    }

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
    public <R> R accept(Visitor<R> visitor) {
      return visitor.self(this);
    }

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
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.call(this);
    }

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
    public <R> R accept(Visitor<R> visitor) {
      return visitor.binary(this);
    }

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
    public <R> R accept(Visitor<R> visitor) {
      return visitor.forward(this);
    }

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
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.partition(this);
    }

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
    public <R> R accept(Visitor<R> visitor) {
      return visitor.negate(this);
    }

    @Override
    public int precedence() {
      return 3;
    }

    @Override
    public String toString() {
      String o = operand.toString();
      return operand.precedence() < 4 || o.startsWith("-") ? "-(" + o + ")" : "-" + o;
    }
  }

  /**
   * Column {@code index} of a relation, in a partition key: keys are expressions over a relation's
   * columns, such as {@code (id)} or {@code (bucket(word))}, instantiated on each atom of the
   * relation. Never part of a rule, so never generated.
   */
  record Column(int index, Type type) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.column(this);
    }

    @Override
    public String toString() {
      return "$" + index;
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
