package dev.dedalus.processor.rewrite;

import java.util.List;

/**
 * A precondition's answer for one hint, as data: the rewrite applies, with the evidence for it, or
 * it does not, with every violated condition.
 *
 * @param rewrite the rewrite's name, e.g. "monotonic decoupling"
 * @param violations the conditions that fail, in the order checked; empty if the rewrite applies
 * @param evidence why it applies (or the parts that hold), for notes and listings
 */
public record Verdict(String rewrite, List<Violation> violations, List<String> evidence) {
  public Verdict {
    violations = List.copyOf(violations);
    evidence = List.copyOf(evidence);
  }

  public boolean applies() {
    return violations.isEmpty();
  }
}
