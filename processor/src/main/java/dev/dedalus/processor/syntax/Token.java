package dev.dedalus.processor.syntax;

/** One token: its kind, its exact text and where it starts. */
public record Token(TokenKind kind, String text, Pos pos) {

  /** How a syntax error names this token: its text in quotes, or what it is. */
  public String describe() {
    return switch (kind) {
      case EOF -> kind.description();
      case STRING -> "string " + text;
      default -> "'" + text + "'";
    };
  }
}
