package dev.dedalus.runtime.sim;

import dev.dedalus.Location;

/**
 * One fact delivered to a client, with where and when it came from.
 *
 * @param atMillis the virtual time of delivery to the client
 * @param sentAtMillis the virtual time of the tick that sent it
 * @param from the sending node
 * @param senderTick the sending node's tick number (1 for its first tick, counted across restarts)
 * @param client the receiving client
 * @param relationId the relation's id in the program's codecs
 * @param relationName the relation's name, which is what output sets compare on
 * @param fact the fact (decoded from its wire form when the simulation encodes messages)
 */
public record ClientOutput(
    long atMillis,
    long sentAtMillis,
    Location from,
    long senderTick,
    Location client,
    int relationId,
    String relationName,
    Object fact) {

  /** {@return the fact without its timing or sender, for set comparison} */
  public OutputFact asOutputFact() {
    return new OutputFact(client, relationName, fact);
  }

  @Override
  public String toString() {
    return "@" + atMillis + "ms " + relationName + " " + fact + " -> client " + client.id() + " (from node " + from.id()
        + " tick " + senderTick + ")";
  }
}
