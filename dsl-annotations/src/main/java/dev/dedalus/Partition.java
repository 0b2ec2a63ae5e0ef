package dev.dedalus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A hint to shard a role's state across partitions (data parallelism): each partition sees only the
 * facts of its keys. {@link #key()} is a seed, one or more {@code Relation.attribute}s; from it the
 * processor infers how every relation the role reads is distributed, so that every fact of a
 * derivation lands on the same partition, and fails the build with the reason where no such
 * distribution exists. The number of partitions is chosen at deployment, not here.
 *
 * <pre>{@code
 * @Partition(role = "Participant", key = "VoteReq.id")
 * }</pre>
 *
 * A role created by {@link Decouple} may be named; partitioning applies after every decoupling.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Partition.List.class)
public @interface Partition {
  /** {@return the role to partition} */
  String role();

  /** {@return the seed of the partition key: {@code Relation.attribute}s, e.g. {@code "VoteReq.id"}} */
  String[] key();

  /** Holds repeated {@link Partition} hints. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    /** {@return the hints, in the order written} */
    Partition[] value();
  }
}
