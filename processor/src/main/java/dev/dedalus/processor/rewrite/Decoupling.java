package dev.dedalus.processor.rewrite;

import dev.dedalus.processor.model.Program;
import java.util.Optional;

/** One decoupling rewrite: its precondition, and its transform. */
interface Decoupling {

  /** The rewrite's name in messages, e.g. "functional decoupling". */
  String name();

  /** Why the rewrite does not apply to {@code split}, or empty if its precondition holds. */
  Optional<String> violation(Split split);

  /** The program with the split applied; only called when {@link #violation} is empty (or when forced). */
  default Program apply(Split split) {
    return Redirection.apply(split, name());
  }
}
