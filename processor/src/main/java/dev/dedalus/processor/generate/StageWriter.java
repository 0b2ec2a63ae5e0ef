package dev.dedalus.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.dedalus.processor.model.Attribute;
import dev.dedalus.processor.model.ConfigSource;
import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RelationKind;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.RuleKind;
import dev.dedalus.processor.model.Type;
import dev.dedalus.processor.model.Exprs;
import dev.dedalus.processor.plan.IndexSpec;
import dev.dedalus.processor.plan.RelationUse;
import dev.dedalus.processor.plan.RolePlan;
import dev.dedalus.processor.plan.RulePlan;
import dev.dedalus.processor.plan.Step;
import dev.dedalus.processor.plan.Storage;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes one role's stage: typed fact sets, the indexes its joins probe, and one method per rule
 * made of straight-line loops. Persisted relations keep their facts and indexes across ticks;
 * monotone rules over them evaluate semi-naively, over the facts added since their last run
 * (tracked by per-atom watermarks into insertion-ordered fact sets), within a tick's fixpoint and
 * from tick to tick.
 */
final class StageWriter {
  private final Program program;
  private final RolePlan plan;
  private final ExprCode code;
  private final List<Relation> network;

  private final String planName;

  StageWriter(RolePlan plan, String planName, List<Relation> network) {
    this.program = plan.program();
    this.plan = plan;
    this.planName = planName;
    this.code = new ExprCode(program);
    this.network = network;
  }

  TypeSpec write() {
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
    if (!durable().isEmpty()) {
      type.addMethod(restore());
    }
    type.addMethod(MethodSpec.methodBuilder("hasInput").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(TypeName.BOOLEAN).addStatement("return input").build());
    type.addMethod(nextTimer());
    type.addMethod(tick());
    if (!addressedRoles().isEmpty()) {
      type.addMethod(MethodSpec.methodBuilder("indexById").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .returns(com.palantir.javapoet.ArrayTypeName.of(TypeName.INT))
          .addParameter(com.palantir.javapoet.ArrayTypeName.of(Names.LOCATION), "nodes")
          .addStatement("long max = 0")
          .beginControlFlow("for ($T l : nodes)", Names.LOCATION).addStatement("max = $T.max(max, l.id())", Math.class).endControlFlow()
          .addStatement("final int[] index = new int[(int) max + 1]")
          .beginControlFlow("for (int i = 0; i < nodes.length; i++)").addStatement("index[(int) nodes[i].id()] = i + 1").endControlFlow()
          .addStatement("return index")
          .build());
    }
    for (Expr.Forward f : forwards()) {
      type.addMethod(forwardMethod(f));
    }
    for (String role : partitionTargets()) {
      type.addMethod(partitionMethod(role));
    }
    if (!addressedRoles().isEmpty()) {
      type.addMethod(MethodSpec.methodBuilder("indexOf").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addJavadoc("The index of a node among its role's nodes, looked up by location id; -1 if not one of them.\n")
          .returns(TypeName.INT).addParameter(com.palantir.javapoet.ArrayTypeName.of(TypeName.INT), "index")
          .addParameter(Names.LOCATION, "location")
          .addStatement("final long id = location.id()")
          .addStatement("return id >= 0 && id < index.length ? index[(int) id] - 1 : -1")
          .build());
    }
    for (int s = 0; s < plan.strata().size(); s++) {
      type.addMethod(stratum(s));
    }
    for (RulePlan rule : plan.allRules()) {
      type.addMethod(new RuleWriter(rule).method());
      if (rule.aggregating()) {
        type.addType(new GroupWriter(rule).groupClass());
        for (int i : countArguments(rule.rule())) {
          type.addType(new GroupWriter(rule).distinctClass(i));
        }
      }
    }
    return type.build();
  }

  private List<Expr.Forward> forwards() {
    return plan.forwards();
  }

  private java.util.Set<String> partitionTargets() {
    return plan.routedRoles();
  }

  /** Picks the partition of a key among the partitions of the instance a location belongs to. */
  private MethodSpec partitionMethod(String role) {
    return MethodSpec.methodBuilder(ExprCode.partitionMethod(role)).addModifiers(Modifier.PRIVATE)
        .addJavadoc("The partition of $L that a fact with key hash {@code keyHash} goes to, within the instance of {@code location}.\n", role)
        .returns(Names.LOCATION).addParameter(Names.LOCATION, "location").addParameter(TypeName.INT, "keyHash")
        .addStatement("final int i = indexOf(instanceIndex_$L, location)", role)
        .beginControlFlow("if (i < 0)")
        .addStatement("return location")
        .endControlFlow()
        .addStatement("final int first = i - i % partitions_$L", role)
        .addStatement("return all_$L[first + $T.partition(keyHash, partitions_$L)]", role, Names.HASHING, role)
        .build();
  }

