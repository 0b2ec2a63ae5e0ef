package dev.dedalus.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.dedalus.processor.model.Aggregate;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.Type;
import dev.dedalus.processor.plan.RulePlan;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Writes the mutable group and distinct-value classes of an aggregating rule. */
final class GroupWriter {
  private final StageSource stage;
  private final RulePlan rule;
  private final Rule r;

  GroupWriter(StageSource stage, RulePlan rule) {
    this.stage = stage;
    this.rule = rule;
    this.r = rule.rule();
  }

  TypeSpec groupClass() {
    String name = StageNames.groupClass(rule);
    TypeSpec.Builder t = TypeSpec.classBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("One group of rule '$L': its group-by values and its running aggregates.\n", r.name());
    List<String> keyFields = keyFields(t);
    List<HeadArg> args = r.head().args();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) instanceof HeadArg.Aggregated agg && agg.aggregate() != Aggregate.INDEX
          && !(rule.maintained() && (agg.aggregate() == Aggregate.MIN || agg.aggregate() == Aggregate.MAX))) {
        TypeName type = agg.aggregate() == Aggregate.COUNT ? TypeName.LONG : Names.java(agg.type());
        t.addField(type, "a" + i);
      }
    }
    if (rule.maintained()) {
      maintainedFields(t);
    } else if (AggregateWriter.readsSeen(rule)) {
      t.addField(TypeName.BOOLEAN, "seen");
    }
    if (AggregateWriter.sendsChangedOnly(rule)) {
      t.addField(FieldSpec.builder(TypeName.BOOLEAN, "changed")
          .addJavadoc("Whether the group changed since it was last sent.\n").build());
    }
    finish(t, name, keyFields);
    return t.build();
  }

  TypeSpec distinctClass(int aggregateIndex) {
    String name = StageNames.distinctClass(rule, aggregateIndex);
    TypeSpec.Builder t = TypeSpec.classBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("A group of rule '$L' with one value counted by its count(..), to count distinct values.\n", r.name());
    List<String> keyFields = keyFields(t);
    HeadArg.Aggregated agg = (HeadArg.Aggregated) r.head().args().get(aggregateIndex);
    t.addField(Names.java(agg.argument().type()), "x");
    keyFields.add("x:" + agg.argument().type().name());
    if (rule.maintained()) {
      t.addField(FieldSpec.builder(TypeName.LONG, "m").addJavadoc("How many bindings give this value.\n").build());
    }
    finish(t, name, keyFields);
    return t.build();
  }

  /**
   * A maintained group's bookkeeping: its number of bindings (at zero the group is gone), the
   * values of each {@code min}/{@code max} with their multiplicities, the head fact it last gave,
   * and whether it is on the list of changed groups.
   */
  private void maintainedFields(TypeSpec.Builder t) {
    t.addField(FieldSpec.builder(TypeName.LONG, "n").addJavadoc("How many bindings the group holds.\n").build());
    List<HeadArg> args = r.head().args();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) instanceof HeadArg.Aggregated agg && (agg.aggregate() == Aggregate.MIN || agg.aggregate() == Aggregate.MAX)) {
        TypeName counts = ParameterizedTypeName.get(Names.ORDERED_COUNTS, Names.java(agg.argument().type()).box());
        t.addField(FieldSpec.builder(counts, "o" + i, Modifier.FINAL).initializer("new $T<>()", Names.ORDERED_COUNTS).build());
      }
    }
    t.addField(FieldSpec.builder(Names.record(stage.program(), r.head().relation()), "emitted")
        .addJavadoc("The head fact the group gave when last updated, or null.\n").build());
    t.addField(TypeName.BOOLEAN, "dirty");
  }

  /** Adds the group-by fields; returns "name:TYPE" for each, for hashing and equality. */
  private List<String> keyFields(TypeSpec.Builder t) {
    List<String> fields = new ArrayList<>();
    List<HeadArg> args = r.head().args();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) instanceof HeadArg.Plain) {
        Type type = r.head().relation().attributes().get(i).type();
        t.addField(Names.java(type), "g" + i);
        fields.add("g" + i + ":" + type.name());
      }
    }
    if (r.head().destination().isPresent()) {
      t.addField(Names.LOCATION, "dest");
      fields.add("dest:LOCATION");
    }
    return fields;
  }

  private void finish(TypeSpec.Builder t, String name, List<String> keyFields) {
    ClassName self = ClassName.get("", name);
    CodeBlock h = CodeBlock.of("$T.start()", Names.HASHING);
    List<CodeBlock> same = new ArrayList<>();
    MethodSpec.Builder copy = MethodSpec.methodBuilder("copy").returns(self).addStatement("$T c = new $T()", self, self);
    for (String kf : keyFields) {
      String field = kf.substring(0, kf.indexOf(':'));
      Type type = Type.valueOf(kf.substring(kf.indexOf(':') + 1));
      h = ExprCode.hashAdd(h, type, CodeBlock.of("f.$L", field));
      same.add(ExprCode.equal(type, CodeBlock.of("a.$L", field), CodeBlock.of("b.$L", field)));
      copy.addStatement("c.$L = $L", field, field);
    }
    copy.addStatement("return c");
    TypeName hasherType = ParameterizedTypeName.get(Names.FACT_HASHER, self);
    TypeSpec impl = TypeSpec.anonymousClassBuilder("").addSuperinterface(hasherType)
        .addMethod(MethodSpec.methodBuilder("hash").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
            .returns(TypeName.INT).addParameter(self, "f").addStatement("return $T.finish($L)", Names.HASHING, h).build())
        .addMethod(MethodSpec.methodBuilder("same").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
            .returns(TypeName.BOOLEAN).addParameter(self, "a").addParameter(self, "b")
            .addStatement("return $L", same.isEmpty() ? CodeBlock.of("true") : same.stream().collect(CodeBlock.joining(" && ")))
            .build())
        .build();
    t.addField(FieldSpec.builder(hasherType, "HASHER", Modifier.STATIC, Modifier.FINAL).initializer("$L", impl).build());
    t.addMethod(copy.build());
  }
}
