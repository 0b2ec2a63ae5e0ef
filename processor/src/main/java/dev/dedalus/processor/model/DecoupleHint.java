package dev.dedalus.processor.model;

import dev.dedalus.processor.diag.Site;
import java.util.List;

/**
 * A {@code @Decouple} hint as written: move {@code rules} of {@code role} into the new role
 * {@code into}.
 */
public record DecoupleHint(String role, List<String> rules, String into, Site site) {
  public DecoupleHint {
    rules = List.copyOf(rules);
  }

  /** The moved rules as the messages show them: {@code {a, b}}. */
  public String ruleSet() {
    return "{" + String.join(", ", rules) + "}";
  }
}