  /** Maps an instance of one role to the instance of another with the same index; other locations to themselves. */
  private MethodSpec forwardMethod(Expr.Forward f) {
    return MethodSpec.methodBuilder(ExprCode.forwardMethod(f)).addModifiers(Modifier.PRIVATE)
        .addJavadoc("The {@code forward} of a decoupling rewrite: $L's instance i becomes $L's instance i.\n", f.from(), f.to())
        .returns(Names.LOCATION).addParameter(Names.LOCATION, "location")
        .addStatement("final int i = indexOf(instanceIndex_$L, location)", f.from())
        .addStatement("return i < 0 ? location : addresses_$L[(i / partitions_$L) % addresses_$L.length]", f.to(), f.from(), f.to())
        .build();
  }

  /** Roles whose instance addresses the stage needs, for forwards and partition routing. */
  private java.util.Set<String> addressedRoles() {
    java.util.Set<String> roles = new java.util.TreeSet<>();
    for (Expr.Forward f : forwards()) {
      roles.add(f.from());
      roles.add(f.to());
    }
    roles.addAll(partitionTargets());
    return roles;
  }

  // ---- fields and construction ----------------------------------------------------------------

  private void fields(TypeSpec.Builder type) {
    type.addField(Names.LOCATION, "self", Modifier.PRIVATE, Modifier.FINAL);
    for (String role : addressedRoles()) {
      type.addField(FieldSpec.builder(com.palantir.javapoet.ArrayTypeName.of(Names.LOCATION), "addresses_" + role,
          Modifier.PRIVATE, Modifier.FINAL).addJavadoc("One location per instance of $L (its first partition).\n", role).build());
      type.addField(FieldSpec.builder(com.palantir.javapoet.ArrayTypeName.of(Names.LOCATION), "all_" + role,
          Modifier.PRIVATE, Modifier.FINAL).addJavadoc("Every node of $L, partition by partition, instance by instance.\n", role).build());
      type.addField(TypeName.INT, "partitions_" + role, Modifier.PRIVATE, Modifier.FINAL);
      type.addField(FieldSpec.builder(com.palantir.javapoet.ArrayTypeName.of(TypeName.INT), "instanceIndex_" + role,
          Modifier.PRIVATE, Modifier.FINAL).addJavadoc("By location id: 1 + the node's index in all_$L, or 0.\n", role).build());
    }
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
    if (!durable().isEmpty()) {
      type.addField(FieldSpec.builder(Names.JOURNAL, "journal", Modifier.PRIVATE, Modifier.FINAL)
          .addJavadoc("Where new facts of durable relations go at the end of every tick, before its sends leave.\n").build());
      for (RelationUse use : durable()) {
        type.addField(FieldSpec.builder(TypeName.INT, journaled(use.relation()), Modifier.PRIVATE)
            .addJavadoc("How many facts of $L (in insertion order) the journal already has.\n", use.name()).build());
      }
    }
    for (Relation sent : distinctlySent()) {
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
      if (usesWatermarks(rule)) {
        for (int i = 0; i < positives(rule.rule()).size(); i++) {
          type.addField(TypeName.INT, watermark(rule, i), Modifier.PRIVATE);
        }
      }
      if (rule.aggregating()) {
        ClassName group = ClassName.get("", groupClass(rule));
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(Names.FACT_SET, group), "groups_" + rule.rule().name(),
            Modifier.PRIVATE, Modifier.FINAL).initializer("new $T<>($N.HASHER)", Names.FACT_SET, groupClass(rule)).build());
        type.addField(FieldSpec.builder(group, "probe_" + rule.rule().name(), Modifier.PRIVATE, Modifier.FINAL)
            .initializer("new $N()", groupClass(rule)).build());
        for (int i : countArguments(rule.rule())) {
          ClassName distinct = ClassName.get("", distinctClass(rule, i));
          type.addField(FieldSpec.builder(ParameterizedTypeName.get(Names.FACT_SET, distinct), "distinct_" + rule.rule().name() + "_" + i,
              Modifier.PRIVATE, Modifier.FINAL).initializer("new $T<>($N.HASHER)", Names.FACT_SET, distinctClass(rule, i)).build());
          type.addField(FieldSpec.builder(distinct, "distinctProbe_" + rule.rule().name() + "_" + i, Modifier.PRIVATE, Modifier.FINAL)
              .initializer("new $N()", distinctClass(rule, i)).build());
        }
      }
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
        .addCode(selfInit());
    if (!durable().isEmpty()) {
      m.addStatement("this.journal = context.journal()");
    }
    for (String role : addressedRoles()) {
      m.addStatement("this.addresses_$L = context.addressesOf($S).toArray(new $T[0])", role, role, Names.LOCATION);
      m.addStatement("this.all_$L = context.allInstancesOf($S).toArray(new $T[0])", role, role, Names.LOCATION);
      m.addStatement("this.partitions_$L = context.partitionsOf($S)", role, role);
      m.addStatement("this.instanceIndex_$L = indexById(all_$L)", role, role);
    }
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
        .filter(u -> u.received() && network.contains(u.relation())).toList();
    if (received.isEmpty()) {
      return m.addStatement("return false").build();
    }
    m.beginControlFlow("switch (relationId)");
    for (RelationUse use : received) {
      m.addCode("case $L:\n", network.indexOf(use.relation()))
          .addStatement("$>$L.add(($T) fact)", rel(use.relation()), Names.record(program, use.relation()))
          .addStatement("input = true")
          .addStatement("return true$<");
    }
    m.addCode("default:\n").addStatement("$>return false$<").endControlFlow();
    return m.build();
  }

  /** The relations this role keeps durably, in declaration order. */
  private List<RelationUse> durable() {
    return plan.relations().stream().filter(RelationUse::durable).toList();
  }

  private static String journaled(Relation r) {
    return "journaled_" + r.name();
  }

  /** {@code restore}: a recovered durable fact holds from the first tick on, already journaled. */
  private MethodSpec restore() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("restore").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(TypeName.BOOLEAN).addParameter(TypeName.INT, "relationId").addParameter(Object.class, "fact")
        .beginControlFlow("switch (relationId)");
    for (RelationUse use : durable()) {
      Relation r = use.relation();
      m.addCode("case $L:\n", network.indexOf(r))
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

  // ---- the tick ------------------------------------------------------------------------------

  /** The relations that rules planned with distinct sends send, in declaration order. */
  private List<Relation> distinctlySent() {
    java.util.Set<String> names = new java.util.HashSet<>();
    plan.deferred().stream().filter(RulePlan::distinctSends).forEach(r -> names.add(r.rule().head().relation().name()));
    return program.relations().stream().filter(r -> names.contains(r.name())).toList();
  }

  private static String sent(Relation r) {
    return "sent_" + r.name();
  }

  private MethodSpec tick() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("tick").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(TypeName.BOOLEAN).addParameter(TypeName.LONG, "nowMillis").addParameter(Names.OUTBOUND, "out")
        .addStatement("boolean hadInput = input")
        .addStatement("input = false");
    for (Relation sent : distinctlySent()) {
      m.addStatement("$L.clear()", sent(sent));
    }
    for (RelationUse use : plan.relations()) {
      Relation r = use.relation();
      if (r.is(RelationKind.TIMER)) {
        m.beginControlFlow("if (nowMillis >= $L)", timer(r))
            .addStatement("$L.add(new $T($L))", rel(r), Names.record(program, r), r.arity() == 1 ? "nowMillis" : "")
            .addStatement("$L = nowMillis + $LL", timer(r), r.timerPeriodMillis())
            .addStatement("hadInput = true")
            .endControlFlow();
      }
    }
    for (RelationUse use : plan.relations()) {
      if (use.storage() == Storage.PERSISTED) {
        m.addStatement("final int start_$L = $L.size()", use.name(), rel(use.relation()));
      }
    }
    m.addComment("Deductive rules, stratum by stratum, each to its fixpoint.");
    for (int s = 0; s < plan.strata().size(); s++) {
      m.addStatement("stratum$L()", s);
    }
    if (!plan.deferred().isEmpty()) {
      m.addComment("Rules that take effect later: ':+' for the next tick, ':~' sent to other nodes.");
      for (RulePlan rule : plan.deferred()) {
        m.addStatement("$N(out)", rule.methodName());
      }
    }
    m.addComment("Carry state to the next tick, and tell whether it changed.");
    m.addStatement("boolean changed = false");
    for (RelationUse use : plan.relations()) {
      if (use.storage() == Storage.PERSISTED) {
        if (use.nextTick()) {
          m.addStatement("$L.addAll($L)", rel(use.relation()), next(use.relation()));
          m.addStatement("$L.clear()", next(use.relation()));
        }
        m.addStatement("changed |= $L.size() != start_$L", rel(use.relation()), use.name());
      } else if (use.storage() == Storage.TRANSIENT) {
        if (use.nextTick()) {
          // Only needed when nothing arrived: after input another tick is due anyway.
          m.addStatement("changed = changed || (!hadInput && !$L.sameFactsAs($L))", next(use.relation()), rel(use.relation()));
        }
        if (use.durable()) {
          journalCarried(m, use);
        }
        m.addStatement("$L.clear()", rel(use.relation()));
        if (use.nextTick()) {
          m.addStatement("$L.addAll($L)", rel(use.relation()), next(use.relation()));
          m.addStatement("$L.clear()", next(use.relation()));
        }
        if (use.durable()) {
          m.addStatement("$L = $L.size()", journaled(use.relation()), rel(use.relation()));
        }
      }
    }
    List<RelationUse> durablePersisted = durable().stream().filter(u -> u.storage() == Storage.PERSISTED).toList();
    if (!durablePersisted.isEmpty()) {
      m.addComment("Journal the facts durable relations gained; the runtime commits them before this tick's sends leave.");
      for (RelationUse use : durablePersisted) {
        Relation r = use.relation();
        m.beginControlFlow("for (int i = $L; i < $L.size(); i++)", journaled(r), rel(r))
            .addStatement("journal.append($T.$L, $L.get(i))", Names.codecs(program), Names.constant(r.name()), rel(r))
            .endControlFlow()
            .addStatement("$L = $L.size()", journaled(r), rel(r));
      }
    }
    for (RulePlan rule : plan.allRules()) {
      if (!usesWatermarks(rule)) {
        continue;
      }
      List<Literal.AtomLiteral> positives = positives(rule.rule());
      for (int i = 0; i < positives.size(); i++) {
        Storage storage = plan.use(positives.get(i).relation().name()).storage();
        // Transient relations start over at position 0; non-accumulating rules re-derive everything.
        if (storage == Storage.TRANSIENT || !(rule.accumulating() || rule.incrementalAggregate())) {
          m.addStatement("$L = 0", watermark(rule, i));
        }
      }
    }
    m.addComment("Another tick is due after input (negation may see it gone) or a change of carried state.");
    m.addStatement("return hadInput || changed");
    return m.build();
  }

  /**
   * Journals how a {@code @Durable(persist = false)} relation changes into the next tick: the
   * journal holds the first {@code journaled} facts of the relation (what this tick started with);
   * the next tick holds {@code next}. Facts received or derived in this tick and not carried are
   * never journaled: a restart recovers the relation as the next tick would have seen it.
   */
  private void journalCarried(MethodSpec.Builder m, RelationUse use) {
    Relation r = use.relation();
    ClassName record = Names.record(program, r);
    m.addComment("Journal what $L loses and gains into the next tick, before this tick's sends leave.", r.name());
    m.beginControlFlow("for (int i = 0; i < $L; i++)", journaled(r))
        .addStatement("$T fact = $L.get(i)", record, rel(r));
    if (use.nextTick()) {
      m.beginControlFlow("if (!$L.contains(fact))", next(r));
    }
    m.addStatement("journal.erase($T.$L, fact)", Names.codecs(program), Names.constant(r.name()));
    if (use.nextTick()) {
      m.endControlFlow();
    }
    m.endControlFlow();
    if (use.nextTick()) {
      m.beginControlFlow("for (int i = 0; i < $L.size(); i++)", next(r))
          .addStatement("$T fact = $L.get(i)", record, next(r))
          .addStatement("int at = $L.positionOf(fact)", rel(r))
          .beginControlFlow("if (at < 0 || at >= $L)", journaled(r))
          .addStatement("journal.append($T.$L, fact)", Names.codecs(program), Names.constant(r.name()))
          .endControlFlow()
          .endControlFlow();
    }
  }

  private MethodSpec stratum(int s) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("stratum" + s).addModifiers(Modifier.PRIVATE);
    m.addJavadoc("Stratum $L: $L.\n", s, String.join(", ", plan.role().strata().get(s).relations()));
    List<RulePlan> rules = plan.strata().get(s);
    if (plan.recursive().get(s)) {
      m.addStatement("boolean derived");
      m.beginControlFlow("do");
      m.addStatement("derived = false");
      for (RulePlan rule : rules) {
        m.addStatement("derived |= $N(null)", rule.methodName());
      }
      m.endControlFlow("while (derived)");
    } else {
      for (RulePlan rule : rules) {
        m.addStatement("$N(null)", rule.methodName());
      }
    }
    return m.build();
  }

  // ---- rules ---------------------------------------------------------------------------------

  /** Writes the method of one rule. */
  private final class RuleWriter {
    private final RulePlan rule;
    private final Rule r;

    RuleWriter(RulePlan rule) {
      this.rule = rule;
      this.r = rule.rule();
    }

    MethodSpec method() {
      MethodSpec.Builder m = MethodSpec.methodBuilder(rule.methodName()).addModifiers(Modifier.PRIVATE)
          .returns(TypeName.BOOLEAN).addParameter(Names.OUTBOUND, "out")
          .addJavadoc("$L$L\n", r.text().replace("$", "$$"), rule.accumulating()
              ? "\n<p>Accumulating: reads only facts new since its last run."
              : rule.incrementalAggregate() ? "\n<p>Incremental: its groups live on, and each run folds in only new facts." : "");
      m.addStatement("boolean derived = false");
      List<Literal.AtomLiteral> positives = positives(r);
      for (int i = 0; i < positives.size(); i++) {
        m.addStatement("final int hi$L = $L.size()", i, rel(positives.get(i).relation()));
      }
      for (RulePlan.Version version : rule.versions()) {
        if (rule.versions().size() > 1) {
          m.addComment("version $L: facts of '$L' new since the last run", version.deltaAtom(),
              positives.get(version.deltaAtom()).relation().name());
        }
        m.beginControlFlow("do");
        CodeBlock.Builder body = CodeBlock.builder();
        steps(body, version.steps(), 0);
        m.addCode(body.build());
        m.endControlFlow("while (false)");
      }
      if (usesWatermarks(rule)) {
        for (int i = 0; i < positives.size(); i++) {
          m.addStatement("$L = hi$L", watermark(rule, i), i);
        }
      }
      if (rule.aggregating()) {
        emitGroups(m);
      }
      m.addStatement("return derived");
      return m.build();
    }

    private void steps(CodeBlock.Builder b, List<Step> steps, int from) {
      if (from == steps.size()) {
        if (rule.aggregating()) {
          accumulate(b);
        } else {
          emit(b, headArgs());
        }
        return;
      }
      Step step = steps.get(from);
      if (step instanceof Step.Join join) {
        join(b, join, () -> steps(b, steps, from + 1));
      } else if (step instanceof Step.AntiJoin anti) {
        antiJoin(b, anti, from);
        steps(b, steps, from + 1);
      } else if (step instanceof Step.Filter f) {
        guarded(b, f.condition(), () -> b.addStatement("if (!$L) continue", code.of(f.condition())));
        steps(b, steps, from + 1);
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
        steps(b, steps, from + 1);
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

    private void join(CodeBlock.Builder b, Step.Join join, Runnable inner) {
      Relation relation = join.literal().relation();
      ClassName record = Names.record(program, relation);
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
      if (join.index() == null) {
        b.beginControlFlow("for (int $L = $L; $L < $L; $L++)", p, lo, p, hi, p);
        b.addStatement("final $T $L = $L.get($L)", record, f, rel(relation), p);
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
        b.addStatement("if (!$L) continue", keyMatch(join.index(), f, keyValues));
      }
      for (Step.ColumnVar bind : join.binds()) {
        Attribute attr = relation.attributes().get(bind.column());
        b.addStatement("final $T $L = $L.$N()", Names.java(attr.type()), ExprCode.var(bind.variable().name()), f, attr.name());
      }
      for (Step.ColumnExpr check : join.checks()) {
        Attribute attr = relation.attributes().get(check.column());
        b.addStatement("if (!$L) continue", ExprCode.equal(attr.type(), CodeBlock.of("$L.$N()", f, attr.name()), code.of(check.value())));
      }
      inner.run();
      b.endControlFlow();
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
      b.addStatement("final $T g = $L.get(q)", Names.record(program, relation), rel(relation));
      b.beginControlFlow("if ($L)", keyMatch(anti.index(), "g", keyValues));
      b.addStatement("found$L = true", suffix).addStatement("break").endControlFlow();
      b.endControlFlow();
      b.addStatement("if (found$L) continue", suffix);
    }

    /** Evaluates probe keys into locals of the attributes' types; returns how to read them. */
    private List<CodeBlock> keys(CodeBlock.Builder b, IndexSpec index, List<Expr> keys, String prefix) {
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

    private CodeBlock castTo(Type column, Expr e) {
      return ExprCode.convert(code.of(e), e.type(), column);
    }

    private CodeBlock keyHash(IndexSpec index, List<CodeBlock> values) {
      CodeBlock h = CodeBlock.of("$T.start()", Names.HASHING);
      for (int i = 0; i < values.size(); i++) {
        h = ExprCode.hashAdd(h, index.relation().attributes().get(index.columns().get(i)).type(), values.get(i));
      }
      return CodeBlock.of("$T.finish($L)", Names.HASHING, h);
    }

    private CodeBlock keyMatch(IndexSpec index, String fact, List<CodeBlock> values) {
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

    /**
     * The loop variable of a positive atom whose fact the head copies unchanged (same relation,
     * every argument a variable bound by that atom, in order): the head can reuse that object.
     */
    private String copiedFact() {
      List<Literal.AtomLiteral> positives = positives(r);
      for (int i = 0; i < positives.size(); i++) {
        Literal.AtomLiteral atom = positives.get(i);
        if (!atom.relation().name().equals(r.head().relation().name())) {
          continue;
        }
        boolean same = true;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int c = 0; c < atom.args().size() && same; c++) {
          same = atom.args().get(c) instanceof Expr.Var v && seen.add(v.name())
              && r.head().args().get(c) instanceof HeadArg.Plain p && p.expr() instanceof Expr.Var hv
              && hv.name().equals(v.name());
        }
        if (same) {
          return "f" + i;
        }
      }
      return null;
    }

    /** Emits one head fact whose attribute values are {@code args}. */
    private void emit(CodeBlock.Builder b, List<CodeBlock> args) {
      ClassName record = Names.record(program, r.head().relation());
      String copied = copiedFact();
      CodeBlock fact = copied != null
          ? CodeBlock.of("$L", copied)
          : CodeBlock.of("new $T($L)", record, args.stream().collect(CodeBlock.joining(", ")));
      boolean risky = r.head().args().stream().anyMatch(a -> a instanceof HeadArg.Plain p && Exprs.mayThrowArithmetic(p.expr()))
          || r.head().destination().map(Exprs::mayThrowArithmetic).orElse(false);
      Runnable emit = () -> {
        switch (r.kind()) {
          case DEDUCTIVE -> b.addStatement("derived |= $L.add($L)", rel(r.head().relation()), fact);
          case INDUCTIVE -> b.addStatement("derived |= $L.add($L)", next(r.head().relation()), fact);
          case ASYNC -> {
            if (rule.distinctSends()) {
              b.add("{\n$>");
              b.addStatement("final $T to = $L", Names.LOCATION, code.of(r.head().destination().orElseThrow()));
              b.addStatement("final $T sent = $L", record, fact);
              b.beginControlFlow("if ($L.add(to, sent))", sent(r.head().relation()))
                  .addStatement("out.send(to, $T.$L, sent)", Names.codecs(program), Names.constant(r.head().relation().name()))
                  .endControlFlow();
              b.add("$<}\n");
            } else {
              b.addStatement("out.send($L, $T.$L, $L)", code.of(r.head().destination().orElseThrow()), Names.codecs(program),
                  Names.constant(r.head().relation().name()), fact);
            }
            b.addStatement("derived = true");
          }
        }
      };
      if (risky && !rule.aggregating()) {
        b.beginControlFlow("try");
        emit.run();
        b.nextControlFlow("catch ($T e)", ArithmeticException.class).addStatement("continue").endControlFlow();
      } else {
        emit.run();
      }
    }

    // ---- aggregation --------------------------------------------------------------------------

    /** Folds one body binding into its group. */
    private void accumulate(CodeBlock.Builder b) {
      String name = r.name();
      String probe = "probe_" + name;
      boolean risky = r.head().args().stream().anyMatch(a -> exprOf(a) != null && Exprs.mayThrowArithmetic(exprOf(a)));
      if (risky) {
        b.beginControlFlow("try");
      }
      List<HeadArg> args = r.head().args();
      for (int i = 0; i < args.size(); i++) {
        if (args.get(i) instanceof HeadArg.Plain p) {
          b.addStatement("$L.g$L = $L", probe, i, castTo(r.head().relation().attributes().get(i).type(), p.expr()));
        }
      }
      if (r.head().destination().isPresent()) {
        b.addStatement("$L.dest = $L", probe, code.of(r.head().destination().get()));
      }
      b.addStatement("final int gp = groups_$L.positionOf($L)", name, probe);
      b.addStatement("final $N g = gp >= 0 ? groups_$L.get(gp) : $L.copy()", groupClass(rule), name, probe);
      b.beginControlFlow("if (gp < 0)").addStatement("groups_$L.add(g)", name).endControlFlow();
      for (int i = 0; i < args.size(); i++) {
        if (!(args.get(i) instanceof HeadArg.Aggregated agg)) {
          continue;
        }
        Type t = agg.type();
        switch (agg.aggregate()) {
          case COUNT -> {
            String dp = "distinctProbe_" + name + "_" + i;
            for (int j = 0; j < args.size(); j++) {
              if (args.get(j) instanceof HeadArg.Plain) {
                b.addStatement("$L.g$L = $L.g$L", dp, j, probe, j);
              }
            }
            if (r.head().destination().isPresent()) {
              b.addStatement("$L.dest = $L.dest", dp, probe);
            }
            b.addStatement("$L.x = $L", dp, code.of(agg.argument()));
            b.beginControlFlow("if (distinct_$L_$L.positionOf($L) < 0)", name, i, dp)
                .addStatement("distinct_$L_$L.add($L.copy())", name, i, dp)
                .addStatement("g.a$L++", i).endControlFlow();
          }
          case SUM -> b.addStatement("g.a$L += $L", i, code.of(agg.argument()));
          case MIN, MAX -> {
            CodeBlock value = code.of(agg.argument());
            String op = agg.aggregate() == dev.dedalus.processor.model.Aggregate.MIN ? "<" : ">";
            CodeBlock better = t.isNumeric()
                ? CodeBlock.of("$L $L g.a$L", value, op, i)
                : CodeBlock.of("$L.compareTo(g.a$L) $L 0", value, i, op);
            b.beginControlFlow("if (!g.seen || $L)", better).addStatement("g.a$L = $L", i, value).endControlFlow();
          }
          case CHOOSE -> b.beginControlFlow("if (!g.seen)").addStatement("g.a$L = $L", i, code.of(agg.argument())).endControlFlow();
          case INDEX -> { }
        }
      }
      b.addStatement("g.seen = true");
      if (rule.incrementalAggregate()) {
        b.addStatement("g.changed = true");
      }
      if (risky) {
        b.nextControlFlow("catch ($T e)", ArithmeticException.class).addStatement("continue").endControlFlow();
      }
    }

    /**
     * After the body: one head fact per group. Groups over per-tick facts are then forgotten; groups
     * over relations that only grow live on, and a sending rule sends only the groups that changed.
     */
    private void emitGroups(MethodSpec.Builder m) {
      String name = r.name();
      m.beginControlFlow("for (int gi = 0; gi < groups_$L.size(); gi++)", name);
      m.addStatement("final $N g = groups_$L.get(gi)", groupClass(rule), name);
      if (rule.incrementalAggregate() && r.kind() == RuleKind.ASYNC) {
        m.addStatement("if (!g.changed) continue");
      }
      if (rule.incrementalAggregate()) {
        m.addStatement("g.changed = false");
      }
      List<CodeBlock> values = new ArrayList<>();
      List<HeadArg> args = r.head().args();
      for (int i = 0; i < args.size(); i++) {
        Type column = r.head().relation().attributes().get(i).type();
        if (args.get(i) instanceof HeadArg.Aggregated agg) {
          if (agg.aggregate() == dev.dedalus.processor.model.Aggregate.INDEX) {
            values.add(ExprCode.convert(CodeBlock.of("gi"), Type.INT, column));
          } else if (agg.aggregate() == dev.dedalus.processor.model.Aggregate.COUNT) {
            values.add(ExprCode.convert(CodeBlock.of("g.a$L", i), Type.LONG, column));
          } else {
            values.add(CodeBlock.of("g.a$L", i));
          }
        } else {
          values.add(CodeBlock.of("g.g$L", i));
        }
      }
      ClassName record = Names.record(program, r.head().relation());
      CodeBlock fact = CodeBlock.of("new $T($L)", record, values.stream().collect(CodeBlock.joining(", ")));
      switch (r.kind()) {
        case DEDUCTIVE -> m.addStatement("derived |= $L.add($L)", rel(r.head().relation()), fact);
        case INDUCTIVE -> m.addStatement("derived |= $L.add($L)", next(r.head().relation()), fact);
        case ASYNC -> {
          if (rule.distinctSends()) {
            m.addStatement("final $T sent = $L", record, fact)
                .beginControlFlow("if ($L.add(g.dest, sent))", sent(r.head().relation()))
                .addStatement("out.send(g.dest, $T.$L, sent)", Names.codecs(program), Names.constant(r.head().relation().name()))
                .endControlFlow();
          } else {
            m.addStatement("out.send(g.dest, $T.$L, $L)", Names.codecs(program), Names.constant(r.head().relation().name()), fact);
          }
          m.addStatement("derived = true");
        }
      }
      m.endControlFlow();
      if (!rule.incrementalAggregate()) {
        m.addStatement("groups_$L.clear()", name);
        for (int i : countArguments(r)) {
          m.addStatement("distinct_$L_$L.clear()", name, i);
        }
      }
    }
  }

  private static Expr exprOf(HeadArg a) {
    return a instanceof HeadArg.Plain p ? p.expr() : ((HeadArg.Aggregated) a).argument();
  }

  /** Writes the mutable group and distinct-value classes of an aggregating rule. */
  private final class GroupWriter {
    private final RulePlan rule;
    private final Rule r;

    GroupWriter(RulePlan rule) {
      this.rule = rule;
      this.r = rule.rule();
    }

    TypeSpec groupClass() {
      String name = StageWriter.groupClass(rule);
      TypeSpec.Builder t = TypeSpec.classBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("One group of rule '$L': its group-by values and its running aggregates.\n", r.name());
      List<String> keyFields = keyFields(t);
      List<HeadArg> args = r.head().args();
      for (int i = 0; i < args.size(); i++) {
        if (args.get(i) instanceof HeadArg.Aggregated agg && agg.aggregate() != dev.dedalus.processor.model.Aggregate.INDEX) {
          TypeName type = agg.aggregate() == dev.dedalus.processor.model.Aggregate.COUNT ? TypeName.LONG : Names.java(agg.type());
          t.addField(type, "a" + i);
        }
      }
      t.addField(TypeName.BOOLEAN, "seen");
      if (rule.incrementalAggregate()) {
        t.addField(FieldSpec.builder(TypeName.BOOLEAN, "changed")
            .addJavadoc("Whether the group changed since it was last sent.\n").build());
      }
      finish(t, name, keyFields);
      return t.build();
    }

    TypeSpec distinctClass(int aggregateIndex) {
      String name = StageWriter.distinctClass(rule, aggregateIndex);
      TypeSpec.Builder t = TypeSpec.classBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("A group of rule '$L' with one value counted by its count(..), to count distinct values.\n", r.name());
      List<String> keyFields = keyFields(t);
      HeadArg.Aggregated agg = (HeadArg.Aggregated) r.head().args().get(aggregateIndex);
      t.addField(Names.java(agg.argument().type()), "x");
      keyFields.add("x:" + agg.argument().type().name());
      finish(t, name, keyFields);
      return t.build();
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

  // ---- naming helpers ------------------------------------------------------------------------

  private static List<Literal.AtomLiteral> positives(Rule rule) {
    return rule.atoms().filter(a -> !a.negated()).toList();
  }

  private static List<Integer> countArguments(Rule rule) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < rule.head().args().size(); i++) {
      if (rule.head().args().get(i) instanceof HeadArg.Aggregated agg
          && agg.aggregate() == dev.dedalus.processor.model.Aggregate.COUNT) {
        out.add(i);
      }
    }
    return out;
  }

  private static boolean usesWatermarks(RulePlan rule) {
    return rule.versions().size() > 1 || (rule.versions().size() == 1 && rule.versions().get(0).deltaAtom() >= 0);
  }

  static String rel(Relation r) {
    return "rel_" + r.name();
  }

  static String next(Relation r) {
    return "next_" + r.name();
  }

  static String timer(Relation r) {
    return "timer_" + r.name();
  }

  static String watermark(RulePlan rule, int atom) {
    return "wm_" + rule.rule().name() + "_" + atom;
  }

  static String groupClass(RulePlan rule) {
    return "Group_" + rule.rule().name();
  }

  static String distinctClass(RulePlan rule, int aggregateIndex) {
    return "Distinct_" + rule.rule().name() + "_" + aggregateIndex;
  }
}
