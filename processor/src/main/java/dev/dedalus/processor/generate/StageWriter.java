package dev.dedalus.processor.generate;

import static dev.dedalus.processor.generate.StageNames.carried;
import static dev.dedalus.processor.generate.StageNames.journaled;
import static dev.dedalus.processor.generate.StageNames.next;
import static dev.dedalus.processor.generate.StageNames.rel;
import static dev.dedalus.processor.generate.StageNames.sent;
import static dev.dedalus.processor.generate.StageNames.timer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.dedalus.processor.model.Attribute;
import dev.dedalus.processor.model.ConfigSource;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RelationKind;
import dev.dedalus.processor.model.Type;
import dev.dedalus.processor.plan.IndexSpec;
import dev.dedalus.processor.plan.KeptCarry;
import dev.dedalus.processor.plan.PlanNames;
import dev.dedalus.processor.plan.RelationUse;
import dev.dedalus.processor.plan.RolePlan;
import dev.dedalus.processor.plan.RulePlan;
import dev.dedalus.processor.plan.Storage;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes one role's stage class from its physical plan: the fields (typed fact sets, the indexes
 * its joins probe, watermarks, group state), construction, delivery and restore; the other writers
 * print its parts: {@link TickWriter} the tick, {@link RuleWriter} the rules, {@link AggregateWriter}
 * and {@link GroupWriter} the groups, {@link CarryWriter} the kept carries' drop finding, and
 * {@link RoutingWriter} the routing.
 */
final class StageWriter {
  private final StageSource stage;
  private final Program program;
  private final RolePlan plan;

  StageWriter(RolePlan plan, String planName, List<Relation> network) {
    this.stage = new StageSource(plan, planName, network);
    this.program = plan.program();
    this.plan = plan;
  }

  TypeSpec write() {
    String planName = stage.planName();
    TypeSpec.Builder type = TypeSpec.classBuilder(Names.stage(program, planName, plan.role()))
        .addJavadoc("The stage of role {@code $L} of {@link $T}$L: evaluates one tick at a time.\n",
            plan.role().name(), Names.programClass(program), planName.equals("base") ? "" : ", plan " + planName)
        .addAnnotation(Names.generated(program))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(Names.STAGE);
    fields(type);
    type.addMethod(constructor());
    type.addMethod(MethodSpec.methodBuilder("role").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(String.class).addStatement("return $S", plan.role().name()).build());
    type.addMethod(accept());
    if (!stage.durable().isEmpty()) {
      type.addMethod(restore());
    }
    type.addMethod(MethodSpec.methodBuilder("hasInput").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(TypeName.BOOLEAN).addStatement("return input").build());
    type.addMethod(nextTimer());
    TickWriter tick = new TickWriter(stage);
    type.addMethod(tick.tick());
    new RoutingWriter(plan).methods(type);
    for (int s = 0; s < plan.strata().size(); s++) {
      type.addMethod(tick.stratum(s));
    }
    for (RulePlan rule : plan.allRules()) {
      type.addMethod(new RuleWriter(stage, rule).method());
      if (rule.maintained()) {
        type.addMethod(new AggregateWriter(stage, rule).unfoldMethod());
      }
    }
    for (KeptCarry carry : plan.carries()) {
      type.addMethod(new CarryWriter(stage, carry).method());
    }
    for (RulePlan rule : plan.allRules()) {
      if (rule.aggregating()) {
        new AggregateWriter(stage, rule).types(type);
      }
    }
    return type.build();
  }

  // ---- fields and construction ----------------------------------------------------------------

