package dev.dedalus.runtime.sim;

/**
 * Called when a simulated client receives an output fact, at that virtual time. A closed-loop
 * client sends its next request from here with {@link SimClient#send}.
 */
@FunctionalInterface
public interface ClientHandler {
  /**
   * Handles one output fact, on the simulation's thread, after it is recorded in the run's outputs.
   *
   * @param client the client that received it
   * @param output the fact, with where and when it came from
   */
  void onOutput(SimClient client, ClientOutput output);

  /** A client that only records what it receives. */
  ClientHandler IGNORE = (client, output) -> {};
}
