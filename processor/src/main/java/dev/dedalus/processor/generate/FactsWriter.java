package dev.dedalus.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.dedalus.processor.model.Attribute;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Program>_Facts}: value hash and equality for every relation, column by column,
 * with byte arrays compared by content, so fact sets have set semantics by value.
 */
final class FactsWriter {
  private FactsWriter() {}

  static TypeSpec write(Program program) {
    TypeSpec.Builder type = TypeSpec.classBuilder(Names.facts(program))
        .addJavadoc("Hash and equality of the facts of $L, by value.\n", program.qualifiedName())
        .addAnnotation(Names.generated(program))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (Relation r : program.relations()) {
      type.addField(hasher(program, r));
    }
    return type.build();
  }

  private static FieldSpec hasher(Program program, Relation r) {
    ClassName record = Names.record(program, r);
    TypeName hasherType = ParameterizedTypeName.get(Names.FACT_HASHER, record);
    CodeBlock h = CodeBlock.of("$T.start()", Names.HASHING);
    for (Attribute a : r.attributes()) {
      h = ExprCode.hashAdd(h, a.type(), CodeBlock.of("f.$N()", a.name()));
    }
    CodeBlock same = columnsEqual(r.attributes(), "a", "b");
    TypeSpec impl = TypeSpec.anonymousClassBuilder("")
        .addSuperinterface(hasherType)
        .addMethod(MethodSpec.methodBuilder("hash").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
            .returns(TypeName.INT).addParameter(record, "f")
            .addStatement("return $T.finish($L)", Names.HASHING, h).build())
        .addMethod(MethodSpec.methodBuilder("same").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
            .returns(TypeName.BOOLEAN).addParameter(record, "a").addParameter(record, "b")
            .addStatement("return $L", same).build())
        .build();
    return FieldSpec.builder(hasherType, Names.constant(r.name()), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .initializer("$L", impl).build();
  }

  static CodeBlock columnsEqual(List<Attribute> attributes, String a, String b) {
    if (attributes.isEmpty()) {
      return CodeBlock.of("true");
    }
    return attributes.stream()
        .map(at -> ExprCode.equal(at.type(), CodeBlock.of("$L.$N()", a, at.name()), CodeBlock.of("$L.$N()", b, at.name())))
        .collect(CodeBlock.joining(" && "));
  }
}
