package dev.dedalus.runtime;

/**
 * Where the nodes of a deployment keep their durable relations: opens each node's
 * {@link DurableLog}. A store decides the log's place and sync level; the runtime recovers the log
 * into the node's stage before its first tick and commits to it after every tick.
 */
@FunctionalInterface
public interface DurableStore {

  /** Keeps nothing on disk: durable relations live in memory only, and a restart recovers nothing. */
  DurableStore NONE = (program, node) -> null;

  /**
   * Opens the log of {@code node}, taking whatever lock guards it.
   *
   * @param program the program the node runs
   * @param node the node, its role and instance
   * @return the node's log, or null if the node keeps nothing on disk (its role has no durable
   *     relation, or this store keeps nothing)
   * @throws DurableStateException if the node's stored state cannot be used
   */
  DurableLog open(DedalusProgram program, Topology.Node node);
}
