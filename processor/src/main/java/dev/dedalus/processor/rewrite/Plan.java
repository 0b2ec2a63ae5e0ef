package dev.dedalus.processor.rewrite;

import dev.dedalus.processor.model.Program;
import java.util.List;

/**
 * A compiled plan of a program: {@code base} (as written) or {@code optimized} (every hint
 * applied, in order).
 *
 * @param name the plan's name
 * @param program the program after the plan's rewrites
 * @param decisions one line per applied rewrite, e.g. "decoupled {broadcast} from Leader into
 *     Broadcaster by functional decoupling"
 */
public record Plan(String name, Program program, List<String> decisions) {
  public static final String BASE = "base";
  public static final String OPTIMIZED = "optimized";

  public Plan {
    decisions = List.copyOf(decisions);
  }

  public boolean isBase() {
    return name.equals(BASE);
  }
}
