package dev.dedalus.runtime;

import dev.dedalus.Location;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which nodes a deployment runs: how many instances of each role, their locations, and the
 * explicitly given {@code @Config} facts. Node locations are 1, 2, 3, ... in role order, then
 * instance order; client locations are handed out from {@link #FIRST_CLIENT_ID} on, so a location
 * alone tells a node from a client. Immutable; shared by the Aeron runtime and the simulator.
 */
public final class Topology {
  /** Client locations start here. */
  public static final long FIRST_CLIENT_ID = 1_000_000L;

  /**
   * One node: partition {@code partition} of instance {@code instance} of a role. A role that is not
   * partitioned has one partition, 0, per instance.
   *
   * @param role the role's name
   * @param instance the instance of the role, from 0
   * @param partition the partition of that instance, from 0
   * @param location where the node listens; node locations count from 1
   */
  public record Node(String role, int instance, int partition, Location location) {
    /**
     * Partition 0 of an instance.
     *
     * @param role the role's name
     * @param instance the instance of the role, from 0
     * @param location where the node listens
     */
    public Node(String role, int instance, Location location) {
      this(role, instance, 0, location);
    }

    @Override
    public String toString() {
      return role + "[" + instance + (partition > 0 ? "." + partition : "") + "]@" + location.id();
    }
  }

  private final DedalusProgram program;
  private final Map<String, List<Location>> locations;
  private final Map<String, List<Location>> allLocations;
  private final Map<String, Integer> partitions;
  private final List<Node> nodes;
  private final Map<Class<?>, List<?>> configFacts;

  private Topology(DedalusProgram program, Map<String, Integer> instances, Map<String, Integer> partitions,
      Map<Class<?>, List<?>> configFacts) {
    // instances holds every role's resolved count (InstanceCounts).
    this.program = program;
    Map<String, List<Location>> byRole = new LinkedHashMap<>();
    Map<String, List<Location>> allByRole = new LinkedHashMap<>();
    Map<String, Integer> partitionsByRole = new LinkedHashMap<>();
    List<Node> all = new ArrayList<>();
    long next = 1;
    for (String role : program.roles()) {
      int n = instances.get(role);
      int p = partitions.getOrDefault(role, 1);
      List<Location> ls = new ArrayList<>();
      List<Location> allLs = new ArrayList<>();
      // Partitions of one instance are consecutive: instance i has partitions i*p .. i*p+p-1.
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < p; k++) {
          Location l = new Location(next++);
          allLs.add(l);
          if (k == 0) {
            ls.add(l);
          }
          all.add(new Node(role, i, k, l));
        }
      }
      byRole.put(role, Collections.unmodifiableList(ls));
      allByRole.put(role, Collections.unmodifiableList(allLs));
      partitionsByRole.put(role, p);
    }
    this.locations = Collections.unmodifiableMap(byRole);
    this.allLocations = Collections.unmodifiableMap(allByRole);
    this.partitions = Collections.unmodifiableMap(partitionsByRole);
    this.nodes = List.copyOf(all);
    this.configFacts = Map.copyOf(configFacts);
  }

  /**
   * Starts a topology of {@code program}; {@link Builder#build()} says what a role runs unless told
   * otherwise.
   *
   * @param program the compiled plan the nodes run
   * @return a new builder
   * @throws NullPointerException if {@code program} is null
   */
  public static Builder builder(DedalusProgram program) {
    return new Builder(program);
  }

  /** {@return the compiled plan every node of this topology runs} */
  public DedalusProgram program() {
    return program;
  }

  /** {@return every node, in location order; unmodifiable} */
  public List<Node> nodes() {
    return nodes;
  }

  /**
   * The location of each instance of a role, in instance order; for a partitioned role, the
   * location of each instance's first partition, which stands for the instance.
   *
   * @param role one of the program's roles
   * @return the locations, unmodifiable
   * @throws IllegalArgumentException if the program has no such role
   */
  public List<Location> addressesOf(String role) {
    List<Location> ls = locations.get(role);
    if (ls == null) {
      throw new IllegalArgumentException("program " + program.name() + " has no role '" + role + "'; roles: " + program.roles());
    }
    return ls;
  }

  /**
   * Every node of a role: each partition of each instance, instance by instance.
   *
   * @param role one of the program's roles
   * @return the nodes' locations, unmodifiable
   * @throws IllegalArgumentException if the program has no such role
   */
  public List<Location> allInstancesOf(String role) {
    addressesOf(role); // checks the role exists
    return allLocations.get(role);
  }

  /**
   * {@return the number of partitions of each instance of a role} 1 if it is not partitioned.
   *
   * @param role one of the program's roles
   * @throws IllegalArgumentException if the program has no such role
   */
  public int partitionsOf(String role) {
    addressesOf(role);
    return partitions.get(role);
  }

  /**
   * {@return the node at a location, or null if the location is not a node (for example a client)}
   *
   * @param location any location
   */
  public Node node(Location location) {
    long id = location.id();
    return id >= 1 && id <= nodes.size() ? nodes.get((int) id - 1) : null;
  }

  /**
   * {@return whether {@code location} is a client's: its id is {@link #FIRST_CLIENT_ID} or above}
   *
   * @param location any location
   */
  public static boolean isClient(Location location) {
    return location.id() >= FIRST_CLIENT_ID;
  }

  /**
   * {@return the context a stage of {@code node} is built with when it keeps nothing durably} Its
   * journal is {@link Journal#NONE}.
   *
   * @param node a node of this topology
   */
  public StageContext contextFor(Node node) {
    return contextFor(node, Journal.NONE);
  }

  /**
   * {@return what a node's stage learns from this deployment, with the journal its durable facts go to}
   *
   * @param node a node of this topology
   * @param journal where the stage writes the changes of its durable relations
   * @throws NullPointerException if {@code journal} is null
   */
  public StageContext contextFor(Node node, Journal journal) {
    Objects.requireNonNull(journal, "journal");
    return new StageContext() {
      @Override
      public Journal journal() {
        return journal;
      }

      @Override
      public Location self() {
        return node.location();
      }

      @Override
      public int instanceIndex() {
        return node.instance();
      }

      @Override
      public List<Location> addressesOf(String role) {
        return Topology.this.addressesOf(role);
      }

      @Override
      public List<Location> allInstancesOf(String role) {
        return Topology.this.allInstancesOf(role);
      }

      @Override
      public int partitionsOf(String role) {
        return Topology.this.partitionsOf(role);
      }

      @Override
      public int partition() {
        return node.partition();
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> List<T> configFacts(Class<T> type) {
        return (List<T>) configFacts.getOrDefault(type, List.of());
      }
    };
  }

  /**
   * Builds a fresh stage for a node, with empty state; its durable relations are kept in memory
   * only ({@link Journal#NONE}).
   *
   * @param node a node of this topology
   * @return the new stage
   */
  public Stage newStage(Node node) {
    return program.newStage(node.role(), contextFor(node));
  }

  /**
   * Builds a node's stage over its durable log: the stage appends to {@code log}, and every fact
   * the log holds is restored into it before this returns.
   *
   * @param node a node of this topology
   * @param log the node's durable log, read back here and appended to by the stage
   * @return the stage, holding the recovered facts
   * @throws DurableStateException if the log cannot be read back whole, or holds a fact of a
   *     relation this node's stage does not keep durably
   */
  public Stage recoverStage(Node node, DurableLog log) {
    Stage stage = program.newStage(node.role(), contextFor(node, log));
    log.recover(stage::restore);
    return stage;
  }

  /** Builds a topology. */
  public static final class Builder {
    private final DedalusProgram program;
    private final Map<String, Integer> instances = new LinkedHashMap<>();
    private final Map<String, Integer> partitions = new LinkedHashMap<>();
    private final Map<Class<?>, List<Object>> configFacts = new LinkedHashMap<>();

    private Builder(DedalusProgram program) {
      this.program = Objects.requireNonNull(program, "program");
    }

    /**
     * Runs {@code count} instances of {@code role} (default 1). A role that follows another's
     * instance count ({@link DedalusProgram#instanceSources()}) runs as many instances as its
     * source without being told; an explicit count for it must equal its source's, or
     * {@link #build()} rejects it.
     *
     * @param role one of the program's roles
     * @param count how many instances, at least 1
     * @return this builder
     * @throws IllegalArgumentException if the program has no such role, or {@code count} is below 1
     */
    public Builder instances(String role, int count) {
      if (!program.roles().contains(role)) {
        throw new IllegalArgumentException("program " + program.name() + " has no role '" + role + "'; roles: " + program.roles());
      }
      if (count < 1) {
        throw new IllegalArgumentException("role " + role + " needs at least one instance, not " + count);
      }
      instances.put(role, count);
      return this;
    }

    /**
     * Runs {@code count} partitions of each instance of {@code role} (default 1). Only a role the
     * program's plan partitions may have more than one: its stages route facts by key.
     *
     * @param role one of the program's roles
     * @param count how many partitions, at least 1
     * @return this builder
     * @throws IllegalArgumentException if the program has no such role, {@code count} is below 1,
     *     or it is above 1 for a role the plan does not partition
     */
    public Builder partitions(String role, int count) {
      if (!program.roles().contains(role)) {
        throw new IllegalArgumentException("program " + program.name() + " has no role '" + role + "'; roles: " + program.roles());
      }
      if (count < 1) {
        throw new IllegalArgumentException("role " + role + " needs at least one partition, not " + count);
      }
      if (count > 1 && !program.partitionedRoles().contains(role)) {
        throw new IllegalArgumentException("role " + role + " is not partitioned in this plan of " + program.name()
            + "; partitioned roles: " + program.partitionedRoles());
      }
      partitions.put(role, count);
      return this;
    }

    /**
     * Adds a fact of a plain {@code @Config} relation, given to every node; stages find it under
     * its exact class.
     *
     * @param fact the fact, an instance of the relation's record type
     * @return this builder
     * @throws NullPointerException if {@code fact} is null
     */
    public Builder config(Object fact) {
      configFacts.computeIfAbsent(fact.getClass(), k -> new ArrayList<>()).add(fact);
      return this;
    }

    /**
     * The topology. Every role runs its explicit instance count or 1, except that a role in the
     * program's {@link DedalusProgram#instanceSources()} runs its source's count, transitively.
     *
     * @return the topology
     * @throws IllegalArgumentException if an explicit count of a following role disagrees with its
     *     source's, or if the program's source map names an unknown role or forms a cycle
     */
    public Topology build() {
      Map<String, Integer> counts = InstanceCounts.resolve(program, instances);
      Map<Class<?>, List<?>> frozen = new LinkedHashMap<>();
      configFacts.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
      return new Topology(program, counts, partitions, frozen);
    }
  }
}
