package dev.dedalus.processor.rewrite;

import dev.dedalus.processor.model.Program;

/** One decoupling rewrite: its precondition, as a verdict, and its transform. */
interface Decoupling {

  /** The rewrite's name in messages, e.g. "functional decoupling". */
  String name();

  /** Every condition of the rewrite that {@code split} violates, or the evidence that it applies. */
  Verdict verdict(Split split);

  /** The program with the split applied; only called when the verdict applies (or a test build forces it). */
  default Program apply(Split split) {
    return Redirection.apply(split, name(), false, false);
  }
}
