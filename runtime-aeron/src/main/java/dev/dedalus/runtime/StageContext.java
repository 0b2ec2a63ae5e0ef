package dev.dedalus.runtime;

import dev.dedalus.Location;
import java.util.List;

/**
 * What a stage learns from its deployment when it is built: its own location, its index among the
 * instances of its role, the locations of every role's instances, and the {@code @Config} facts
 * the deployment gives explicitly. Generated stages derive their {@code @Config} relations from it.
 */
public interface StageContext {

  /** This node's location. */
  Location self();

  /** This node's index among the instances of its role, from 0. */
  int instanceIndex();

  /**
   * The location of every instance of {@code role}, in instance order; for a partitioned role, the
   * location of each instance's first partition, which stands for the instance.
   */
  List<Location> addressesOf(String role);

  /** Every node of {@code role}: each partition of each instance, instance by instance. */
  default List<Location> allInstancesOf(String role) {
    return addressesOf(role);
  }

  /** The number of partitions of each instance of {@code role}. */
  default int partitionsOf(String role) {
    return 1;
  }

  /** This node's partition within its instance, from 0. */
  default int partition() {
    return 0;
  }

  /**
   * Where the stage appends the new facts of its {@code @Durable} relations during a tick;
   * {@link Journal#NONE} (the default) keeps them in memory only.
   */
  default Journal journal() {
    return Journal.NONE;
  }

  /** The facts the deployment gives for a plain {@code @Config} relation, of type {@code type}. */
  <T> List<T> configFacts(Class<T> type);
}
