package dev.dedalus.processor.generate;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.plan.RolePlan;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;

/**
 * Prints a stage's routing: the addresses of the roles its rules forward to or partition by
 * (the plan's {@code forwards} and {@code routedRoles}), and the methods that pick a destination.
 */
final class RoutingWriter {
  private final RolePlan plan;

  RoutingWriter(RolePlan plan) {
    this.plan = plan;
  }

  /** Roles a {@code forward} goes to: the stage needs their instances' addresses. */
  private Set<String> forwardTargets() {
    Set<String> roles = new TreeSet<>();
    plan.forwards().forEach(f -> roles.add(f.to()));
    return roles;
  }

  /** Roles whose nodes the stage must tell apart: those it forwards from and those it routes to. */
  private Set<String> indexedRoles() {
    Set<String> roles = new TreeSet<>(plan.routedRoles());
    plan.forwards().forEach(f -> roles.add(f.from()));
    return roles;
  }

  void fields(TypeSpec.Builder type) {
    for (String role : forwardTargets()) {
      type.addField(FieldSpec.builder(ArrayTypeName.of(Names.LOCATION), "addresses_" + role,
          Modifier.PRIVATE, Modifier.FINAL).addJavadoc("One location per instance of $L (its first partition).\n", role).build());
    }
    for (String role : indexedRoles()) {
      type.addField(FieldSpec.builder(ArrayTypeName.of(Names.LOCATION), "all_" + role,
          Modifier.PRIVATE, Modifier.FINAL).addJavadoc("Every node of $L, partition by partition, instance by instance.\n", role).build());
      type.addField(TypeName.INT, "partitions_" + role, Modifier.PRIVATE, Modifier.FINAL);
      type.addField(FieldSpec.builder(ArrayTypeName.of(TypeName.INT), "instanceIndex_" + role,
          Modifier.PRIVATE, Modifier.FINAL).addJavadoc("By location id: 1 + the node's index in all_$L, or 0.\n", role).build());
    }
  }

  void init(MethodSpec.Builder m) {
    for (String role : forwardTargets()) {
      m.addStatement("this.addresses_$L = context.addressesOf($S).toArray(new $T[0])", role, role, Names.LOCATION);
    }
    for (String role : indexedRoles()) {
      m.addStatement("this.all_$L = context.allInstancesOf($S).toArray(new $T[0])", role, role, Names.LOCATION);
      m.addStatement("this.partitions_$L = context.partitionsOf($S)", role, role);
      m.addStatement("this.instanceIndex_$L = indexById(all_$L)", role, role);
    }
  }

  void methods(TypeSpec.Builder type) {
    if (indexedRoles().isEmpty()) {
      return;
    }
    type.addMethod(MethodSpec.methodBuilder("indexById").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(ArrayTypeName.of(TypeName.INT))
        .addParameter(ArrayTypeName.of(Names.LOCATION), "nodes")
        .addStatement("long max = 0")
        .beginControlFlow("for ($T l : nodes)", Names.LOCATION).addStatement("max = $T.max(max, l.id())", Math.class).endControlFlow()
        .addStatement("final int[] index = new int[(int) max + 1]")
        .beginControlFlow("for (int i = 0; i < nodes.length; i++)").addStatement("index[(int) nodes[i].id()] = i + 1").endControlFlow()
        .addStatement("return index")
        .build());
    for (Expr.Forward f : plan.forwards()) {
      type.addMethod(forwardMethod(f));
    }
    for (String role : plan.routedRoles()) {
      type.addMethod(partitionMethod(role));
    }
    type.addMethod(MethodSpec.methodBuilder("indexOf").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("The index of a node among its role's nodes, looked up by location id; -1 if not one of them.\n")
        .returns(TypeName.INT).addParameter(ArrayTypeName.of(TypeName.INT), "index")
        .addParameter(Names.LOCATION, "location")
        .addStatement("final long id = location.id()")
        .addStatement("return id >= 0 && id < index.length ? index[(int) id] - 1 : -1")
        .build());
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
}
