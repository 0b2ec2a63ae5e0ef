package dev.dedalus.processor.generate;

import com.palantir.javapoet.CodeBlock;
import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Type;

/** Java source for typed expressions, and for equality and hashing of attribute values. */
final class ExprCode {
  private final Program program;

  ExprCode(Program program) {
    this.program = program;
  }

  /** The Java name of a rule variable; prefixed so that no variable clashes with a Java keyword. */
  static String var(String name) {
    return "v_" + name;
  }

  CodeBlock of(Expr e) {
    return e.accept(new Expr.Visitor<CodeBlock>() {
      @Override
      public CodeBlock var(Expr.Var v) {
        return CodeBlock.of("$L", ExprCode.var(v.name()));
      }

      @Override
      public CodeBlock wildcard(Expr.Wildcard w) {
        throw new IllegalStateException("'_' has no value; the planner never evaluates it");
      }

      @Override
      public CodeBlock constant(Expr.Const c) {
        return ExprCode.constant(c);
      }

      @Override
      public CodeBlock self(Expr.Self s) {
        return CodeBlock.of("self");
      }

      @Override
      public CodeBlock call(Expr.Call call) {
        CodeBlock args = call.args().stream().map(ExprCode.this::of).collect(CodeBlock.joining(", "));
        return CodeBlock.of("$T.$N($L)", Names.programClass(program), call.function().name(), args);
      }

      @Override
      public CodeBlock binary(Expr.Binary b) {
        return ExprCode.this.binary(b);
      }

      @Override
      public CodeBlock negate(Expr.Negate n) {
        // A negative literal operand keeps its own parentheses: "--1" would be Java's decrement.
        CodeBlock operand = of(n.operand());
        return operand.toString().startsWith("-") ? CodeBlock.of("(-($L))", operand) : CodeBlock.of("(-$L)", operand);
      }

      @Override
      public CodeBlock forward(Expr.Forward f) {
        return CodeBlock.of("$L($L)", forwardMethod(f), of(f.location()));
      }

      @Override
      public CodeBlock partition(Expr.Partition p) {
        CodeBlock h = CodeBlock.of("$T.start()", Names.HASHING);
        for (Expr k : p.key()) {
          h = hashAdd(h, k.type(), of(k));
        }
        return CodeBlock.of("$L($L, $T.finish($L))", partitionMethod(p.role()), of(p.location()), Names.HASHING, h);
      }

      @Override
      public CodeBlock column(Expr.Column c) {
        throw new IllegalStateException("a partition key column " + c + " reached code generation");
      }
    });
  }

  /** The stage method that routes a fact to a partition of {@code role}. */
  static String partitionMethod(String role) {
    return "partition_" + role;
  }

  private CodeBlock binary(Expr.Binary b) {
    CodeBlock l = of(b.left());
    CodeBlock r = of(b.right());
    if (!b.op().isComparison()) {
      return CodeBlock.of("($L $L $L)", l, b.op().symbol(), r);
    }
    Type t = b.left().type();
    if (t.isNumeric() || t == Type.BOOLEAN) {
      return CodeBlock.of("($L $L $L)", l, b.op().symbol(), r);
    }
    return switch (b.op()) {
      case EQ -> equal(t, l, r);
      case NE -> CodeBlock.of("!$L", equal(t, l, r));
      default -> CodeBlock.of("($L.compareTo($L) $L 0)", l, r, b.op().symbol());
    };
  }

  /** The stage method that evaluates a {@code forward(from, to, ..)}. */
  static String forwardMethod(Expr.Forward f) {
    return "forward_" + f.from() + "_" + f.to();
  }

  static CodeBlock constant(Expr.Const c) {
    return switch (c.type()) {
      case INT -> CodeBlock.of("$L", c.value());
      case LONG -> CodeBlock.of("$LL", c.value());
      case DOUBLE -> CodeBlock.of("$L", Double.toString((Double) c.value()));
      case BOOLEAN -> CodeBlock.of("$L", c.value());
      case STRING -> CodeBlock.of("$S", c.value());
      default -> throw new IllegalArgumentException("no literal of type " + c.type());
    };
  }

  /** {@code a == b} for a value of type {@code t}, by value. */
  static CodeBlock equal(Type t, CodeBlock a, CodeBlock b) {
    return switch (t) {
      case STRING, LOCATION -> CodeBlock.of("$L.equals($L)", a, b);
      case BYTES -> CodeBlock.of("$T.equals($L, $L)", Names.ARRAYS, a, b);
      default -> CodeBlock.of("($L == $L)", a, b);
    };
  }

  /**
   * A numeric value of type {@code from} where a {@code to} is expected: as is when Java widens it
   * implicitly (int to long or double, long to double), cast when it narrows. A redundant cast would
   * be a warning in the user's build.
   */
  static CodeBlock convert(CodeBlock value, Type from, Type to) {
    boolean widens = from == to || !to.isNumeric() || !from.isNumeric()
        || (from == Type.INT && (to == Type.LONG || to == Type.DOUBLE)) || (from == Type.LONG && to == Type.DOUBLE);
    return widens ? value : CodeBlock.of("($T) $L", Names.java(to), value);
  }

  /**
   * Folds a value of the attribute's type into a running hash {@code h}. Primitive types call the
   * method named for the type, so both sides of a probe hash alike whatever overload the value's
   * own type would pick; callers pass values already of the attribute's type.
   */
  static CodeBlock hashAdd(CodeBlock h, Type t, CodeBlock value) {
    return switch (t) {
      case INT -> CodeBlock.of("$T.addInt($L, $L)", Names.HASHING, h, value);
      case LONG -> CodeBlock.of("$T.addLong($L, $L)", Names.HASHING, h, value);
      case DOUBLE -> CodeBlock.of("$T.addDouble($L, $L)", Names.HASHING, h, value);
      case BOOLEAN -> CodeBlock.of("$T.addBoolean($L, $L)", Names.HASHING, h, value);
      default -> CodeBlock.of("$T.add($L, $L)", Names.HASHING, h, value);
    };
  }
}
