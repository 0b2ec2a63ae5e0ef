package dev.dedalus.processor.generate;

import static dev.dedalus.processor.generate.StageNames.countArguments;
import static dev.dedalus.processor.generate.StageNames.groupClass;
import static dev.dedalus.processor.generate.StageNames.next;
import static dev.dedalus.processor.generate.StageNames.rel;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.dedalus.processor.model.Aggregate;
import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.Exprs;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.RuleKind;
import dev.dedalus.processor.model.Type;
import dev.dedalus.processor.plan.RulePlan;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Prints an aggregating rule's groups: their fields, the fold of one body binding into its group,
 * and the head facts the groups give. Groups over one-tick facts are rebuilt every run; groups over
 * relations that only grow live on and fold in new facts; groups maintained over a store also fold
 * out the facts it erases ({@code count} and {@code sum} by decrements, {@code min}/{@code max}
 * through an {@code OrderedCounts}), and only the groups that changed change the head store.
 */
final class AggregateWriter {
  private final StageSource stage;
  private final RulePlan rule;
  private final Rule r;
  private final ExprCode code;

  AggregateWriter(StageSource stage, RulePlan rule) {
    this.stage = stage;
    this.rule = rule;
    this.r = rule.rule();
    this.code = stage.code();
  }

  private String name() {
    return r.name();
  }

  private String dirty() {
    return "dirty_" + name();
  }

  void fields(TypeSpec.Builder type) {
    ClassName group = ClassName.get("", groupClass(rule));
    type.addField(FieldSpec.builder(ParameterizedTypeName.get(Names.FACT_SET, group), "groups_" + name(),
        Modifier.PRIVATE, Modifier.FINAL).initializer("new $T<>($N.HASHER)", Names.FACT_SET, groupClass(rule)).build());
    type.addField(FieldSpec.builder(group, "probe_" + name(), Modifier.PRIVATE, Modifier.FINAL)
        .initializer("new $N()", groupClass(rule)).build());
    for (int i : countArguments(r)) {
      ClassName distinct = ClassName.get("", StageNames.distinctClass(rule, i));
      type.addField(FieldSpec.builder(ParameterizedTypeName.get(Names.FACT_SET, distinct), "distinct_" + name() + "_" + i,
          Modifier.PRIVATE, Modifier.FINAL).initializer("new $T<>($N.HASHER)", Names.FACT_SET, distinct.simpleName()).build());
      type.addField(FieldSpec.builder(distinct, "distinctProbe_" + name() + "_" + i, Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new $N()", distinct.simpleName()).build());
    }
    if (rule.maintained()) {
      type.addField(FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(java.util.ArrayList.class), group), dirty(),
              Modifier.PRIVATE, Modifier.FINAL)
          .addJavadoc("The groups of rule '$L' that changed since its head facts were last updated.\n", name())
          .initializer("new $T<>()", java.util.ArrayList.class).build());
    }
  }

  void types(TypeSpec.Builder type) {
    GroupWriter groups = new GroupWriter(stage, rule);
    type.addType(groups.groupClass());
    for (int i : countArguments(r)) {
      type.addType(groups.distinctClass(i));
    }
  }

  /** Whether a running group must know it holds a value yet: {@code min}, {@code max} and {@code choose} do. */
  static boolean readsSeen(RulePlan rule) {
    return !rule.maintained() && rule.rule().head().args().stream().anyMatch(a -> a instanceof HeadArg.Aggregated g
        && (g.aggregate() == Aggregate.MIN || g.aggregate() == Aggregate.MAX || g.aggregate() == Aggregate.CHOOSE));
  }

  /** Whether groups that live on send only when they changed: an incremental aggregate that sends. */
  static boolean sendsChangedOnly(RulePlan rule) {
    return !rule.maintained() && rule.incrementalAggregate() && rule.rule().kind() == RuleKind.ASYNC;
  }

  private static Expr exprOf(HeadArg a) {
    return a instanceof HeadArg.Plain p ? p.expr() : ((HeadArg.Aggregated) a).argument();
  }

