package dev.dedalus.processor.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The traversals every analysis of expressions uses. {@link #children} and {@link #withChildren}
 * are the only code that knows each node's shape, and both go through {@link Expr.Visitor}, so a
 * new kind of node is a compile error here rather than a silent default in some analysis.
 */
public final class Exprs {
  private Exprs() {}

  /** The direct subexpressions of {@code e}, in order. */
  public static List<Expr> children(Expr e) {
    return e.accept(CHILDREN);
  }

  /** {@code e} with its direct subexpressions replaced by {@code children}, in {@link #children} order. */
  public static Expr withChildren(Expr e, List<Expr> children) {
    return e.accept(new Rebuild(children));
  }

  /** {@code e} and every subexpression, parents before children. */
  public static Stream<Expr> nodes(Expr e) {
    return Stream.concat(Stream.of(e), children(e).stream().flatMap(Exprs::nodes));
  }

  public static boolean anyMatch(Expr e, Predicate<Expr> test) {
    return nodes(e).anyMatch(test);
  }

  /**
   * {@code e} with every subexpression for which {@code replacement} gives a value replaced by it
   * (that value is not searched further); other nodes are rebuilt from their replaced children.
   */
  public static Expr replace(Expr e, Function<Expr, Optional<Expr>> replacement) {
    Optional<Expr> r = replacement.apply(e);
    if (r.isPresent()) {
      return r.get();
    }
    List<Expr> children = children(e);
    if (children.isEmpty()) {
      return e;
    }
    List<Expr> replaced = new ArrayList<>(children.size());
    for (Expr c : children) {
      replaced.add(replace(c, replacement));
    }
    return withChildren(e, replaced);
  }

  /** The variables an expression reads, in first-use order. */
  public static Set<String> variables(Expr e) {
    Set<String> out = new LinkedHashSet<>();
    nodes(e).forEach(n -> {
      if (n instanceof Expr.Var v) {
        out.add(v.name());
      }
    });
    return out;
  }

  /** Whether evaluating the expression may divide an integer by zero. */
  public static boolean mayThrowArithmetic(Expr e) {
    return anyMatch(e, n -> n instanceof Expr.Binary b
        && (b.op() == Expr.Operator.DIV || b.op() == Expr.Operator.MOD)
        && b.left().type() != Type.DOUBLE && b.right().type() != Type.DOUBLE);
  }

  /** Every expression a rule holds: head destination and arguments, atom arguments, filters, assignments. */
  public static List<Expr> of(Rule rule) {
    List<Expr> out = new ArrayList<>();
    rule.head().destination().ifPresent(out::add);
    for (HeadArg a : rule.head().args()) {
      if (a instanceof HeadArg.Plain p) {
        out.add(p.expr());
      } else if (a instanceof HeadArg.Aggregated g && g.argument() != null) {
        out.add(g.argument());
      }
    }
    for (Literal l : rule.body()) {
      out.addAll(of(l));
    }
    return out;
  }

  /** The expressions of one body literal. */
  public static List<Expr> of(Literal literal) {
    if (literal instanceof Literal.AtomLiteral a) {
      return a.args();
    }
    if (literal instanceof Literal.Filter f) {
      return List.of(f.condition());
    }
    Literal.Assignment a = (Literal.Assignment) literal; // Literal is sealed: atom, filter or assignment
    return List.of(a.variable(), a.value());
  }

  private static final Expr.Visitor<List<Expr>> CHILDREN = new Expr.Visitor<>() {
    @Override
    public List<Expr> var(Expr.Var e) {
      return List.of();
    }

    @Override
    public List<Expr> wildcard(Expr.Wildcard e) {
      return List.of();
    }

    @Override
    public List<Expr> constant(Expr.Const e) {
      return List.of();
    }

    @Override
    public List<Expr> self(Expr.Self e) {
      return List.of();
    }

    @Override
    public List<Expr> call(Expr.Call e) {
      return e.args();
    }

    @Override
    public List<Expr> binary(Expr.Binary e) {
      return List.of(e.left(), e.right());
    }

    @Override
    public List<Expr> negate(Expr.Negate e) {
      return List.of(e.operand());
    }

    @Override
    public List<Expr> forward(Expr.Forward e) {
      return List.of(e.location());
    }

    @Override
    public List<Expr> partition(Expr.Partition e) {
      List<Expr> all = new ArrayList<>();
      all.add(e.location());
      all.addAll(e.key());
      return all;
    }

    @Override
    public List<Expr> column(Expr.Column e) {
      return List.of();
    }
  };

  /** Rebuilds a node from new children given in {@link #children} order. */
  private record Rebuild(List<Expr> c) implements Expr.Visitor<Expr> {
    @Override
    public Expr var(Expr.Var e) {
      return e;
    }

    @Override
    public Expr wildcard(Expr.Wildcard e) {
      return e;
    }

    @Override
    public Expr constant(Expr.Const e) {
      return e;
    }

    @Override
    public Expr self(Expr.Self e) {
      return e;
    }

    @Override
    public Expr call(Expr.Call e) {
      return new Expr.Call(e.function(), c);
    }

    @Override
    public Expr binary(Expr.Binary e) {
      return new Expr.Binary(e.op(), c.get(0), c.get(1), e.type());
    }

    @Override
    public Expr negate(Expr.Negate e) {
      return new Expr.Negate(c.get(0), e.type());
    }

    @Override
    public Expr forward(Expr.Forward e) {
      return new Expr.Forward(e.from(), e.to(), c.get(0));
    }

    @Override
    public Expr partition(Expr.Partition e) {
      return new Expr.Partition(e.role(), c.get(0), c.subList(1, c.size()));
    }

    @Override
    public Expr column(Expr.Column e) {
      return e;
    }
  }
}
