package dev.dedalus.processor.syntax;

/** A 1-based line and column inside a rule text. */
public record Pos(int line, int column) {
  @Override
  public String toString() {
    return "line " + line + ", column " + column;
  }
}
