package dev.dedalus.processor.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place every phase reports to. It collects diagnostics (dropping exact duplicates, so a
 * problem found twice is shown once) and hands them, in report order, to whoever prints them.
 * Modelled on Dagger's {@code ValidationReport}: phases never throw for user errors, they report
 * and carry on, so a user sees every problem of a program in one build.
 */
public final class Reporter {
  private final Set<Diagnostic> diagnostics = new LinkedHashSet<>();
  private int errors;

  public void error(DiagnosticId id, Site site, String format, Object... args) {
    add(new Diagnostic(Diagnostic.Severity.ERROR, id, String.format(format, args), site));
  }

  public void warning(DiagnosticId id, Site site, String format, Object... args) {
    add(new Diagnostic(Diagnostic.Severity.WARNING, id, String.format(format, args), site));
  }

  public void note(DiagnosticId id, Site site, String format, Object... args) {
    add(new Diagnostic(Diagnostic.Severity.NOTE, id, String.format(format, args), site));
  }

  private void add(Diagnostic diagnostic) {
    if (diagnostics.add(diagnostic) && diagnostic.severity() == Diagnostic.Severity.ERROR) {
      errors++;
    }
  }

  /** The number of errors reported so far; phases compare counts to see whether they added any. */
  public int errorCount() {
    return errors;
  }

  public boolean hasErrors() {
    return errors > 0;
  }

  public List<Diagnostic> diagnostics() {
    return Collections.unmodifiableList(new ArrayList<>(diagnostics));
  }
}
