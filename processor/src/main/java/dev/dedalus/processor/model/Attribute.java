package dev.dedalus.processor.model;

/** One column of a relation: the record component's name and type. */
public record Attribute(String name, Type type) {
  @Override
  public String toString() {
    return name + ": " + type;
  }
}
