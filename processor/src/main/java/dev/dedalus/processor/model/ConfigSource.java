package dev.dedalus.processor.model;

/**
 * Where the facts of a {@code @Config} relation come from: given by the user, or derived from the
 * deployment (the addresses or the number of a role's instances, or the node's own index).
 *
 * @param kind the source
 * @param role the role for {@link Kind#ADDRESSES} and {@link Kind#COUNT}; empty otherwise
 */
public record ConfigSource(Kind kind, String role) {

  /** The sources of configuration facts. */
  public enum Kind { GIVEN, ADDRESSES, COUNT, INSTANCE_INDEX }

  public static final ConfigSource GIVEN = new ConfigSource(Kind.GIVEN, "");

  @Override
  public String toString() {
    return switch (kind) {
      case GIVEN -> "given";
      case ADDRESSES -> "addressesOf(" + role + ")";
      case COUNT -> "countOf(" + role + ")";
      case INSTANCE_INDEX -> "instanceIndex()";
    };
  }
}
