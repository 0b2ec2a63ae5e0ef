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
      Map.entry("with itself", "decouple:self-join"),
      Map.entry("negates", "decouple:negation-in-moved-rule"),
      Map.entry("aggregates", "decouple:aggregation-in-moved-rule"),
      Map.entry("directly", "decouple:redirected-not-persisted"),
      Map.entry("two relations that are not configuration", "decouple:join-of-two-relations"),
      Map.entry("joins", "decouple:join-of-two-relations"),
      Map.entry("redirected", "decouple:redirected-not-persisted"),
      Map.entry("not persisted", "decouple:forwarded-not-persisted"),
      Map.entry("must forward", "decouple:forwarded"),
      Map.entry("use ", "decouple:shared-relation"));

  private static final List<Map.Entry<String, String>> PARTITIONING = List.of(
      Map.entry("clients send it", "partition:client-input"),
      Map.entry("index()", "partition:index"),
      Map.entry("may lie on different partitions", "partition:atoms-not-co-partitioned"),
      Map.entry("with an aggregate in", "partition:aggregated-key"),
      Map.entry("but joins on", "partition:group-or-join-off-key"),
      Map.entry("with '_' for", "partition:wildcard-key"),
      Map.entry("which no rule relates to the partition key", "partition:unrelated-relation"),
      Map.entry("needs", "partition:inconsistent-keys"),
      Map.entry("partial", "partition:sent-aggregate-off-key"),
      Map.entry("groups", "partition:group-by-off-key"),
      Map.entry("aggregat", "partition:aggregated-key"));

  /** @param decoupling whether the refusal came from {@code [DedalusCannotDecouple]} */
  static String of(boolean decoupling, String reason) {
    // Where no decoupling applies, the first violation listed (the functional one, the most
    // permissive rewrite's) says why: "..; not functional (X)" before the fix of issue 9, "X (not
    // functional); not mutually independent: .." after it.
    int functional = reason.indexOf("not functional (");
    if (decoupling && reason.contains("(not independent)")) {
      return "decouple:dependency";
    }
    if (decoupling && functional >= 0) {
      reason = reason.substring(functional);
    } else if (decoupling && reason.contains("; ")) {
      reason = reason.substring(0, reason.indexOf("; "));
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