  private void fields(TypeSpec.Builder type) {
    if (plan.readsSelf()) {
      type.addField(Names.LOCATION, "self", Modifier.PRIVATE, Modifier.FINAL);
    }
    new RoutingWriter(plan).fields(type);
    type.addField(FieldSpec.builder(TypeName.BOOLEAN, "input", Modifier.PRIVATE)
        .addJavadoc("Whether facts arrived since the last tick.\n").build());
    for (IndexSpec index : plan.indexes()) {
      ClassName record = Names.record(program, index.relation());
      CodeBlock h = CodeBlock.of("$T.start()", Names.HASHING);
      for (int c : index.columns()) {
        Attribute a = index.relation().attributes().get(c);
        h = ExprCode.hashAdd(h, a.type(), CodeBlock.of("f.$N()", a.name()));
      }
      type.addField(FieldSpec.builder(ParameterizedTypeName.get(Names.KEY_HASHER, record), "KEY_" + index.name(),
              Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("f -> $T.finish($L)", Names.HASHING, h).build());
    }
    for (RelationUse use : plan.relations()) {
      ClassName record = Names.record(program, use.relation());
      TypeName setType = ParameterizedTypeName.get(Names.FACT_SET, record);
      type.addField(FieldSpec.builder(setType, rel(use.relation()), Modifier.PRIVATE, Modifier.FINAL)
          .addJavadoc("$L$L\n", use.storage().name().toLowerCase(), use.received() ? ", received" : "")
          .initializer("new $T<>($T.$L)", Names.FACT_SET, Names.facts(program), Names.constant(use.name())).build());
      if (use.nextTick()) {
        type.addField(FieldSpec.builder(setType, next(use.relation()), Modifier.PRIVATE, Modifier.FINAL)
            .addJavadoc("Facts derived by ':+' rules, which hold from the next tick on.\n")
            .initializer("new $T<>($T.$L)", Names.FACT_SET, Names.facts(program), Names.constant(use.name())).build());
      }
      if (use.relation().is(RelationKind.TIMER)) {
        type.addField(FieldSpec.builder(TypeName.LONG, timer(use.relation()), Modifier.PRIVATE)
            .addJavadoc("When the timer fires next; 0 fires it at the first tick.\n").build());
      }
    }
    if (!stage.durable().isEmpty()) {
      type.addField(FieldSpec.builder(Names.JOURNAL, "journal", Modifier.PRIVATE, Modifier.FINAL)
          .addJavadoc("Where new facts of durable relations go at the end of every tick, before its sends leave.\n").build());
      for (RelationUse use : stage.durable()) {
        type.addField(FieldSpec.builder(TypeName.INT, journaled(use.relation()), Modifier.PRIVATE)
            .addJavadoc("How many facts of $L (in insertion order) the journal already has.\n", use.name()).build());
      }
    }
    for (KeptCarry carry : plan.carries()) {
      new CarryWriter(stage, carry).fields(type);
    }
    for (Relation sent : new TickWriter(stage).distinctlySent()) {
      type.addField(FieldSpec.builder(ParameterizedTypeName.get(Names.SENT_FACTS, Names.record(program, sent)), sent(sent),
              Modifier.PRIVATE, Modifier.FINAL)
          .addJavadoc("What this tick sent of $L: a tick's heads are a set, and some rule may derive one twice.\n", sent.name())
          .initializer("new $T<>($T.$L)", Names.SENT_FACTS, Names.facts(program), Names.constant(sent.name())).build());
    }
    for (IndexSpec index : plan.indexes()) {
      type.addField(ParameterizedTypeName.get(Names.HASH_INDEX, Names.record(program, index.relation())),
          "idx_" + index.name(), Modifier.PRIVATE, Modifier.FINAL);
    }
    for (RulePlan rule : plan.allRules()) {
      if (PlanNames.usesWatermarks(rule)) {
        for (int i = 0; i < StageNames.positives(rule.rule()).size(); i++) {
          type.addField(TypeName.INT, PlanNames.watermark(rule, i), Modifier.PRIVATE);
        }
      }
      if (rule.aggregating()) {
        new AggregateWriter(stage, rule).fields(type);
      }
    }
    if (AggregateWriter.needsNoMarks(plan.allRules())) {
      type.addField(AggregateWriter.noMarks());
    }
  }

  /** {@code self}: the node's location, or on a partition its instance's (see {@link RolePlan.SelfLocation}). */
  private CodeBlock selfInit() {
    if (plan.self() == RolePlan.SelfLocation.INSTANCE) {
      return CodeBlock.builder().add("// On a partition, self is the instance's location, the one configuration lists.\n")
          .addStatement("this.self = context.addressesOf($S).get(context.instanceIndex())", plan.role().name()).build();
    }
    return CodeBlock.builder().addStatement("this.self = context.self()").build();
  }

  private MethodSpec constructor() {
    MethodSpec.Builder m = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addParameter(Names.STAGE_CONTEXT, "context")
        .addCode(plan.readsSelf() ? selfInit() : CodeBlock.of(""));
    if (!stage.durable().isEmpty()) {
      m.addStatement("this.journal = context.journal()");
    }
    new RoutingWriter(plan).init(m);
    for (IndexSpec index : plan.indexes()) {
      m.addStatement("this.idx_$L = $L.index(KEY_$L)", index.name(), rel(index.relation()), index.name());
    }
    for (RelationUse use : plan.relations()) {
      Relation r = use.relation();
      if (use.storage() != Storage.CONFIG) {
        continue;
      }
      ClassName record = Names.record(program, r);
      ConfigSource source = r.configSource() == null ? ConfigSource.GIVEN : r.configSource();
      switch (source.kind()) {
        case ADDRESSES -> m.beginControlFlow("for ($T l : context.addressesOf($S))", Names.LOCATION, source.role())
            .addStatement("$L.add(new $T(l))", rel(r), record).endControlFlow();
        case COUNT -> m.addStatement("$L.add(new $T($L))", rel(r), record,
            ExprCode.convert(CodeBlock.of("context.addressesOf($S).size()", source.role()), Type.INT, r.attributes().get(0).type()));
        case INSTANCE_INDEX -> m.addStatement("$L.add(new $T($L))", rel(r), record,
            ExprCode.convert(CodeBlock.of("context.instanceIndex()"), Type.INT, r.attributes().get(0).type()));
        case GIVEN -> m.beginControlFlow("for ($T f : context.configFacts($T.class))", record, record)
            .addStatement("$L.add(f)", rel(r)).endControlFlow();
      }
    }
    return m.build();
  }

  private MethodSpec accept() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("accept").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(TypeName.BOOLEAN).addParameter(TypeName.INT, "relationId").addParameter(Object.class, "fact");
    List<RelationUse> received = plan.relations().stream()
        .filter(u -> u.received() && stage.network().contains(u.relation())).toList();
    if (received.isEmpty()) {
      return m.addStatement("return false").build();
    }
    m.beginControlFlow("switch (relationId)");
    for (RelationUse use : received) {
      m.addCode("case $L:\n", stage.network().indexOf(use.relation()))
          .addStatement("$>$L.add(($T) fact)", rel(use.relation()), Names.record(program, use.relation()))
          .addStatement("input = true")
          .addStatement("return true$<");
    }
    m.addCode("default:\n").addStatement("$>return false$<").endControlFlow();
    return m.build();
  }

