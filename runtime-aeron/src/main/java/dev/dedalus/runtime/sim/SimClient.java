package dev.dedalus.runtime.sim;

import dev.dedalus.Location;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;

/**
 * A simulated client: a location that sends inputs to nodes and receives their outputs. Made by
 * {@link Simulation#client}; used from the simulation's thread only.
 */
public final class SimClient {
  private final Simulation simulation;
  private final Location location;
  private final ClientHandler handler;
  /** Sends now, as {@link #send} does: the relation is the fact's own, so the codec adds nothing. */
  private final Outbound outbound = new Outbound() {
    @Override
    public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
      SimClient.this.send(destination, fact);
    }
  };

  SimClient(Simulation simulation, Location location, ClientHandler handler) {
    this.simulation = simulation;
    this.location = location;
    this.handler = handler;
  }

  /** {@return this client's location, from {@code Topology.FIRST_CLIENT_ID} on} */
  public Location location() {
    return location;
  }

  /**
   * Sends {@code fact} to {@code node} now (the current virtual time), e.g. from a handler. The
   * relation is found by the fact's record class; the message then crosses the simulated network
   * like any other.
   *
   * @param node a node of the topology
   * @param fact an input fact of the program
   * @throws NullPointerException if {@code fact} is null
   * @throws IllegalArgumentException if {@code node} is not a node of the topology, or no network
   *     relation (or more than one) has the fact's record type
   */
  public void send(Location node, Object fact) {
    simulation.clientSendNow(location, node, fact);
  }

  /**
   * This client as an {@link Outbound} that sends now: what a typed client ({@code <Program>_Client})
   * is given to send through in the simulator. The codec passed to it is ignored: the relation is
   * the fact's own, as for {@link #send}.
   *
   * @return the outbound, the same every call
   */
  public Outbound outbound() {
    return outbound;
  }

  /**
   * Sends {@code fact} to {@code node} at virtual time {@code atMillis}, as
   * {@link Simulation#clientSend} does.
   *
   * @param atMillis when to send; not before the current virtual time
   * @param node a node of the topology
   * @param fact an input fact of the program
   * @throws IllegalArgumentException if {@code atMillis} is in the past, {@code node} is not a node,
   *     or no single network relation has the fact's record type
   */
  public void sendAt(long atMillis, Location node, Object fact) {
    simulation.clientSend(atMillis, location, node, fact);
  }

  void deliver(ClientOutput output) {
    handler.onOutput(this, output);
  }

  @Override
  public String toString() {
    return "client " + location.id();
  }
}
