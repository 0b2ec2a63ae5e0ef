package dev.dedalus.processor.rewrite;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which conditions a build checks: all of them, unless a test build names some in the test-only
 * option {@code -Adedalus.unsafeSkip=NAME,..}. Skipping one makes the processor accept rewrites
 * that may change what clients see; the soundness tests do that, one condition at a time, to show
 * that they catch every missing check. Never set it in a real build.
 */
public final class Safety {
  public static final String OPTION = "dedalus.unsafeSkip";
  public static final Safety ALL_CHECKS = new Safety(EnumSet.noneOf(Condition.class));

  private final EnumSet<Condition> skipped;

  private Safety(Set<Condition> skipped) {
    this.skipped = skipped.isEmpty() ? EnumSet.noneOf(Condition.class) : EnumSet.copyOf(skipped);
  }

  public static Safety skipping(Set<Condition> skipped) {
    return new Safety(skipped);
  }

  /**
   * Parses the option's value: condition names separated by commas.
   *
   * @param unknown receives each name that is not a condition
   */
  public static Safety parse(String option, List<String> unknown) {
    Set<Condition> skipped = EnumSet.noneOf(Condition.class);
    if (option != null) {
      for (String name : option.split(",")) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.isEmpty()) {
          continue;
        }
        try {
          skipped.add(Condition.valueOf(n));
        } catch (IllegalArgumentException e) {
          unknown.add(name.trim());
        }
      }
    }
    return new Safety(skipped);
  }

  public boolean checks(Condition c) {
    return !skipped.contains(c);
  }

  public boolean skips(Condition c) {
    return skipped.contains(c);
  }

  public Set<Condition> skipped() {
    return EnumSet.copyOf(skipped);
  }

  /** The violations this build enforces: those whose condition is not skipped. */
  public List<Violation> enforced(List<Violation> violations) {
    List<Violation> out = new ArrayList<>();
    for (Violation v : violations) {
      if (checks(v.condition())) {
        out.add(v);
      }
    }
    return out;
  }
}
