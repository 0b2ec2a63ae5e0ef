package dev.dedalus.processor.diag;

/**
 * Where a diagnostic belongs in the user's source. The processor's implementation wraps an
 * element, an annotation mirror and an annotation value, so IDEs underline the right rule; the
 * checker only passes sites through, which keeps it independent of {@code javax.lang.model}.
 */
public interface Site {
  /** A short human description, used when a site cannot be shown by the compiler. */
  String describe();
}
