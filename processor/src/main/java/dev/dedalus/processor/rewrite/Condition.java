package dev.dedalus.processor.rewrite;

/**
 * Every condition the rewrites check before they change a program, and the code-generation
 * safeguards that keep a rewritten plan equivalent to its base plan. Each has a name, so a
 * refusal says which condition failed, and so that a test build can switch one off
 * ({@code -Adedalus.unsafeSkip=NAME}) to show that the tests notice when it is missing.
 */
public enum Condition {
  // ---- decoupling (TR §3) ----
  /** The rules that stay read no relation the moved rules derive (every decoupling, TR §3). */
  INDEPENDENCE(Kind.DECOUPLING, "not independent"),
  /** No moved rule uses {@code self}: on the new node it would name the new node. */
  SELF_IN_MOVED_RULE(Kind.DECOUPLING, "uses self"),
  /** Mutually independent decoupling: the two sides share no relation, and nothing must be forwarded. */
  NOTHING_SHARED(Kind.DECOUPLING, "not mutually independent"),
  /** Monotonic and functional decoupling: the moved rules neither negate nor aggregate. */
  MONOTONIC_MOVED_RULES(Kind.DECOUPLING, "not monotonic"),
  /** Monotonic decoupling: every relation the original node forwards is persisted. */
  PERSISTED_FORWARDED_INPUTS(Kind.DECOUPLING, "forwarded input not persisted"),
  /** Monotonic decoupling: every relation redirected to the new node is persisted. */
  PERSISTED_REDIRECTED_INPUTS(Kind.DECOUPLING, "redirected input not persisted"),
  /** Functional decoupling: no moved rule joins two different relations (configuration aside). */
  ONE_RELATION_PER_BODY(Kind.DECOUPLING, "joins two relations"),
  /** Functional decoupling: no moved rule reads one relation twice (a self-join needs two facts). */
  ONE_ATOM_PER_BODY(Kind.DECOUPLING, "self-join"),

  // ---- partitioning (TR §4) ----
  /** The partitioned role receives no client input: clients cannot choose a partition. */
  CLIENT_INPUT_RECEIVER(Kind.PARTITIONING, "receives client input"),
  /** In every rule, all atoms (and a local head) agree on the partition key. */
  CO_PARTITIONED_ATOMS(Kind.PARTITIONING, "atoms not co-partitioned"),
  /** A local aggregate groups by the partition key, so each group lies on one partition. */
  KEY_IN_GROUP_BY(Kind.PARTITIONING, "aggregate across partitions"),
  /** An aggregate in a {@code :~} head groups by the partition key: partitions would send partial results. */
  KEY_IN_SENT_GROUP_BY(Kind.PARTITIONING, "sent aggregate across partitions"),
  /** No {@code index()}: each partition would number its own facts from 0. */
  NO_INDEX(Kind.PARTITIONING, "index()"),
  /** Every sender of a relation the role reads can compute the fact's key: no aggregate fills a key column. */
  ROUTABLE_KEY(Kind.PARTITIONING, "unroutable key"),
  /** Every relation the role reads or derives is related to the partition key by some rule. */
  KEYED_RELATIONS(Kind.PARTITIONING, "relation without key"),

  // ---- code generation ----
  /** On a partition, {@code self} is its instance's location, the one configuration lists. */
  INSTANCE_SELF(Kind.GENERATION, "partition self"),
  /** A decoupled role runs one instance per instance of the role it was split from. */
  FOLLOWED_INSTANCES(Kind.GENERATION, "followed instances"),
  /** A destination routed through several partitioned roles gets a routing method for each. */
  NESTED_ROUTING(Kind.GENERATION, "nested routing");

  /** Which phase checks the condition. */
  public enum Kind { DECOUPLING, PARTITIONING, GENERATION }

  private final Kind kind;
  private final String shortName;

  Condition(Kind kind, String shortName) {
    this.kind = kind;
    this.shortName = shortName;
  }

  public Kind kind() {
    return kind;
  }

  /** A few words for reports, e.g. "self-join". */
  public String shortName() {
    return shortName;
  }
}
