package dev.dedalus.processor.soundness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Classifies a rewrite refusal (the text after {@code cannot decouple ..:} or
 * {@code cannot partition ..:}) by the condition it names ({@code rewrite.Condition}), so the
 * report's refusal table is by condition. A decoupling refusal names first the violation that makes
 * the split unsafe, then, after {@code "; "}, each other rewrite's own reason
 * ({@code "not functional: .."}); its key is the first one's condition. The phrases matched are the
 * stable parts of each condition's sentence in the processor; an unknown sentence keeps its first
 * words, so a new refusal shows up rather than vanishing.
 */
final class RefusalKey {
  private RefusalKey() {}

  /** Phrase of each decoupling condition's sentence, most specific first. */
  private static final List<Map.Entry<String, String>> DECOUPLING = List.of(
      Map.entry("(not independent)", "INDEPENDENCE"),
      Map.entry("' would derive at ", "INDEPENDENCE"),
      Map.entry("' uses self, which would name", "SELF_IN_MOVED_RULE"),
      Map.entry("' negates ", "MONOTONIC_MOVED_RULES"),
      Map.entry("' aggregates with ", "MONOTONIC_MOVED_RULES"),
      Map.entry("directly, and ", "PERSISTED_REDIRECTED_INPUTS"),
      Map.entry("with itself, so each output depends on two", "ONE_ATOM_PER_BODY"),
      Map.entry("is not persisted", "PERSISTED_FORWARDED_INPUTS"),
      Map.entry("two relations that are not configuration", "ONE_RELATION_PER_BODY"),
      Map.entry("' derives", "NOTHING_SHARED"),
      Map.entry("must forward it", "NOTHING_SHARED"),
      Map.entry("' use ", "NOTHING_SHARED"),
      Map.entry("' read ", "NOTHING_SHARED"));

  private static final List<Map.Entry<String, String>> PARTITIONING = List.of(
      Map.entry("clients send it", "CLIENT_INPUT_RECEIVER"),
      Map.entry("numbers facts with index()", "NO_INDEX"),
      Map.entry("so the partition cannot be chosen when it is sent", "ROUTABLE_KEY"),
      Map.entry("its own partial result", "KEY_IN_SENT_GROUP_BY"),
      Map.entry("which no rule relates to the partition key", "KEYED_RELATIONS"),
      Map.entry("may lie on different partitions", "CO_PARTITIONED_ATOMS"),
      Map.entry("does not hold", "CO_PARTITIONED_ATOMS"),
      Map.entry("' groups ", "KEY_IN_GROUP_BY"),
      Map.entry(", the partition key", "CO_PARTITIONED_ATOMS"));

  /** @param decoupling whether the refusal came from {@code [DedalusCannotDecouple]} */
  static String of(boolean decoupling, String reason) {
    String first = decoupling ? clauses(reason).get(0) : reason.split("; partitioning on ")[0];
    String c = condition(decoupling, first);
    if (c != null) {
      return c;
    }
    String[] words = first.replaceAll("'[^']*'", "'_'").split("\\s+");
    return (decoupling ? "decouple:" : "partition:") + "other(" + String.join(" ",
        java.util.Arrays.copyOf(words, Math.min(5, words.length))) + ")";
  }

  /** Every condition a refusal names, the first (the key) first. */
  static List<String> all(boolean decoupling, String reason) {
    List<String> out = new ArrayList<>();
    List<String> parts = decoupling ? clauses(reason) : List.of(reason.split("; partitioning on ")[0]);
    for (String part : parts) {
      String c = condition(decoupling, part);
      if (c != null && !out.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  private static String condition(boolean decoupling, String clause) {
    for (Map.Entry<String, String> e : decoupling ? DECOUPLING : PARTITIONING) {
      if (clause.contains(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  /** A decoupling refusal's clauses: the primary violation, then each rewrite's own ("not monotonic: .."). */
  private static List<String> clauses(String reason) {
    List<String> out = new ArrayList<>();
    for (String part : reason.split("; (?=not (mutually independent|monotonic|functional): )")) {
      int colon = part.startsWith("not ") ? part.indexOf(": ") : -1;
      out.add(colon >= 0 ? part.substring(colon + 2) : part);
    }
    return out;
  }
}
