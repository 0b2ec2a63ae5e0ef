package dev.dedalus;

/**
 * The address of a node or a client: the location type of Dedalus. A rule sends a fact to the
 * node at a location with an asynchronous head {@code Rel@dest(..)}; the built-in {@code self} is
 * the location of the node evaluating the rule.
 *
 * <p>A location is an opaque number that the deployment assigns; it is compared by value, and its
 * wire form is the {@code long} {@link #id()}.
 *
 * @param id the deployment-assigned identifier of the node or client
 */
public record Location(long id) implements Comparable<Location> {

  /**
   * Returns the location with the given identifier; the same as {@code new Location(id)}.
   *
   * @param id the deployment-assigned identifier
   * @return the location
   */
  public static Location of(long id) {
    return new Location(id);
  }

  // Written out: generated joins compare locations on their hottest paths, and a plain field
  // comparison beats the record's generic equals.
  @Override
  public boolean equals(Object other) {
    return other instanceof Location l && l.id == id;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id);
  }

  @Override
  public int compareTo(Location other) {
    return Long.compare(id, other.id);
  }

  @Override
  public String toString() {
    return "@" + id;
  }
}
