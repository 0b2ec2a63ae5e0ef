package dev.dedalus.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.dedalus.processor.model.Answer;
import dev.dedalus.processor.model.Attribute;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RelationKind;
import dev.dedalus.processor.model.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * Adds to the typed client what {@code @Answered} inputs need: {@code call} methods that send a
 * request and remember it by its key, {@code resendDue} that sends unanswered calls again, and an
 * instance {@code accept} that matches each answer to its call, handing it to the listener once.
 * The bookkeeping is the runtime's {@code PendingCalls}, one per answered input; a client without
 * answered inputs gets none of this and stays as it was.
 */
final class CallsWriter {
  private static final ClassName PENDING_CALLS = ClassName.get(Names.RUNTIME, "PendingCalls");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");

  private final Program program;
  private final ClassName listener;
  /** The answered inputs the client can send, in declaration order. */
  private final List<Relation> inputs = new ArrayList<>();

  CallsWriter(Program program, ClassName listener) {
    this.program = program;
    this.listener = listener;
  }

  /**
   * Adds the calls of {@code input}, an answered input that role {@code receiver} receives and
   * whose destinations are in field {@code destinations}.
   */
  void addInput(TypeSpec.Builder type, MethodSpec.Builder constructor, Relation input, String receiver, String destinations) {
    Answer answer = input.answer().orElseThrow();
    ClassName record = Names.record(program, input);
    TypeName key = Names.java(keyOf(input)).box();
    String calls = callsField(input);
    String sender = "send" + input.name();
    inputs.add(input);
    type.addField(FieldSpec.builder(ParameterizedTypeName.get(PENDING_CALLS, key, record), calls,
        Modifier.PRIVATE, Modifier.FINAL).build());
    constructor.addStatement("this.$N = new $T<>($LL, this::$N)", calls, PENDING_CALLS, answer.resendAfterMillis(), sender);
    String keeps = String.format("keeps it until a {@code %s} with the same {@code %s} comes back:\n{@link #resendDue} "
        + "sends it again each time it has waited %d ms without one.\n", answer.by(), answer.key(), answer.resendAfterMillis());
    String params = "@param nowMillis the time now, on the clock that {@link #resendDue} is given\n"
        + "@throws IllegalStateException if a call of {@code " + input.name() + "} with this {@code " + answer.key()
        + "} is still pending\n";
    type.addMethod(MethodSpec.methodBuilder("call").addModifiers(Modifier.PUBLIC)
        .addJavadoc("Sends {@code $L} to every instance of role {@code $L}, as a client does not know which\n"
            + "one will take it, and $L\n$L", input.name(), receiver, keeps, params)
        .addParameter(record, "fact").addParameter(TypeName.LONG, "nowMillis")
        .addStatement("$N.add(fact.$N(), fact, $T.EVERY_INSTANCE, nowMillis)", calls, answer.key(), PENDING_CALLS)
        .addStatement("$N($T.EVERY_INSTANCE, fact)", sender, PENDING_CALLS)
        .build());
    type.addMethod(MethodSpec.methodBuilder("call").addModifiers(Modifier.PUBLIC)
        .addJavadoc("Sends {@code $L} to one instance of role {@code $L}, and\n$L\n"
            + "@param instance the instance of role {@code $L}, from 0\n$L", input.name(), receiver, keeps, receiver, params)
        .addParameter(TypeName.INT, "instance").addParameter(record, "fact").addParameter(TypeName.LONG, "nowMillis")
        .addStatement("$T.checkIndex(instance, $N.size())", OBJECTS, destinations)
        .addStatement("$N.add(fact.$N(), fact, instance, nowMillis)", calls, answer.key())
        .addStatement("$N(instance, fact)", sender)
        .build());
    type.addMethod(MethodSpec.methodBuilder(sender).addModifiers(Modifier.PRIVATE)
        .addJavadoc("Sends {@code $L} to one instance of role {@code $L}, or to every one for\n{@code EVERY_INSTANCE}.\n",
            input.name(), receiver)
        .addParameter(TypeName.INT, "instance").addParameter(record, "fact")
        .beginControlFlow("if (instance != $T.EVERY_INSTANCE)", PENDING_CALLS)
        .addStatement("send(instance, fact)")
        .addStatement("return")
        .endControlFlow()
        .beginControlFlow("for (int i = 0; i < $N.size(); i++)", destinations)
        .addStatement("send(i, fact)")
        .endControlFlow()
        .build());
  }