  /** Folds one body binding into its group ({@code sign} 1), or out of it ({@code sign} -1, maintained only). */
  void fold(CodeBlock.Builder b, int sign) {
    String probe = "probe_" + name();
    boolean risky = r.head().args().stream().anyMatch(a -> exprOf(a) != null && Exprs.mayThrowArithmetic(exprOf(a)));
    if (risky) {
      b.beginControlFlow("try");
    }
    List<HeadArg> args = r.head().args();
    // Every aggregated value first: a binding whose value divides by zero gives no group at all.
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) instanceof HeadArg.Aggregated agg && agg.argument() != null) {
        b.addStatement("final $T x$L = $L", Names.java(agg.argument().type()), i, code.of(agg.argument()));
      }
    }
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) instanceof HeadArg.Plain p) {
        b.addStatement("$L.g$L = $L", probe, i, ExprCode.convert(code.of(p.expr()), p.expr().type(),
            r.head().relation().attributes().get(i).type()));
      }
    }
    if (r.head().destination().isPresent()) {
      b.addStatement("$L.dest = $L", probe, code.of(r.head().destination().get()));
    }
    b.addStatement("final int gp = groups_$L.positionOf($L)", name(), probe);
    if (sign < 0) {
      b.beginControlFlow("if (gp < 0)")
          .addStatement("throw new $T($S)", IllegalStateException.class, "rule " + name() + " folds out a fact it never folded in")
          .endControlFlow();
      b.addStatement("final $N g = groups_$L.get(gp)", groupClass(rule), name());
    } else {
      b.addStatement("final $N g = gp >= 0 ? groups_$L.get(gp) : $L.copy()", groupClass(rule), name(), probe);
      b.beginControlFlow("if (gp < 0)").addStatement("groups_$L.add(g)", name()).endControlFlow();
    }
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) instanceof HeadArg.Aggregated agg) {
        if (rule.maintained()) {
          foldMaintained(b, i, agg, sign);
        } else {
          foldRunning(b, i, agg);
        }
      }
    }
    if (rule.maintained()) {
      b.addStatement(sign > 0 ? "g.n++" : "g.n--");
      b.beginControlFlow("if (!g.dirty)").addStatement("g.dirty = true").addStatement("$L.add(g)", dirty()).endControlFlow();
    } else {
      if (readsSeen(rule)) {
        b.addStatement("g.seen = true");
      }
      if (sendsChangedOnly(rule)) {
        b.addStatement("g.changed = true");
      }
    }
    if (risky) {
      b.nextControlFlow("catch ($T e)", ArithmeticException.class).addStatement("continue").endControlFlow();
    }
  }

  /** Copies the group's key into the distinct-value probe of a {@code count}, with the counted value. */
  private void distinctProbe(CodeBlock.Builder b, int i, HeadArg.Aggregated agg) {
    String dp = "distinctProbe_" + name() + "_" + i;
    List<HeadArg> args = r.head().args();
    for (int j = 0; j < args.size(); j++) {
      if (args.get(j) instanceof HeadArg.Plain) {
        b.addStatement("$L.g$L = probe_$L.g$L", dp, j, name(), j);
      }
    }
    if (r.head().destination().isPresent()) {
      b.addStatement("$L.dest = probe_$L.dest", dp, name());
    }
    b.addStatement("$L.x = x$L", dp, i);
  }

  /** A fold into a group that only grows (or lives for one run). */
  private void foldRunning(CodeBlock.Builder b, int i, HeadArg.Aggregated agg) {
    switch (agg.aggregate()) {
      case COUNT -> {
        distinctProbe(b, i, agg);
        String dp = "distinctProbe_" + name() + "_" + i;
        b.beginControlFlow("if (distinct_$L_$L.positionOf($L) < 0)", name(), i, dp)
            .addStatement("distinct_$L_$L.add($L.copy())", name(), i, dp)
            .addStatement("g.a$L++", i).endControlFlow();
      }
      case SUM -> b.addStatement("g.a$L += x$L", i, i);
      case MIN, MAX -> {
        CodeBlock value = CodeBlock.of("x$L", i);
        String op = agg.aggregate() == Aggregate.MIN ? "<" : ">";
        CodeBlock better = agg.type().isNumeric()
            ? CodeBlock.of("$L $L g.a$L", value, op, i)
            : CodeBlock.of("$L.compareTo(g.a$L) $L 0", value, i, op);
        b.beginControlFlow("if (!g.seen || $L)", better).addStatement("g.a$L = $L", i, value).endControlFlow();
      }
      case CHOOSE -> b.beginControlFlow("if (!g.seen)").addStatement("g.a$L = x$L", i, i).endControlFlow();
      case INDEX -> { }
    }
  }

  /**
   * A fold into or out of a maintained group. {@code count} counts how many bindings give each
   * distinct value, so a value leaves the count when its last binding is erased.
   */
  private void foldMaintained(CodeBlock.Builder b, int i, HeadArg.Aggregated agg, int sign) {
    switch (agg.aggregate()) {
      case COUNT -> {
        distinctProbe(b, i, agg);
        String dp = "distinctProbe_" + name() + "_" + i;
        String distinct = "distinct_" + name() + "_" + i;
        String d = "d" + i;
        b.addStatement("final int $Lp = $L.positionOf($L)", d, distinct, dp);
        if (sign > 0) {
          b.addStatement("final $N $L = $Lp >= 0 ? $L.get($Lp) : $L.copy()", StageNames.distinctClass(rule, i), d, d, distinct, d, dp);
          b.beginControlFlow("if ($Lp < 0)", d).addStatement("$L.add($L)", distinct, d)
              .addStatement("g.a$L++", i).endControlFlow();
          b.addStatement("$L.m++", d);
        } else {
          b.addStatement("final $N $L = $L.get($Lp)", StageNames.distinctClass(rule, i), d, distinct, d);
          b.add("// decrement: the value leaves the count with its last binding\n");
          b.beginControlFlow("if (--$L.m == 0)", d).addStatement("$L.erase($Lp)", distinct, d)
              .addStatement("g.a$L--", i).endControlFlow();
        }
      }
      case SUM -> b.addStatement("g.a$L $L x$L", i, sign > 0 ? "+=" : "-=", i);
      case MIN, MAX -> b.addStatement("g.o$L.$L(x$L)", i, sign > 0 ? "add" : "remove", i);
      case CHOOSE, INDEX -> throw new IllegalStateException("rule " + name() + ": " + agg + " is not maintained");
    }
  }

  /**
   * After the body: the head facts of the groups. Groups over per-tick facts are then forgotten;
   * groups over relations that only grow live on, and a sending rule sends only the groups that
   * changed; maintained groups change the head store only where they changed.
   */
  void emitGroups(MethodSpec.Builder m) {
    if (rule.maintained()) {
      emitChangedGroups(m);
      return;
    }
    m.beginControlFlow("for (int gi = 0; gi < groups_$L.size(); gi++)", name());
    m.addStatement("final $N g = groups_$L.get(gi)", groupClass(rule), name());
    if (sendsChangedOnly(rule)) {
      m.addStatement("if (!g.changed) continue");
      m.addStatement("g.changed = false");
    }
    CodeBlock fact = headFact(false);
    CodeBlock.Builder b = CodeBlock.builder();
    switch (r.kind()) {
      case DEDUCTIVE -> b.addStatement("derived |= $L.add($L)", rel(r.head().relation()), fact);
      case INDUCTIVE -> b.addStatement("derived |= $L.add($L)", next(r.head().relation()), fact);
      case ASYNC -> new RuleWriter(stage, rule).send(b, CodeBlock.of("g.dest"), fact);
    }
    m.addCode(b.build());
    m.endControlFlow();
    if (!rule.incrementalAggregate()) {
      m.addStatement("groups_$L.clear()", name());
      for (int i : countArguments(r)) {
        m.addStatement("distinct_$L_$L.clear()", name(), i);
      }
    }
  }

  private CodeBlock headFact(boolean maintained) {
    List<CodeBlock> values = new ArrayList<>();
    List<HeadArg> args = r.head().args();
    for (int i = 0; i < args.size(); i++) {
      Type column = r.head().relation().attributes().get(i).type();
      if (args.get(i) instanceof HeadArg.Aggregated agg) {
        if (agg.aggregate() == Aggregate.INDEX) {
          values.add(ExprCode.convert(CodeBlock.of("gi"), Type.INT, column));
        } else if (agg.aggregate() == Aggregate.COUNT) {
          values.add(ExprCode.convert(CodeBlock.of("g.a$L", i), Type.LONG, column));
        } else if (maintained && (agg.aggregate() == Aggregate.MIN || agg.aggregate() == Aggregate.MAX)) {
          values.add(CodeBlock.of("g.o$L.$L()", i, agg.aggregate() == Aggregate.MIN ? "min" : "max"));
        } else {
          values.add(CodeBlock.of("g.a$L", i));
        }
      } else {
        values.add(CodeBlock.of("g.g$L", i));
      }
    }
    return CodeBlock.of("new $T($L)", Names.record(stage.program(), r.head().relation()),
        values.stream().collect(CodeBlock.joining(", ")));
  }

  /** The head store changes where a group changed: its old fact is erased and its new one added. */
  private void emitChangedGroups(MethodSpec.Builder m) {
    String head = rel(r.head().relation());
    CodeBlock same = CodeBlock.of("$T.$L.same", Names.facts(stage.program()), Names.constant(r.head().relation().name()));
    m.beginControlFlow("for (int i = 0; i < $L.size(); i++)", dirty());
    m.addStatement("final $N g = $L.get(i)", groupClass(rule), dirty());
    m.addStatement("g.dirty = false");
    m.beginControlFlow("if (g.n == 0)")
        .addComment("the group's last binding is gone: so is its head fact")
        .beginControlFlow("if (g.emitted != null)").addStatement("$L.erase(g.emitted)", head).endControlFlow()
        .addStatement("groups_$L.erase(g)", name())
        .addStatement("continue")
        .endControlFlow();
    m.addStatement("final $T fact = $L", Names.record(stage.program(), r.head().relation()), headFact(true));
    m.beginControlFlow("if (g.emitted == null || !$L(fact, g.emitted))", same)
        .beginControlFlow("if (g.emitted != null)").addStatement("$L.erase(g.emitted)", head).endControlFlow()
        .addStatement("derived |= $L.add(fact)", head)
        .addStatement("g.emitted = fact")
        .endControlFlow();
    m.endControlFlow();
    m.addStatement("$L.clear()", dirty());
    m.addComment("Erased groups and distinct values leave positions behind; compact them once they outnumber the rest.");
    compactIfSparse(m, "groups_" + name());
    for (int i : countArguments(r)) {
      compactIfSparse(m, "distinct_" + name() + "_" + i);
    }
  }

  private static void compactIfSparse(MethodSpec.Builder m, String set) {
    m.beginControlFlow("if ($L.shouldCompact())", set).addStatement("$L.compact(NO_MARKS)", set).endControlFlow();
  }

  /**
   * The method that folds one erased fact of the store out of the groups: the rule's body over that
   * fact alone (its filters and lets), then the fold with the opposite sign.
   */
  MethodSpec unfoldMethod() {
    RulePlan.Version version = rule.versions().get(0);
    var atom = StageNames.positives(r).get(0);
    MethodSpec.Builder m = MethodSpec.methodBuilder(StageNames.unfold(rule)).addModifiers(Modifier.PRIVATE)
        .addJavadoc("Folds an erased fact of $L out of the groups of rule '$L'.\n", atom.relation().name(), name())
        .addParameter(Names.record(stage.program(), atom.relation()), "f0");
    CodeBlock.Builder body = CodeBlock.builder();
    body.add("// 'continue' leaves the block: the fact gave no binding (a filter failed), as when it was folded in\n");
    body.beginControlFlow("do");
    new RuleWriter(stage, rule).steps(body, version.steps(), 0, 0, () -> fold(body, -1));
    body.endControlFlow("while (false)");
    return m.addCode(body.build()).build();
  }

  /** Whether the stage needs the shared empty watermark array that compacting internal sets passes. */
  static boolean needsNoMarks(List<RulePlan> rules) {
    return rules.stream().anyMatch(RulePlan::maintained);
  }

  static FieldSpec noMarks() {
    return FieldSpec.builder(TypeName.get(int[].class), "NO_MARKS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("No watermarks: a group set is only ever read whole.\n").initializer("new int[0]").build();
  }
}
