package dev.dedalus.processor.generate;

import static dev.dedalus.processor.generate.StageNames.carried;
import static dev.dedalus.processor.generate.StageNames.drops;
import static dev.dedalus.processor.generate.StageNames.rel;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.dedalus.processor.model.Attribute;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.plan.KeptCarry;
import dev.dedalus.processor.plan.RulePlan;
import dev.dedalus.processor.plan.Step;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Prints a kept carry's drop finding: which facts of the relation its persist-until rule does not
 * carry into the next tick. New facts are checked against the rule's whole body; carried-in facts
 * only against the facts of each negated relation that could not have dropped them before (see
 * {@link KeptCarry}). The positions found are erased at the end of the tick.
 */
final class CarryWriter {
  private final StageSource stage;
  private final KeptCarry carry;
  private final Relation x;

  CarryWriter(StageSource stage, KeptCarry carry) {
    this.stage = stage;
    this.carry = carry;
    this.x = carry.relation();
  }

  static String watermark(KeptCarry carry, KeptCarry.DropProbe probe) {
    return "wm_" + carry.rule().name() + "_n" + probe.atom();
  }

  void fields(TypeSpec.Builder type) {
    type.addField(FieldSpec.builder(TypeName.INT, carried(x), Modifier.PRIVATE)
        .addJavadoc("Facts of $L before this position were carried in from the last tick; later ones are new.\n", x.name()).build());
    type.addField(FieldSpec.builder(Names.POSITIONS, drops(x), Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("The facts of $L that rule '$L' does not carry: erased at the end of the tick.\n", x.name(), carry.rule().name())
        .initializer("new $T()", Names.POSITIONS).build());
    for (KeptCarry.DropProbe probe : carry.probes()) {
      if (probe.reach() == KeptCarry.Reach.SINCE_LAST_TICK) {
        type.addField(FieldSpec.builder(TypeName.INT, watermark(carry, probe), Modifier.PRIVATE)
            .addJavadoc("Facts of $L before this position were already looked up in $L.\n", probe.negated().name(), x.name())
            .build());
      }
    }
  }

  MethodSpec method() {
    ClassName record = Names.record(stage.program(), x);
    MethodSpec.Builder m = MethodSpec.methodBuilder(StageNames.findDrops(x)).addModifiers(Modifier.PRIVATE)
        .addJavadoc("$L\n<p>Kept in place: finds the facts of $L this rule does not carry.\n",
            carry.rule().text().replace("$", "$$"), x.name());
    m.addStatement("final int hi0 = $L.size()", rel(x));
    CodeBlock.Builder b = CodeBlock.builder();
    b.add("// Facts new in this tick: dropped unless the rule's body holds for them.\n");
    b.beginControlFlow("for (int p0 = $L; p0 < hi0; p0++)", carried(x));
    b.addStatement("final $T f0 = $L.get(p0)", record, rel(x));
    b.addStatement("if (f0 == null) continue");
    b.addStatement("boolean kept = false");
    b.beginControlFlow("do");
    RulePlan asRule = new RulePlan(carry.rule(), 0, false, false, List.of(new RulePlan.Version(-1, carry.newFacts())), false,
        -1, null);
    new RuleWriter(stage, asRule).steps(b, carry.newFacts(), 0, 0, () -> b.addStatement("kept = true"));
    b.endControlFlow("while (false)");
    b.addStatement("if (!kept) $L.add(p0)", drops(x));
    b.endControlFlow();
    for (KeptCarry.DropProbe probe : carry.probes()) {
      probe(b, probe);
    }
    return m.addCode(b.build()).build();
  }

  /** Drops every carried fact if {@code condition} holds. */
  private void dropAll(CodeBlock.Builder b, CodeBlock condition) {
    b.beginControlFlow("if ($L)", condition)
        .add("// the atom shares no variable with $L: one matching fact drops every carried fact\n", x.name())
        .beginControlFlow("for (int p = 0; p < $L; p++)", carried(x))
        .addStatement("if ($L.get(p) != null) $L.add(p)", rel(x), drops(x))
        .endControlFlow()
        .endControlFlow();
  }

  /** Carried-in facts: dropped where a fact of the negated relation, new to them, matches. */
  private void probe(CodeBlock.Builder b, KeptCarry.DropProbe probe) {
    Relation d = probe.negated();
    String q = "q" + probe.atom();
    String hi = "hi" + q;
    String lo = probe.reach() == KeptCarry.Reach.SINCE_LAST_TICK ? watermark(carry, probe) : "0";
    b.add("// Carried facts of $L dropped by $L facts of $L.\n", x.name(),
        probe.reach() == KeptCarry.Reach.ALL ? "this tick's" : "the new", d.name());
    String g = "g" + probe.atom();
    boolean checked = !probe.constants().isEmpty() || !probe.repeats().isEmpty();
    if (probe.index() != null || checked || probe.reach() == KeptCarry.Reach.SINCE_LAST_TICK) {
      b.addStatement("final int $L = $L.size()", hi, rel(d));
    }
    if (probe.index() == null && !checked) {
      // Any fact in reach drops every carried fact: no need to look at one.
      CodeBlock any = probe.reach() == KeptCarry.Reach.SINCE_LAST_TICK ? CodeBlock.of("$L > $L", hi, lo)
          : CodeBlock.of("!$L.isEmpty()", rel(d));
      dropAll(b, any);
    } else {
      if (probe.index() == null) {
        b.addStatement("boolean any$L = false", q);
      }
      b.beginControlFlow("for (int $L = $L; $L < $L; $L++)", q, lo, q, hi, q);
      b.addStatement("final $T $L = $L.get($L)", Names.record(stage.program(), d), g, rel(d), q);
      if (stage.plan().use(d.name()).storage() == dev.dedalus.processor.plan.Storage.STORE) {
        b.addStatement("if ($L == null) continue", g);
      }
      for (Step.ColumnExpr c : probe.constants()) {
        Attribute a = d.attributes().get(c.column());
        b.addStatement("if (!$L) continue", ExprCode.equal(a.type(), CodeBlock.of("$L.$N()", g, a.name()),
            ExprCode.convert(stage.code().of(c.value()), c.value().type(), a.type())));
      }
      for (KeptCarry.ColumnPair pair : probe.repeats()) {
        Attribute a = d.attributes().get(pair.first());
        Attribute c = d.attributes().get(pair.second());
        b.addStatement("if (!$L) continue", ExprCode.equal(a.type(), CodeBlock.of("$L.$N()", g, a.name()),
            CodeBlock.of("$L.$N()", g, c.name())));
      }
    }
    if (probe.index() == null) {
      if (checked) {
        b.addStatement("any$L = true", q).addStatement("break").endControlFlow();
        dropAll(b, CodeBlock.of("any$L", q));
      }
    } else {
      List<CodeBlock> values = new ArrayList<>();
      for (int column : probe.keys()) {
        values.add(CodeBlock.of("$L.$N()", g, d.attributes().get(column).name()));
      }
      String index = "idx_" + probe.index().name();
      String h = "h" + q;
      b.addStatement("final int $L = $L", h, RuleWriter.keyHash(probe.index(), values));
      b.beginControlFlow("for (int p = $L.first($L); p >= 0; p = $L.next(p))", index, h, index);
      b.addStatement("if ($L.hashAt(p) != $L || p >= $L) continue", index, h, carried(x));
      b.addStatement("final $T f = $L.get(p)", Names.record(stage.program(), x), rel(x));
      b.addStatement("if (f == null || !$L) continue", RuleWriter.keyMatch(probe.index(), "f", values));
      b.addStatement("$L.add(p)", drops(x));
      b.endControlFlow();
      b.endControlFlow();
    }
    if (probe.reach() == KeptCarry.Reach.SINCE_LAST_TICK) {
      b.addStatement("$L = $L", watermark(carry, probe), hi);
    }
  }
}
