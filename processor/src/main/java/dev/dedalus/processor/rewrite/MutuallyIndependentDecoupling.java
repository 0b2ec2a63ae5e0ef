package dev.dedalus.processor.rewrite;

import java.util.ArrayList;
import java.util.List;

/**
 * Mutually independent decoupling (TR 3.1): the rules that stay and the rules that move share no
 * relation (config and timers are replicated, so they do not count), so neither can see the other
 * run elsewhere. Facts other nodes sent to the original node for the moved rules are redirected to
 * the new node; nothing is forwarded, so no hop is added.
 */
final class MutuallyIndependentDecoupling implements Decoupling {
  @Override
  public String name() {
    return "mutually independent decoupling";
  }

  @Override
  public Verdict verdict(Split split) {
    List<Violation> v = new ArrayList<>(split.dependencies());
    v.addAll(split.selfUses());
    v.addAll(split.shared());
    return new Verdict(name(), v, List.of("the rules that stay and the moved rules share no relation"
        + (split.redirected.isEmpty() ? "" : "; redirected: " + Redirection.names(split.redirected))));
  }
}
