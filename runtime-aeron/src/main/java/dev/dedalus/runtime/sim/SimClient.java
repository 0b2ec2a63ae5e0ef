package dev.dedalus.runtime.sim;

import dev.dedalus.Location;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;

/** A simulated client: a location that sends inputs to nodes and receives their outputs. */
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

  public Location location() {
    return location;
  }

  /** Sends {@code fact} to {@code node} now (the current virtual time), e.g. from a handler. */
  public void send(Location node, Object fact) {
    simulation.clientSendNow(location, node, fact);
  }

  /**
   * This client as an {@link Outbound} that sends now: what a typed client ({@code <Program>_Client})
   * is given to send through in the simulator.
   */
  public Outbound outbound() {
    return outbound;
  }

  /** Sends {@code fact} to {@code node} at virtual time {@code atMillis}. */
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
