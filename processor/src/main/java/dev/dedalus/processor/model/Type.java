package dev.dedalus.processor.model;

/** The attribute types a relation may have, with their Java spelling. */
public enum Type {
  INT("int", true),
  LONG("long", true),
  BOOLEAN("boolean", false),
  DOUBLE("double", true),
  STRING("String", false),
  BYTES("byte[]", false),
  LOCATION("Location", false);

  private final String javaName;
  private final boolean numeric;

  Type(String javaName, boolean numeric) {
    this.javaName = javaName;
    this.numeric = numeric;
  }

  /** The type as users write it in Java. */
  public String javaName() {
    return javaName;
  }

  public boolean isNumeric() {
    return numeric;
  }

  /** Whether values of the type have an order usable by {@code < <= > >=}, {@code min} and {@code max}. */
  public boolean isOrdered() {
    return numeric || this == STRING || this == LOCATION;
  }

  /**
   * Whether a value of {@code from} may be stored where this type is expected, following Java's
   * widening primitive conversions (int to long to double).
   */
  public boolean acceptsValueOf(Type from) {
    if (from == this) {
      return true;
    }
    return switch (this) {
      case LONG -> from == INT;
      case DOUBLE -> from == INT || from == LONG;
      default -> false;
    };
  }

  /** The type of arithmetic on two numeric types (binary numeric promotion). */
  public static Type promote(Type a, Type b) {
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    if (a == LONG || b == LONG) {
      return LONG;
    }
    return INT;
  }

  @Override
  public String toString() {
    return javaName;
  }
}
