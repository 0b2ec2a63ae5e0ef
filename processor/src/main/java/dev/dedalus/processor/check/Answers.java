package dev.dedalus.processor.check;

import dev.dedalus.processor.diag.DiagnosticId;
import dev.dedalus.processor.diag.Reporter;
import dev.dedalus.processor.diag.Suggestions;
import dev.dedalus.processor.model.Answer;
import dev.dedalus.processor.model.Attribute;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RelationKind;
import dev.dedalus.processor.model.Type;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks each {@code @Answered} input against the whole program: {@code by} names an
 * {@code @Output}, and {@code key} is an attribute of both records, of one type whose values tell
 * calls apart. The typed client relies on both to match an answer to its call.
 */
final class Answers {
  /** Key types with a value equality: not byte[] (compared by identity), double or boolean (too few values). */
  private static final Set<Type> KEY_TYPES = EnumSet.of(Type.INT, Type.LONG, Type.STRING, Type.LOCATION);

  private final Reporter reporter;

  Answers(Reporter reporter) {
    this.reporter = reporter;
  }

  /** @param broken relations whose declarations had errors: naming one as {@code by} is not reported again */
  void check(Map<String, Relation> relations, Set<String> broken) {
    for (Relation input : relations.values()) {
      input.answer().ifPresent(answer -> check(input, answer, relations, broken));
    }
  }

  private void check(Relation input, Answer answer, Map<String, Relation> relations, Set<String> broken) {
    Optional<Attribute> inputKey = attribute(input, answer.key());
    if (inputKey.isEmpty()) {
      reporter.error(DiagnosticId.DedalusAnswerKey, answer.keySite(),
          "@Answered '%s' has key '%s', which is not an attribute of '%s' (%s)%s", input.name(), answer.key(), input.name(),
          names(input), Suggestions.didYouMean(answer.key(), input.attributes().stream().map(Attribute::name).toList()));
    } else if (!KEY_TYPES.contains(inputKey.get().type())) {
      reporter.error(DiagnosticId.DedalusAnswerKey, answer.keySite(),
          "@Answered '%s' has key '%s' of type %s; a key must be int, long, String or Location, so that equal values "
              + "match an answer to its call", input.name(), answer.key(), inputKey.get().type());
    }
    Relation output = relations.get(answer.by());
    List<String> outputs = relations.values().stream().filter(r -> r.is(RelationKind.OUTPUT)).map(Relation::name).toList();
    if (output == null) {
      if (!broken.contains(answer.by())) {
        reporter.error(DiagnosticId.DedalusUnknownAnswer, answer.bySite(),
            "@Answered '%s' is answered by '%s', which is not a relation of this program%s", input.name(), answer.by(),
            Suggestions.didYouMean(answer.by(), outputs));
      }
      return;
    }
    if (!output.is(RelationKind.OUTPUT)) {
      reporter.error(DiagnosticId.DedalusUnknownAnswer, answer.bySite(),
          "@Answered '%s' is answered by '%s', which is not an @Output; answers are facts sent to clients (outputs: %s)",
          input.name(), answer.by(), outputs.isEmpty() ? "none" : String.join(", ", outputs));
      return;
    }
    if (inputKey.isEmpty()) {
      return; // reported above; the answer's attributes would only repeat it
    }
    Optional<Attribute> outputKey = attribute(output, answer.key());
    if (outputKey.isEmpty()) {
      reporter.error(DiagnosticId.DedalusAnswerKey, answer.keySite(),
          "@Answered '%s' has key '%s', which is not an attribute of its answer '%s' (%s)", input.name(), answer.key(),
          output.name(), names(output));
    } else if (outputKey.get().type() != inputKey.get().type()) {
      reporter.error(DiagnosticId.DedalusAnswerKey, answer.keySite(),
          "@Answered '%s' has key '%s' of type %s, but '%s' in its answer '%s' is of type %s; the key must have one type in both",
          input.name(), answer.key(), inputKey.get().type(), answer.key(), output.name(), outputKey.get().type());
    }
  }

  private static Optional<Attribute> attribute(Relation relation, String name) {
    return relation.attributes().stream().filter(a -> a.name().equals(name)).findFirst();
  }

  private static String names(Relation relation) {
    return relation.attributes().isEmpty() ? "it has none"
        : "it has " + String.join(", ", relation.attributes().stream().map(Attribute::name).toList());
  }
}
