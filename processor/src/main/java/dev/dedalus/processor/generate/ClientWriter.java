package dev.dedalus.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RelationKind;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Program>_Client}: a typed client that sends {@code @Input} facts to the role that
 * receives them and dispatches {@code @Output} facts to a typed listener; for {@code @Answered}
 * inputs, {@link CallsWriter} adds calls that are sent again until answered. It works over any
 * {@code Outbound}, so the same client drives an Aeron cluster or the simulator.
 */
final class ClientWriter {
  private ClientWriter() {}

  static TypeSpec write(Program program, List<Relation> network) {
    ClassName self = Names.client(program);
    ClassName listener = self.nestedClass("Listener");
    TypeSpec.Builder listenerType = TypeSpec.interfaceBuilder(listener).addModifiers(Modifier.PUBLIC)
        .addJavadoc("Receives the program's outputs; override the methods of the outputs you expect.\n");
    MethodSpec.Builder dispatch = MethodSpec.methodBuilder("dispatch").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("Hands a decoded output fact to the listener; returns false if the relation is not an output.\n")
        .returns(TypeName.BOOLEAN).addParameter(TypeName.INT, "relationId").addParameter(Object.class, "fact")
        .addParameter(listener, "listener")
        .beginControlFlow("switch (relationId)");
    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addJavadoc("A typed client of $L.\n", program.qualifiedName())
        .addAnnotation(Names.generated(program))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addField(Names.LOCATION, "self", Modifier.PRIVATE, Modifier.FINAL)
        .addField(Names.OUTBOUND, "transport", Modifier.PRIVATE, Modifier.FINAL);
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addJavadoc("@param self this client's location, which outputs are sent to\n"
            + "@param transport how facts leave this client\n@param topology where the receiving roles run\n")
        .addParameter(Names.LOCATION, "self").addParameter(Names.OUTBOUND, "transport").addParameter(Names.TOPOLOGY, "topology")
        .addStatement("this.self = self").addStatement("this.transport = transport");
    CallsWriter calls = new CallsWriter(program, listener);
    for (Relation r : network) {
      ClassName record = Names.record(program, r);
      if (r.is(RelationKind.OUTPUT)) {
        String method = "on" + r.name();
        listenerType.addMethod(MethodSpec.methodBuilder(method).addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
            .addParameter(record, "fact").build());
        dispatch.addCode("case $L:\n", network.indexOf(r))
            .addStatement("$>listener.$N(($T) fact)", method, record).addStatement("return true$<");
      } else if (r.is(RelationKind.INPUT)) {
        Optional<String> receiver = ProgramWriter.receiver(program, r);
        if (receiver.isEmpty()) {
          continue;
        }
        String field = "to" + r.name();
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(Names.LIST, Names.LOCATION), field,
            Modifier.PRIVATE, Modifier.FINAL).build());
        constructor.addStatement("this.$N = topology.addressesOf($S)", field, receiver.get());
        type.addMethod(MethodSpec.methodBuilder("send").addModifiers(Modifier.PUBLIC)
            .addJavadoc("Sends {@code $L} to the first instance of role {@code $L}.\n", r.name(), receiver.get())
            .addParameter(record, "fact").addStatement("send(0, fact)").build());
        type.addMethod(MethodSpec.methodBuilder("send").addModifiers(Modifier.PUBLIC)
            .addJavadoc("Sends {@code $L} to one instance of role {@code $L}.\n", r.name(), receiver.get())
            .addParameter(TypeName.INT, "instance").addParameter(record, "fact")
            .addStatement("transport.send($N.get(instance), $T.$L, fact)", field, Names.codecs(program), Names.constant(r.name()))
            .build());
        if (r.answer().isPresent()) {
          calls.addInput(type, constructor, r, receiver.get(), field);
        }
      }
    }
    dispatch.addCode("default:\n").addStatement("$>return false$<").endControlFlow();
    type.addMethod(constructor.build())
        .addMethod(MethodSpec.methodBuilder("self").addModifiers(Modifier.PUBLIC).returns(Names.LOCATION)
            .addJavadoc("This client's location: put it in inputs so that outputs come back here.\n")
            .addStatement("return self").build());
    calls.finish(type, network);
    return type.addMethod(dispatch.build())
        .addType(listenerType.build())
        .build();
  }
}
