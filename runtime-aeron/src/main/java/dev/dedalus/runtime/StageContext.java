package dev.dedalus.runtime;

import dev.dedalus.Location;
import java.util.List;

/**
 * What a stage learns from its deployment when it is built: its own location, its index among the
 * instances of its role, the locations of every role's instances, and the {@code @Config} facts
 * the deployment gives explicitly. Generated stages derive their {@code @Config} relations from it.
 */
public interface StageContext {

  /** {@return this node's location} */
  Location self();

  /** {@return this node's index among the instances of its role, from 0} */
  int instanceIndex();

  /**
   * The location of every instance of {@code role}, in instance order; for a partitioned role, the
   * location of each instance's first partition, which stands for the instance.
   *
   * @param role a role of the program
   * @return the locations, one per instance
   */
  List<Location> addressesOf(String role);

  /**
   * Every node of {@code role}: each partition of each instance, instance by instance. By default,
   * {@link #addressesOf}, as without partitions.
   *
   * @param role a role of the program
   * @return the locations, one per partition of each instance
   */
  default List<Location> allInstancesOf(String role) {
    return addressesOf(role);
  }

  /**
   * The number of partitions of each instance of {@code role}; 1 by default.
   *
   * @param role a role of the program
   * @return the partition count, at least 1
   */
  default int partitionsOf(String role) {
    return 1;
  }

  /** {@return this node's partition within its instance, from 0} 0 by default. */
  default int partition() {
    return 0;
  }

  /**
   * Where the stage appends the new facts of its {@code @Durable} relations during a tick;
   * {@link Journal#NONE} (the default) keeps them in memory only.
   *
   * @return the node's journal
   */
  default Journal journal() {
    return Journal.NONE;
  }

  /**
   * The facts the deployment gives for a plain {@code @Config} relation, of type {@code type}.
   *
   * @param type the relation's record class
   * @param <T> the record type
   * @return the facts; empty if the deployment gives none
   */
  <T> List<T> configFacts(Class<T> type);
}
