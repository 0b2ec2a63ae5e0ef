package dev.dedalus.runtime.sim;

import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.Topology;

/**
 * Builds the stage a node runs, at start and after every restart. The default builds a fresh,
 * empty stage with {@link Topology#newStage}; this is the hook through which durable state will
 * plug in later: a recovering factory rebuilds the stage from what the node persisted before its
 * {@code incarnation - 1}-th crash.
 */
@FunctionalInterface
public interface StageFactory {

  /**
   * Builds the stage {@code node} runs from now on, on the simulation's thread. An exception fails
   * the simulation with a {@link SimulationException}.
   *
   * @param node the node to build a stage for
   * @param incarnation 0 for the first start, then 1, 2, ... for each restart
   * @return the new stage
   */
  Stage newStage(Topology.Node node, int incarnation);

  /**
   * Fresh stages from the topology: every restart loses all in-memory state.
   *
   * @param topology the topology the simulation runs
   * @return the factory
   */
  static StageFactory fresh(Topology topology) {
    return (node, incarnation) -> topology.newStage(node);
  }
}
