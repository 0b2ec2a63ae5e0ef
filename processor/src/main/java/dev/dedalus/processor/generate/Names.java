package dev.dedalus.processor.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.Role;
import dev.dedalus.processor.model.Type;

/** Names of generated classes and of the runtime types they use. */
final class Names {
  static final String RUNTIME = "dev.dedalus.runtime";
  static final ClassName LOCATION = ClassName.get("dev.dedalus", "Location");
  static final ClassName STAGE = ClassName.get(RUNTIME, "Stage");
  static final ClassName STAGE_CONTEXT = ClassName.get(RUNTIME, "StageContext");
  static final ClassName OUTBOUND = ClassName.get(RUNTIME, "Outbound");
  static final ClassName JOURNAL = ClassName.get(RUNTIME, "Journal");
  static final ClassName RELATION_CODEC = ClassName.get(RUNTIME, "RelationCodec");
  static final ClassName DECODE_CURSOR = ClassName.get(RUNTIME, "DecodeCursor");
  static final ClassName CODECS = ClassName.get(RUNTIME, "Codecs");
  static final ClassName HASHING = ClassName.get(RUNTIME, "Hashing");
  static final ClassName PROGRAM = ClassName.get(RUNTIME, "DedalusProgram");
  static final ClassName TOPOLOGY = ClassName.get(RUNTIME, "Topology");
  static final ClassName FACT_SET = ClassName.get(RUNTIME + ".eval", "FactSet");
  static final ClassName SENT_FACTS = ClassName.get(RUNTIME + ".eval", "SentFacts");
  static final ClassName FACT_HASHER = ClassName.get(RUNTIME + ".eval", "FactHasher");
  static final ClassName KEY_HASHER = ClassName.get(RUNTIME + ".eval", "KeyHasher");
  static final ClassName HASH_INDEX = ClassName.get(RUNTIME + ".eval", "HashIndex");
  static final ClassName POSITIONS = ClassName.get(RUNTIME + ".eval", "Positions");
  static final ClassName ORDERED_COUNTS = ClassName.get(RUNTIME + ".eval", "OrderedCounts");
  static final ClassName DIRECT_BUFFER = ClassName.get("org.agrona", "DirectBuffer");
  static final ClassName MUTABLE_DIRECT_BUFFER = ClassName.get("org.agrona", "MutableDirectBuffer");
  static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
  static final ClassName LIST = ClassName.get("java.util", "List");

  private Names() {}

  static ClassName record(Program program, Relation relation) {
    return ClassName.get(program.packageName(), program.name(), relation.name());
  }

  static ClassName programClass(Program program) {
    return ClassName.get(program.packageName(), program.name());
  }

  /** The stage class of a role in a plan: {@code Voting_LeaderStage}, {@code Voting_Optimized_LeaderStage}. */
  static ClassName stage(Program program, String plan, Role role) {
    return ClassName.get(program.packageName(), program.name() + planInfix(plan) + "_" + role.name() + "Stage");
  }

  static String planInfix(String plan) {
    return plan.equals("base") ? "" : "_" + Character.toUpperCase(plan.charAt(0)) + plan.substring(1);
  }

  static ClassName plans(Program program) {
    return ClassName.get(program.packageName(), program.name() + "_Plans");
  }

  static ClassName facts(Program program) {
    return ClassName.get(program.packageName(), program.name() + "_Facts");
  }

  static ClassName codecs(Program program) {
    return ClassName.get(program.packageName(), program.name() + "_Codecs");
  }

  static ClassName descriptor(Program program, String plan) {
    return ClassName.get(program.packageName(), program.name() + planInfix(plan) + "_Program");
  }

  static ClassName client(Program program) {
    return ClassName.get(program.packageName(), program.name() + "_Client");
  }

  /** ClientIn to CLIENT_IN. */
  static String constant(String camel) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c) && i > 0
          && (Character.isLowerCase(camel.charAt(i - 1)) || (i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1))))) {
        s.append('_');
      }
      s.append(Character.toUpperCase(c));
    }
    return s.toString();
  }

  static TypeName java(Type type) {
    return switch (type) {
      case INT -> TypeName.INT;
      case LONG -> TypeName.LONG;
      case BOOLEAN -> TypeName.BOOLEAN;
      case DOUBLE -> TypeName.DOUBLE;
      case STRING -> ClassName.get(String.class);
      case BYTES -> ArrayTypeName.of(TypeName.BYTE);
      case LOCATION -> LOCATION;
    };
  }

  /** The suffix of the {@code Codecs.readX}/{@code writeX} methods for a type. */
  static String codecSuffix(Type type) {
    return switch (type) {
      case INT -> "Int";
      case LONG -> "Long";
      case BOOLEAN -> "Boolean";
      case DOUBLE -> "Double";
      case STRING -> "String";
      case BYTES -> "Bytes";
      case LOCATION -> "Location";
    };
  }

  static AnnotationSpec generated(Program program) {
    return AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
        .addMember("value", "$S", "dev.dedalus.processor.DedalusProcessor")
        .addMember("comments", "$S", "from " + program.qualifiedName())
        .build();
  }
}
