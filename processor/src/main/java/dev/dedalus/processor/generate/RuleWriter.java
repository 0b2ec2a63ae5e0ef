package dev.dedalus.processor.generate;

import static dev.dedalus.processor.generate.StageNames.next;
import static dev.dedalus.processor.generate.StageNames.positives;
import static dev.dedalus.processor.generate.StageNames.rel;
import static dev.dedalus.processor.generate.StageNames.sent;
import static dev.dedalus.processor.generate.StageNames.watermark;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.dedalus.processor.model.Attribute;
import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.Exprs;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.Type;
import dev.dedalus.processor.plan.IndexSpec;
import dev.dedalus.processor.plan.PlanNames;
import dev.dedalus.processor.plan.RulePlan;
import dev.dedalus.processor.plan.Step;
import dev.dedalus.processor.plan.Storage;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Prints the method of one rule: straight-line loops over its plan's steps (scans, index probes,
 * not-exists probes, filters, lets), ending in an insert, a send, or a fold into the rule's groups
 * ({@link AggregateWriter}). Loops over a {@link Storage#STORE} skip erased positions.
 */
final class RuleWriter {
  private final StageSource stage;
  private final RulePlan rule;
  private final Rule r;
  private final ExprCode code;

  RuleWriter(StageSource stage, RulePlan rule) {
    this.stage = stage;
    this.rule = rule;
    this.r = rule.rule();
    this.code = stage.code();
  }

  MethodSpec method() {
    MethodSpec.Builder m = MethodSpec.methodBuilder(rule.methodName()).addModifiers(Modifier.PRIVATE)
        .returns(TypeName.BOOLEAN).addParameter(Names.OUTBOUND, "out")
        .addJavadoc("$L$L\n", r.text().replace("$", "$$"), rule.maintained()
            ? "\n<p>Maintained: its groups live on, fold in the new facts of " + rule.maintainedOver().name()
                + " (its erased facts fold out at the end of a tick), and only changed groups change the head."
            : rule.accumulating()
            ? "\n<p>Accumulating: reads only facts new since its last run."
            : rule.incrementalAggregate() ? "\n<p>Incremental: its groups live on, and each run folds in only new facts." : "");
    m.addStatement("boolean derived = false");
    List<Literal.AtomLiteral> positives = positives(r);
    for (int i = 0; i < positives.size(); i++) {
      m.addStatement("final int hi$L = $L.size()", i, rel(positives.get(i).relation()));
    }
    AggregateWriter aggregates = rule.aggregating() ? new AggregateWriter(stage, rule) : null;
    for (RulePlan.Version version : rule.versions()) {
      if (rule.versions().size() > 1) {
        m.addComment("version $L: facts of '$L' new since the last run", version.deltaAtom(),
            positives.get(version.deltaAtom()).relation().name());
      }
      m.beginControlFlow("do");
      CodeBlock.Builder body = CodeBlock.builder();
      steps(body, version.steps(), 0, -1, () -> {
        if (aggregates != null) {
          aggregates.fold(body, 1);
        } else {
          emit(body, headArgs());
        }
      });
      m.addCode(body.build());
      m.endControlFlow("while (false)");
    }
    if (PlanNames.usesWatermarks(rule)) {
      for (int i = 0; i < positives.size(); i++) {
        m.addStatement("$L = hi$L", watermark(rule, i), i);
      }
    }
    if (aggregates != null) {
      aggregates.emitGroups(m);
    }
    m.addStatement("return derived");
    return m.build();
  }

  /**
   * Prints {@code steps} from {@code from}, then {@code terminal} inside every loop; a step that
   * fails continues the innermost loop. The join of atom {@code boundAtom} only binds its columns
   * from a fact already in {@code f<boundAtom>} (a fact being checked or folded out).
   */
  void steps(CodeBlock.Builder b, List<Step> steps, int from, int boundAtom, Runnable terminal) {
    if (from == steps.size()) {
      terminal.run();
      return;
    }
    Step step = steps.get(from);
    if (step instanceof Step.Join join) {
      if (join.atom() == boundAtom) {
        String f = "f" + join.atom();
        if (join.index() != null) {
          // The fact was not found by the probe: it must match the probe's key itself.
          List<CodeBlock> keyValues = join.keys().stream().anyMatch(Exprs::mayThrowArithmetic)
              ? keys(b, join.index(), join.keys(), "k" + join.atom() + "_")
              : inlineKeys(join.index(), join.keys());
          b.addStatement("if (!$L) continue", keyMatch(join.index(), f, keyValues));
        }
        bindColumns(b, join, f);
        steps(b, steps, from + 1, boundAtom, terminal);
      } else {
        join(b, join, () -> steps(b, steps, from + 1, boundAtom, terminal));
      }
    } else if (step instanceof Step.AntiJoin anti) {
      antiJoin(b, anti, from);
      steps(b, steps, from + 1, boundAtom, terminal);
    } else if (step instanceof Step.Filter f) {
      guarded(b, f.condition(), () -> b.addStatement("if (!$L) continue", code.of(f.condition())));
      steps(b, steps, from + 1, boundAtom, terminal);
    } else if (step instanceof Step.Assign a) {
      TypeName t = Names.java(a.variable().type());
      if (Exprs.mayThrowArithmetic(a.value())) {
        b.addStatement("$T $L", t, ExprCode.var(a.variable().name()));
        b.beginControlFlow("try").addStatement("$L = $L", ExprCode.var(a.variable().name()), code.of(a.value()))
            .nextControlFlow("catch ($T e)", ArithmeticException.class)
            .add("// an integer division by zero derives nothing\n").addStatement("continue").endControlFlow();
      } else {
        b.addStatement("final $T $L = $L", t, ExprCode.var(a.variable().name()), code.of(a.value()));
      }
      steps(b, steps, from + 1, boundAtom, terminal);
    }
  }

  /** Runs {@code write}, inside a try that skips the binding if {@code e} divides an integer by zero. */
  private void guarded(CodeBlock.Builder b, Expr e, Runnable write) {
    if (!Exprs.mayThrowArithmetic(e)) {
      write.run();
      return;
    }
    b.beginControlFlow("try");
    write.run();
    b.nextControlFlow("catch ($T e)", ArithmeticException.class)
        .add("// an integer division by zero derives nothing\n").addStatement("continue").endControlFlow();
  }

  private boolean isStore(Relation relation) {
    return stage.plan().use(relation.name()).storage() == Storage.STORE;
  }

  private void join(CodeBlock.Builder b, Step.Join join, Runnable inner) {
    Relation relation = join.literal().relation();
    ClassName record = Names.record(stage.program(), relation);
    int a = join.atom();
    String lo;
    String hi = "hi" + a;
    switch (join.range()) {
      case OLD -> {
        lo = "0";
        hi = watermark(rule, a);
      }
      case NEW -> lo = watermark(rule, a);
      default -> lo = "0";
    }
    String p = "p" + a;
    String f = "f" + a;
    String skipErased = isStore(relation) ? " || " + f + " == null" : "";
    if (join.index() == null) {
      b.beginControlFlow("for (int $L = $L; $L < $L; $L++)", p, lo, p, hi, p);
      if (join.binds().isEmpty() && join.checks().isEmpty() && a != rule.reusedAtom()) {
        // Nothing reads the fact: the loop only counts bindings.
        if (!skipErased.isEmpty()) {
          b.addStatement("if ($L.get($L) == null) continue", rel(relation), p);
        }
        inner.run();
        b.endControlFlow();
        return;
      }
      b.addStatement("final $T $L = $L.get($L)", record, f, rel(relation), p);
      if (!skipErased.isEmpty()) {
        b.addStatement("if ($L == null) continue", f);
      }
    } else {
      String h = "h" + a;
      List<CodeBlock> keyValues = keys(b, join.index(), join.keys(), "k" + a + "_");
      b.addStatement("final int $L = $L", h, keyHash(join.index(), keyValues));
      b.beginControlFlow("for (int $L = idx_$L.first($L); $L >= 0; $L = idx_$L.next($L))",
          p, join.index().name(), h, p, p, join.index().name(), p);
      if (lo.equals("0")) {
        b.addStatement("if (idx_$L.hashAt($L) != $L || $L >= $L) continue", join.index().name(), p, h, p, hi);
      } else {
        b.addStatement("if (idx_$L.hashAt($L) != $L || $L < $L || $L >= $L) continue", join.index().name(), p, h, p, lo, p, hi);
      }
      b.addStatement("final $T $L = $L.get($L)", record, f, rel(relation), p);
      b.addStatement("if ($L!$L) continue", skipErased.isEmpty() ? "" : f + " == null || ", keyMatch(join.index(), f, keyValues));
    }
    bindColumns(b, join, f);
    inner.run();
    b.endControlFlow();
  }

  /** Binds the join's new variables from the columns of {@code f}, and checks its repeated ones. */
  private void bindColumns(CodeBlock.Builder b, Step.Join join, String f) {
    Relation relation = join.literal().relation();
    for (Step.ColumnVar bind : join.binds()) {
      Attribute attr = relation.attributes().get(bind.column());
      b.addStatement("final $T $L = $L.$N()", Names.java(attr.type()), ExprCode.var(bind.variable().name()), f, attr.name());
    }
    for (Step.ColumnExpr check : join.checks()) {
      Attribute attr = relation.attributes().get(check.column());
      b.addStatement("if (!$L) continue", ExprCode.equal(attr.type(), CodeBlock.of("$L.$N()", f, attr.name()), code.of(check.value())));
    }
  }

  private void antiJoin(CodeBlock.Builder b, Step.AntiJoin anti, int stepIndex) {
    Relation relation = anti.literal().relation();
    if (anti.index() == null) {
      b.addStatement("if (!$L.isEmpty()) continue", rel(relation));
      return;
    }
    String suffix = "n" + stepIndex;
    List<CodeBlock> keyValues = keys(b, anti.index(), anti.keys(), "k" + suffix + "_");
    b.addStatement("final int h$L = $L", suffix, keyHash(anti.index(), keyValues));
    b.addStatement("boolean found$L = false", suffix);
    b.beginControlFlow("for (int q = idx_$L.first(h$L); q >= 0; q = idx_$L.next(q))",
        anti.index().name(), suffix, anti.index().name());
    b.addStatement("if (idx_$L.hashAt(q) != h$L) continue", anti.index().name(), suffix);
    b.addStatement("final $T g = $L.get(q)", Names.record(stage.program(), relation), rel(relation));
    b.beginControlFlow("if ($L$L)", isStore(relation) ? "g != null && " : "", keyMatch(anti.index(), "g", keyValues));
    b.addStatement("found$L = true", suffix).addStatement("break").endControlFlow();
    b.endControlFlow();
    b.addStatement("if (found$L) continue", suffix);
  }

  /** Evaluates probe keys into locals of the attributes' types; returns how to read them. */
  List<CodeBlock> keys(CodeBlock.Builder b, IndexSpec index, List<Expr> keys, String prefix) {
    List<CodeBlock> values = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Expr key = keys.get(i);
      Type column = index.relation().attributes().get(index.columns().get(i)).type();
      if (key instanceof Expr.Var v && v.type() == column) {
        values.add(code.of(key));
        continue;
      }
      String local = prefix + i;
      TypeName t = Names.java(column);
      if (Exprs.mayThrowArithmetic(key)) {
        b.addStatement("$T $L", t, local);
        b.beginControlFlow("try").addStatement("$L = $L", local, castTo(column, key))
            .nextControlFlow("catch ($T e)", ArithmeticException.class).addStatement("continue").endControlFlow();
      } else {
        b.addStatement("final $T $L = $L", t, local, castTo(column, key));
      }
      values.add(CodeBlock.of("$L", local));
    }
    return values;
  }

  /** Probe keys as expressions of the attributes' types, for keys that cannot throw. */
  private List<CodeBlock> inlineKeys(IndexSpec index, List<Expr> keys) {
    List<CodeBlock> values = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      values.add(castTo(index.relation().attributes().get(index.columns().get(i)).type(), keys.get(i)));
    }
    return values;
  }

  private CodeBlock castTo(Type column, Expr e) {
    return ExprCode.convert(code.of(e), e.type(), column);
  }

  static CodeBlock keyHash(IndexSpec index, List<CodeBlock> values) {
    CodeBlock h = CodeBlock.of("$T.start()", Names.HASHING);
    for (int i = 0; i < values.size(); i++) {
      h = ExprCode.hashAdd(h, index.relation().attributes().get(index.columns().get(i)).type(), values.get(i));
    }
    return CodeBlock.of("$T.finish($L)", Names.HASHING, h);
  }

  static CodeBlock keyMatch(IndexSpec index, String fact, List<CodeBlock> values) {
    List<CodeBlock> parts = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Attribute attr = index.relation().attributes().get(index.columns().get(i));
      parts.add(ExprCode.equal(attr.type(), CodeBlock.of("$L.$N()", fact, attr.name()), values.get(i)));
    }
    return parts.size() == 1 ? parts.get(0) : CodeBlock.of("($L)", parts.stream().collect(CodeBlock.joining(" && ")));
  }

  private List<CodeBlock> headArgs() {
    List<CodeBlock> args = new ArrayList<>();
    for (HeadArg arg : r.head().args()) {
      args.add(code.of(((HeadArg.Plain) arg).expr()));
    }
    return args;
  }

  /** Emits one head fact whose attribute values are {@code args}. */
  private void emit(CodeBlock.Builder b, List<CodeBlock> args) {
    ClassName record = Names.record(stage.program(), r.head().relation());
    CodeBlock fact = rule.reusedAtom() >= 0
        ? CodeBlock.of("f$L", rule.reusedAtom())
        : CodeBlock.of("new $T($L)", record, args.stream().collect(CodeBlock.joining(", ")));
    boolean risky = r.head().args().stream().anyMatch(a -> a instanceof HeadArg.Plain p && Exprs.mayThrowArithmetic(p.expr()))
        || r.head().destination().map(Exprs::mayThrowArithmetic).orElse(false);
    if (risky) {
      b.beginControlFlow("try");
    }
    switch (r.kind()) {
      case DEDUCTIVE -> b.addStatement("derived |= $L.add($L)", rel(r.head().relation()), fact);
      case INDUCTIVE -> b.addStatement("derived |= $L.add($L)", next(r.head().relation()), fact);
      case ASYNC -> send(b, code.of(r.head().destination().orElseThrow()), fact);
    }
    if (risky) {
      b.nextControlFlow("catch ($T e)", ArithmeticException.class).addStatement("continue").endControlFlow();
    }
  }

  /** Sends one head fact, once per tick where the rule may derive it twice. */
  void send(CodeBlock.Builder b, CodeBlock destination, CodeBlock fact) {
    ClassName record = Names.record(stage.program(), r.head().relation());
    CodeBlock relation = CodeBlock.of("$T.$L", Names.codecs(stage.program()), Names.constant(r.head().relation().name()));
    if (rule.distinctSends()) {
      b.add("{\n$>");
      b.addStatement("final $T to = $L", Names.LOCATION, destination);
      b.addStatement("final $T sent = $L", record, fact);
      b.beginControlFlow("if ($L.add(to, sent))", sent(r.head().relation()))
          .addStatement("out.send(to, $L, sent)", relation)
          .endControlFlow();
      b.add("$<}\n");
    } else {
      b.addStatement("out.send($L, $L, $L)", destination, relation, fact);
    }
    b.addStatement("derived = true");
  }
}
