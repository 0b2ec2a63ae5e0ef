package dev.dedalus.processor.rewrite;

import java.util.Optional;

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
  public Optional<String> violation(Split split) {
    return split.dependency()
        .or(() -> split.forwarded.values().stream().findFirst())
        .or(split::sharedRelation)
        .or(split::selfUse);
  }
}
