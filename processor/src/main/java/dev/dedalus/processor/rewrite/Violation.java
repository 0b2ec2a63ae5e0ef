package dev.dedalus.processor.rewrite;

/**
 * Why a rewrite does not apply: the condition that fails, the rule and relation it fails on, and
 * the sentence a refusal shows.
 *
 * @param condition the failed condition
 * @param rule the rule it fails on, or "" if it concerns no single rule
 * @param relation the relation concerned, or ""
 * @param detail what is wrong, naming the rule and relation, e.g. "rule 'available' negates Reserved"
 */
public record Violation(Condition condition, String rule, String relation, String detail) {
  @Override
  public String toString() {
    return detail;
  }
}
