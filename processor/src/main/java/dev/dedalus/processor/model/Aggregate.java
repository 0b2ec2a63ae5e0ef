package dev.dedalus.processor.model;

/** The aggregate functions allowed as head arguments. */
public enum Aggregate {
  COUNT, SUM, MIN, MAX,
  /** One arbitrary value of the group. */
  CHOOSE,
  /** A per-tick enumeration 0, 1, 2, ... of the head facts; takes no argument. */
  INDEX;

  public String symbol() {
    return name().toLowerCase();
  }

  /** Whether the aggregate takes one argument (all but {@code index()}). */
  public boolean takesArgument() {
    return this != INDEX;
  }
}
