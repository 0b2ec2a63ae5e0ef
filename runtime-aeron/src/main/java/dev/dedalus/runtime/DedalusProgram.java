package dev.dedalus.runtime;

import java.util.List;
import java.util.Map;

/**
 * A compiled program: generated as {@code <Program>_Program} for each {@code @Dedalus} type. The
 * runtime uses it to build stages and to find the codec of each relation on the wire.
 */
public interface DedalusProgram {

  /** {@return the program's qualified name} */
  String name();

  /** {@return the roles, in declaration order} */
  List<String> roles();

  /**
   * Builds a fresh stage (empty state) for one instance of {@code role}.
   *
   * @param role one of {@link #roles()}
   * @param context the node's services, kept by the stage
   * @return a new stage
   * @throws IllegalArgumentException if the program has no such role (generated programs)
   */
  Stage newStage(String role, StageContext context);

  /** {@return the codec of every relation that may cross the network, indexed by relation id} */
  List<RelationCodec<?>> codecs();

  /**
   * {@return the roles this plan partitions by key} Only they may run more than one partition per
   * instance; empty by default.
   */
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
   *
   * @param role one of {@link #roles()}
   * @return the codecs; empty by default, and for a role the generated program does not know
   */
  default List<RelationCodec<?>> durableRelations(String role) {
    return List.of();
  }

  /**
   * The codec of one relation, by id; null if the id is unknown.
   *
   * @param relationId the relation's id, its index in {@link #codecs()}
   * @return the codec, or null if {@code relationId} is out of range
   */
  default RelationCodec<?> codec(int relationId) {
    List<RelationCodec<?>> all = codecs();
    return relationId >= 0 && relationId < all.size() ? all.get(relationId) : null;
  }

  /**
   * The codec of the relation whose record type is {@code type}.
   *
   * @param type the relation's record class
   * @param <T> the record type
   * @return the codec
   * @throws IllegalArgumentException if no relation of this type crosses the network
   */
  @SuppressWarnings("unchecked")
  default <T> RelationCodec<T> codecFor(Class<T> type) {
    for (RelationCodec<?> codec : codecs()) {
      if (codec.type() == type) {
        return (RelationCodec<T>) codec;
      }
    }
    throw new IllegalArgumentException(type.getName() + " does not cross the network in program " + name());
  }

  /**
   * The role that receives the {@code @Input} relation with this record type from clients.
   *
   * @param inputType the input's record class
   * @return the receiving role's name
   * @throws IllegalArgumentException if {@code inputType} is not an input some role receives
   *     (generated programs)
   */
  String inputRole(Class<?> inputType);
}
