package dev.dedalus.processor.soundness;

import java.util.List;
import java.util.Map;

/**
 * Classifies a rewrite refusal (the text after {@code cannot decouple ..:} or
 * {@code cannot partition ..:}) by a short key, so the report can say which preconditions the
 * generated programs run into. Keys are matched on the stable parts of the processor's messages;
 * an unknown message keeps its first words, so a new refusal shows up rather than vanishing.
 */
final class RefusalKey {
  private RefusalKey() {}

  private static final List<Map.Entry<String, String>> DECOUPLING = List.of(
      Map.entry("(not independent)", "decouple:dependency"),
      Map.entry("uses self", "decouple:self-in-moved-rule"),
      Map.entry("is not persisted", "decouple:forwarded-not-persisted"),
      Map.entry("negates", "decouple:negation-in-moved-rule"),
      Map.entry("aggregates with", "decouple:aggregation-in-moved-rule"),
      Map.entry("two relations that are not configuration", "decouple:join-of-two-relations"),
      Map.entry("more than one atom", "decouple:self-join"),
      Map.entry("redirected", "decouple:redirected-not-persisted"));

  private static final List<Map.Entry<String, String>> PARTITIONING = List.of(
      Map.entry("clients send it", "partition:client-input"),
      Map.entry("index()", "partition:index"),
      Map.entry("but joins on", "partition:group-or-join-off-key"),
      Map.entry("with '_' for", "partition:wildcard-key"),
      Map.entry("which no rule relates to the partition key", "partition:unrelated-relation"),
      Map.entry("needs", "partition:inconsistent-keys"),
      Map.entry("aggregat", "partition:aggregated-key"),
      Map.entry("self", "partition:self"));

  /** @param decoupling whether the refusal came from {@code [DedalusCannotDecouple]} */
  static String of(boolean decoupling, String reason) {
    // Where no decoupling applies, the functional one (the most permissive) says why.
    int functional = reason.indexOf("not functional (");
    if (decoupling && functional >= 0) {
      reason = reason.substring(functional);
    }
    for (Map.Entry<String, String> e : decoupling ? DECOUPLING : PARTITIONING) {
      if (reason.contains(e.getKey())) {
        return e.getValue();
      }
    }
    String[] words = reason.replaceAll("'[^']*'", "'_'").split("\\s+");
    return (decoupling ? "decouple:" : "partition:") + "other(" + String.join(" ", java.util.Arrays.copyOf(words, Math.min(5, words.length))) + ")";
  }
}
