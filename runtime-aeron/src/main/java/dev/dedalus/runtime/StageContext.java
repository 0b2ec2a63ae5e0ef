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

  /** The locations of every instance of {@code role}, in instance order. */
  List<Location> addressesOf(String role);

  /** The facts the deployment gives for a plain {@code @Config} relation, of type {@code type}. */
  <T> List<T> configFacts(Class<T> type);
}
