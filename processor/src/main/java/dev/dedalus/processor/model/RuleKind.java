package dev.dedalus.processor.model;

/** The three rule kinds of Dedalus. */
public enum RuleKind {
  /** {@code :-} same node, same tick. */
  DEDUCTIVE(":-"),
  /** {@code :+} same node, next tick. */
  INDUCTIVE(":+"),
  /** {@code :~} sent to another node, arriving at a later tick. */
  ASYNC(":~");

  private final String symbol;

  RuleKind(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
