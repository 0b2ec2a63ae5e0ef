package dev.dedalus.processor.syntax;

/**
 * A syntax error in a rule text: where, what was expected and what was found. Thrown inside the
 * lexer and parser only; {@link RuleParser#parse} turns it into a result, never lets it escape.
 */
public final class SyntaxError extends Exception {
  private static final long serialVersionUID = 1L;

  private final Pos pos;
  private final String expected;
  private final String found;

  public SyntaxError(Pos pos, String expected, String found) {
    super(pos + ": expected " + expected + " but found " + found, null, false, false);
    this.pos = pos;
    this.expected = expected;
    this.found = found;
  }

  public Pos pos() {
    return pos;
  }

  public String expected() {
    return expected;
  }

  public String found() {
    return found;
  }
}
