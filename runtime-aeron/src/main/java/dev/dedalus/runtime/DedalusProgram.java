package dev.dedalus.runtime;

import java.util.List;
import java.util.Map;

/**
 * A compiled program: generated as {@code <Program>_Program} for each {@code @Dedalus} type. The
 * runtime uses it to build stages and to find the codec of each relation on the wire.
 */
public interface DedalusProgram {

  /** The program's qualified name. */
  String name();

  /** The roles, in declaration order. */
  List<String> roles();

  /** Builds a fresh stage (empty state) for one instance of {@code role}. */
  Stage newStage(String role, StageContext context);

  /** The codec of every relation that may cross the network, indexed by relation id. */
  List<RelationCodec<?>> codecs();

  /** The roles this plan partitions by key: only they may run more than one partition per instance. */
  default List<String> partitionedRoles() {
    return List.of();
  }

  /**
   * The roles whose instance count follows another role's: each key is a role, its value the role
   * whose instance count it takes (its <em>source</em>). A decoupling rewrite generates one entry
   * for each role it creates, {@code into -> role}, because the rewrite pairs instance i of the
   * source role with instance i of the new role ({@code forward(..)}): with fewer instances of the
   * new role, several source instances would share one node and merge their state. A source may
   * itself follow another role (a role decoupled from a decoupled role); the chain must end at a
   * role that follows none.
   *
   * <p>{@link Topology.Builder#build()} gives a following role its source's count and rejects an
   * explicit, different count for it, a source map that names an unknown role, and a cycle.
   *
   * @return role to source role; empty (the default) when no role follows another
   */
  default Map<String, String> instanceSources() {
    return Map.of();
  }

  /**
   * The codecs of the {@code @Durable} relations that nodes of {@code role} keep, in relation-id
   * order; empty if the role keeps none. Their facts go to the node's {@link DurableLog}.
   */
  default List<RelationCodec<?>> durableRelations(String role) {
    return List.of();
  }

  /** The codec of one relation, by id; null if the id is unknown. */
  default RelationCodec<?> codec(int relationId) {
    List<RelationCodec<?>> all = codecs();
    return relationId >= 0 && relationId < all.size() ? all.get(relationId) : null;
  }

  /** The codec of the relation whose record type is {@code type}. */
  @SuppressWarnings("unchecked")
  default <T> RelationCodec<T> codecFor(Class<T> type) {
    for (RelationCodec<?> codec : codecs()) {
      if (codec.type() == type) {
        return (RelationCodec<T>) codec;
      }
    }
    throw new IllegalArgumentException(type.getName() + " does not cross the network in program " + name());
  }

  /** The role that receives the {@code @Input} relation with this record type from clients. */
  String inputRole(Class<?> inputType);
}