  /** Adds the methods over every answered input; nothing if the client has none. */
  void finish(TypeSpec.Builder type, List<Relation> network) {
    if (inputs.isEmpty()) {
      return;
    }
    type.addMethod(MethodSpec.methodBuilder("resendDue").addModifiers(Modifier.PUBLIC).returns(TypeName.INT)
        .addJavadoc("Sends again, to where it first went, every call that has waited its input's resend time for\n"
            + "its answer since it was last sent; call it as time passes.\n\n"
            + "@param nowMillis the time now, never earlier than a time given before\n"
            + "@return how many calls were sent again\n")
        .addParameter(TypeName.LONG, "nowMillis")
        .addStatement("return $L", join("$W+ ", input -> CodeBlock.of("$N.resendDue(nowMillis)", callsField(input))))
        .build());
    type.addMethod(MethodSpec.methodBuilder("nextResendMillis").addModifiers(Modifier.PUBLIC).returns(TypeName.LONG)
        .addJavadoc("The earliest time at which {@link #resendDue} will send a call again; Long.MAX_VALUE if no\n"
            + "call is pending.\n")
        .addStatement("return $L", minimum(0))
        .build());
    type.addMethod(MethodSpec.methodBuilder("pending").addModifiers(Modifier.PUBLIC).returns(TypeName.INT)
        .addJavadoc("How many calls wait for their answer.\n")
        .addStatement("return $L", join("$W+ ", input -> CodeBlock.of("$N.size()", callsField(input))))
        .build());
    type.addMethod(accept(network));
  }

  /**
   * {@code accept}: answers go to the listener only if they answer a pending call, which they then
   * end; other outputs go as {@code dispatch} sends them.
   */
  private MethodSpec accept(List<Relation> network) {
    MethodSpec.Builder accept = MethodSpec.methodBuilder("accept").addModifiers(Modifier.PUBLIC).returns(TypeName.BOOLEAN)
        .addJavadoc("Hands a decoded output fact to the listener, as {@link #dispatch} does, except that an answer\n"
            + "reaches the listener only if it answers a pending call, which it ends: so the listener gets one\n"
            + "answer per call, and a duplicate answer, or one to a call already answered, is dropped.\n\n"
            + "@return whether the listener got the fact\n")
        .addParameter(TypeName.INT, "relationId").addParameter(Object.class, "fact").addParameter(listener, "listener")
        .beginControlFlow("switch (relationId)");
    for (Relation output : network) {
      if (!output.is(RelationKind.OUTPUT)) {
        continue;
      }
      List<Relation> answered = inputs.stream().filter(i -> i.answer().orElseThrow().by().equals(output.name())).toList();
      if (answered.isEmpty()) {
        continue;
      }
      ClassName record = Names.record(program, output);
      List<CodeBlock> ends = new ArrayList<>();
      for (Relation input : answered) {
        ends.add(CodeBlock.of("$N.answer(answer.$N())", callsField(input), input.answer().orElseThrow().key()));
      }
      accept.addCode("case $L: {\n$>", network.indexOf(output))
          .addStatement("$T answer = ($T) fact", record, record)
          .beginControlFlow("if (!$L)", ends.size() == 1 ? ends.get(0) : CodeBlock.of("($L)", CodeBlock.join(ends, "$W|| ")))
          .addStatement("return false")
          .endControlFlow()
          .addStatement("listener.on$L(answer)", output.name())
          .addStatement("return true")
          .addCode("$<}\n");
    }
    return accept.addCode("default:\n").addStatement("$>return dispatch(relationId, fact, listener)$<").endControlFlow().build();
  }

  /** {@code Math.min} over the inputs' next resend times, from input {@code from} on. */
  private CodeBlock minimum(int from) {
    CodeBlock next = CodeBlock.of("$N.nextResendMillis()", callsField(inputs.get(from)));
    return from == inputs.size() - 1 ? next : CodeBlock.of("$T.min($L,$W$L)", Math.class, next, minimum(from + 1));
  }

  private CodeBlock join(String separator, Function<Relation, CodeBlock> each) {
    return CodeBlock.join(inputs.stream().map(each).toList(), separator);
  }

  private static String callsField(Relation input) {
    return Character.toLowerCase(input.name().charAt(0)) + input.name().substring(1) + "Calls";
  }

  private static Type keyOf(Relation input) {
    String key = input.answer().orElseThrow().key();
    return input.attributes().stream().filter(a -> a.name().equals(key)).map(Attribute::type).findFirst().orElseThrow();
  }
}