  /**
   * {@code restore}: a recovered durable fact holds from the first tick on, already journaled. A kept
   * relation's recovered facts count as unchecked (its carry checks them all at the first tick):
   * the journal does not say which of them a carry already checked.
   */
  private MethodSpec restore() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("restore").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(TypeName.BOOLEAN).addParameter(TypeName.INT, "relationId").addParameter(Object.class, "fact")
        .beginControlFlow("switch (relationId)");
    for (RelationUse use : stage.durable()) {
      Relation r = use.relation();
      m.addCode("case $L:\n", stage.network().indexOf(r))
          .addStatement("$>$L.add(($T) fact)", rel(r), Names.record(program, r))
          .addStatement("$L = $L.size()", journaled(r), rel(r))
          .addStatement("return true$<");
    }
    m.addCode("default:\n").addStatement("$>return false$<").endControlFlow();
    return m.build();
  }

  private MethodSpec nextTimer() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("nextTimerMillis").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(TypeName.LONG);
    CodeBlock result = CodeBlock.of("$T.MAX_VALUE", Long.class);
    for (RelationUse use : plan.relations()) {
      if (use.relation().is(RelationKind.TIMER)) {
        result = CodeBlock.of("$T.min($L, $L)", Math.class, result, timer(use.relation()));
      }
    }
    return m.addStatement("return $L", result).build();
  }

}
