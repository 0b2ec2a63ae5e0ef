package dev.dedalus.processor.diag;

import java.util.Objects;

/** One reported problem: its severity, its stable identifier, its message and its site. */
public record Diagnostic(Severity severity, DiagnosticId id, String message, Site site) {

  /** How bad a diagnostic is. */
  public enum Severity { ERROR, WARNING, NOTE }

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(site, "site");
  }

  /** The full text the user sees: the bracketed identifier, then the message. */
  public String text() {
    return id.tag() + " " + message;
  }
}
