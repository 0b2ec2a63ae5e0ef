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
   * @param node the node to build a stage for
   * @param incarnation 0 for the first start, then 1, 2, ... for each restart
   */
  Stage newStage(Topology.Node node, int incarnation);

  /** Fresh stages from the topology: every restart loses all in-memory state. */
  static StageFactory fresh(Topology topology) {
    return (node, incarnation) -> topology.newStage(node);
  }
}
