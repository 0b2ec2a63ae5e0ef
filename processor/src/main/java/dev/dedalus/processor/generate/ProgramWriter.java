package dev.dedalus.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RelationKind;
import dev.dedalus.processor.model.Role;
import dev.dedalus.processor.plan.RelationUse;
import dev.dedalus.processor.plan.RolePlan;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/** Writes {@code <Program>_Program}, the runtime's entry point to a compiled program. */
final class ProgramWriter {
  private ProgramWriter() {}

  /** The role receiving an input: the one named by {@code @Input(role)}, else the one reading it. */
  static Optional<String> receiver(Program program, Relation input) {
    if (input.inputRole().isPresent()) {
      return input.inputRole();
    }
    return program.roles().stream().filter(r -> r.reads().contains(input.name())).map(Role::name).findFirst();
  }

  /** {@code <Program>_Plans}: every compiled plan of a program, by name. */
  static TypeSpec plans(Program program, List<String> compiled) {
    // Every program has both plans; without hints the optimized plan is the base plan.
    List<String> plans = List.of("base", "optimized");
    MethodSpec.Builder plan = MethodSpec.methodBuilder("plan").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("The compiled plan named {@code name}: $L.$L\n", String.join(" or ", plans),
            compiled.contains("optimized") ? "" : " The program has no rewrite hints, so both are the program as written.")
        .returns(Names.PROGRAM).addParameter(String.class, "name")
        .beginControlFlow("switch (name)");
    for (String p : plans) {
      plan.addCode("case $S:\n", p).addStatement("$>return $T.INSTANCE$<",
          Names.descriptor(program, compiled.contains(p) ? p : "base"));
    }
    plan.addCode("default:\n")
        .addStatement("$>throw new $T(\"program $L has no plan '\" + name + \"'; plans: \" + NAMES)$<",
            IllegalArgumentException.class, program.qualifiedName())
        .endControlFlow();
    return TypeSpec.classBuilder(Names.plans(program))
        .addJavadoc("The compiled plans of $L: base is the program as written; optimized has every rewrite hint applied.\n",
            program.qualifiedName())
        .addAnnotation(Names.generated(program))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addField(FieldSpec.builder(ParameterizedTypeName.get(Names.LIST, ClassName.get(String.class)), "NAMES",
                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("$T.of($L)", Names.LIST, plans.stream().map(p -> CodeBlock.of("$S", p)).collect(CodeBlock.joining(", ")))
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(plan.build())
        .build();
  }

  /** {@code instanceSources()}: each decoupled role runs one instance per instance of the role it was split from. */
  private static List<MethodSpec> instanceSources(Program program, dev.dedalus.processor.rewrite.Safety safety) {
    if (program.instanceSources().isEmpty() || safety.skips(dev.dedalus.processor.rewrite.Condition.FOLLOWED_INSTANCES)) {
      return List.of();
    }
    CodeBlock entries = program.instanceSources().entrySet().stream()
        .map(e -> CodeBlock.of("$T.entry($S, $S)", java.util.Map.class, e.getKey(), e.getValue())).collect(CodeBlock.joining(", "));
    return List.of(MethodSpec.methodBuilder("instanceSources").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .addJavadoc("Each role a decoupling created, with the role it was split from: it runs one instance per instance of that role.\n")
        .returns(ParameterizedTypeName.get(ClassName.get(java.util.Map.class), ClassName.get(String.class), ClassName.get(String.class)))
        .addStatement("return $T.ofEntries($L)", java.util.Map.class, entries)
        .build());
  }

  /** {@code durableRelations(role)}: the codecs of the durable relations each role keeps, for its journal. */
  private static List<MethodSpec> durableRelations(List<RolePlan> rolePlans) {
    List<RolePlan> keeping = rolePlans.stream().filter(p -> p.relations().stream().anyMatch(RelationUse::durable)).toList();
    if (keeping.isEmpty()) {
      return List.of();
    }
    TypeName anyCodec = ParameterizedTypeName.get(Names.RELATION_CODEC, WildcardTypeName.subtypeOf(Object.class));
    MethodSpec.Builder m = MethodSpec.methodBuilder("durableRelations").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(Names.LIST, anyCodec)).addParameter(String.class, "role")
        .beginControlFlow("switch (role)");
    for (RolePlan p : keeping) {
      CodeBlock codecs = p.relations().stream().filter(RelationUse::durable)
          .map(u -> CodeBlock.of("$T.$L", Names.codecs(p.program()), Names.constant(u.name()))).collect(CodeBlock.joining(", "));
      m.addCode("case $S:\n", p.role().name()).addStatement("$>return $T.of($L)$<", Names.LIST, codecs);
    }
    m.addCode("default:\n").addStatement("$>return $T.of()$<", Names.LIST).endControlFlow();
    return List.of(m.build());
  }

  static TypeSpec write(Program program, String plan, dev.dedalus.processor.rewrite.Safety safety, List<RolePlan> rolePlans) {
    ClassName self = Names.descriptor(program, plan);
    MethodSpec.Builder newStage = MethodSpec.methodBuilder("newStage").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(Names.STAGE)
        .addParameter(String.class, "role").addParameter(Names.STAGE_CONTEXT, "context")
        .beginControlFlow("switch (role)");
    for (Role role : program.roles()) {
      newStage.addCode("case $S:\n", role.name()).addStatement("$>return new $T(context)$<", Names.stage(program, plan, role));
    }
    newStage.addCode("default:\n")
        .addStatement("$>throw new $T(\"program $L has no role '\" + role + \"'; roles: \" + ROLES)$<",
            IllegalArgumentException.class, program.qualifiedName())
        .endControlFlow();

    MethodSpec.Builder inputRole = MethodSpec.methodBuilder("inputRole").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(String.class)
        .addParameter(ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)), "inputType");
    for (Relation r : program.relations()) {
      if (r.is(RelationKind.INPUT)) {
        Optional<String> receiver = receiver(program, r);
        if (receiver.isPresent()) {
          inputRole.beginControlFlow("if (inputType == $T.class)", Names.record(program, r))
              .addStatement("return $S", receiver.get()).endControlFlow();
        }
      }
    }
    inputRole.addStatement("throw new $T(inputType.getName() + \" is not an input received by a role of $L\")",
        IllegalArgumentException.class, program.qualifiedName());

