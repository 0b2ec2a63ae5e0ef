package dev.dedalus.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.dedalus.processor.model.Attribute;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Program>_Codecs}: one binary codec per relation that crosses the network. A
 * relation's id is its position among those relations; its schema hash covers its name and its
 * attributes' names and types, so peers built from different versions of a program reject each
 * other's frames instead of misreading them.
 */
final class CodecsWriter {
  private CodecsWriter() {}

  static TypeSpec write(Program program, List<Relation> network) {
    ClassName self = Names.codecs(program);
    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addJavadoc("Binary codecs of the relations of $L that cross the network.\n", program.qualifiedName())
        .addAnnotation(Names.generated(program))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (int id = 0; id < network.size(); id++) {
      Relation r = network.get(id);
      TypeSpec codec = codec(program, r, id);
      type.addType(codec);
      type.addField(FieldSpec.builder(self.nestedClass(codec.name()), Names.constant(r.name()),
          Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL).initializer("new $N()", codec).build());
    }
    TypeName anyCodec = ParameterizedTypeName.get(Names.RELATION_CODEC, WildcardTypeName.subtypeOf(Object.class));
    type.addField(FieldSpec.builder(ParameterizedTypeName.get(Names.LIST, anyCodec), "ALL",
            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Every codec, indexed by relation id.\n")
        .initializer("$T.of($L)", Names.LIST, network.stream().map(r -> CodeBlock.of("$L", Names.constant(r.name())))
            .collect(CodeBlock.joining(", ")))
        .build());
    return type.build();
  }

  /** FNV-1a over the relation's canonical signature, e.g. {@code VoteReq(client:Location,id:long)}. */
  static int schemaHash(Relation r) {
    String signature = r.name() + r.attributes().stream().map(a -> a.name() + ":" + a.type().javaName())
        .collect(Collectors.joining(",", "(", ")"));
    int h = 0x811c9dc5;
    for (byte b : signature.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    return h;
  }

  private static TypeSpec codec(Program program, Relation r, int id) {
    ClassName record = Names.record(program, r);
    CodeBlock length = CodeBlock.of("$L", fixedLength(r));
    for (Attribute a : r.attributes()) {
      if (a.type() == Type.STRING) {
        length = CodeBlock.of("$L + $T.stringLength(fact.$N())", length, Names.CODECS, a.name());
      } else if (a.type() == Type.BYTES) {
        length = CodeBlock.of("$L + $T.bytesLength(fact.$N())", length, Names.CODECS, a.name());
      }
    }
    MethodSpec.Builder encode = MethodSpec.methodBuilder("encode").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(TypeName.INT)
        .addParameter(record, "fact").addParameter(Names.MUTABLE_DIRECT_BUFFER, "buffer").addParameter(TypeName.INT, "offset")
        .addStatement("int o = offset");
    for (Attribute a : r.attributes()) {
      encode.addStatement("o = $T.write$L(buffer, o, fact.$N())", Names.CODECS, Names.codecSuffix(a.type()), a.name());
    }
    encode.addStatement("return o");
    CodeBlock reads = r.attributes().stream()
        .map(a -> CodeBlock.of("$T.read$L(buffer, cursor)", Names.CODECS, Names.codecSuffix(a.type())))
        .collect(CodeBlock.joining(", "));
    return TypeSpec.classBuilder(r.name() + "Codec")
        .addJavadoc("The codec of {@code $L}: $L.\n", r.name(),
            r.attributes().isEmpty() ? "no attributes" : r.attributes().stream().map(Attribute::toString).collect(Collectors.joining(", ")))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(Names.RELATION_CODEC, record))
        .addField(FieldSpec.builder(TypeName.INT, "RELATION_ID", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("$L", id).build())
        .addField(FieldSpec.builder(TypeName.INT, "SCHEMA_HASH", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("0x$L", String.format("%08x", schemaHash(r))).build())
        .addMethod(MethodSpec.methodBuilder("relationId").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
            .returns(TypeName.INT).addStatement("return RELATION_ID").build())
        .addMethod(MethodSpec.methodBuilder("schemaHash").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
            .returns(TypeName.INT).addStatement("return SCHEMA_HASH").build())
        .addMethod(MethodSpec.methodBuilder("relationName").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
            .returns(String.class).addStatement("return $S", r.name()).build())
        .addMethod(MethodSpec.methodBuilder("type").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(ClassName.get(Class.class), record)).addStatement("return $T.class", record).build())
        .addMethod(MethodSpec.methodBuilder("encodedLength").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
            .returns(TypeName.INT).addParameter(record, "fact").addStatement("return $L", length).build())
        .addMethod(encode.build())
        .addMethod(MethodSpec.methodBuilder("decode").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
            .returns(record).addParameter(Names.DIRECT_BUFFER, "buffer").addParameter(Names.DECODE_CURSOR, "cursor")
            .addComment("Arguments are evaluated left to right, in encoding order.")
            .addStatement("return new $T($L)", record, reads).build())
        .build();
  }

  private static int fixedLength(Relation r) {
    int n = 0;
    for (Attribute a : r.attributes()) {
      n += switch (a.type()) {
        case INT -> 4;
        case LONG, DOUBLE, LOCATION -> 8;
        case BOOLEAN -> 1;
        case STRING, BYTES -> 0;
      };
    }
    return n;
  }
}
