package dev.dedalus.runtime.sim;

import dev.dedalus.Location;

/**
 * An output fact as a set element: which client got which fact of which relation, without time
 * or sender. Relations are named rather than numbered so that two programs (a base plan and its
 * rewrite, whose relation ids may differ) can be compared.
 *
 * @param client the receiving client
 * @param relation the relation's name
 * @param fact the fact
 */
public record OutputFact(Location client, String relation, Object fact) {
  @Override
  public String toString() {
    return relation + " " + fact + " -> client " + client.id();
  }
}