    TypeName anyCodec = ParameterizedTypeName.get(Names.RELATION_CODEC, WildcardTypeName.subtypeOf(Object.class));
    return TypeSpec.classBuilder(self)
        .addJavadoc("The compiled program $L, plan $L: its roles, stages and codecs.\n", program.qualifiedName(), plan)
        .addAnnotation(Names.generated(program))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(Names.PROGRAM)
        .addField(FieldSpec.builder(self, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("new $T()", self).build())
        .addField(FieldSpec.builder(ParameterizedTypeName.get(Names.LIST, ClassName.get(String.class)), "ROLES",
                Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$T.of($L)", Names.LIST, program.roles().stream().map(r -> CodeBlock.of("$S", r.name()))
                .collect(CodeBlock.joining(", ")))
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("name").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
            .returns(String.class).addStatement("return $S", program.qualifiedName()).build())
        .addMethod(MethodSpec.methodBuilder("roles").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(Names.LIST, ClassName.get(String.class))).addStatement("return ROLES").build())
        .addMethod(MethodSpec.methodBuilder("plan").addModifiers(Modifier.PUBLIC)
            .addJavadoc("The plan this class runs.\n")
            .returns(String.class).addStatement("return $S", plan).build())
        .addMethod(MethodSpec.methodBuilder("partitionedRoles").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(Names.LIST, ClassName.get(String.class)))
            .addStatement("return $T.of($L)", Names.LIST, program.partitions().stream()
                .map(p -> CodeBlock.of("$S", p.role())).collect(CodeBlock.joining(", ")))
            .build())
        .addMethods(instanceSources(program, safety))
        .addMethods(durableRelations(rolePlans))
        .addMethod(newStage.build())
        .addMethod(MethodSpec.methodBuilder("codecs").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(Names.LIST, anyCodec)).addStatement("return $T.ALL", Names.codecs(program)).build())
        .addMethod(inputRole.build())
        .build();
  }
}
