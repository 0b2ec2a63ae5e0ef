package dev.dedalus.processor.model;

import dev.dedalus.processor.diag.Site;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashMap;

/**
 * A checked Dedalus program: the immutable model that the rewrites, the planner and the code
 * generator work from.
 *
 * @param packageName the program's package ("" for the default package)
 * @param name the program type's simple name
 * @param relations every relation, in declaration order
 * @param functions the user functions callable from rules, by name
 * @param roles the roles, in declaration order
 * @param hints the {@code @Decouple} hints, in the order written
 * @param partitionHints the {@code @Partition} hints, in the order written
 * @param partitions how this plan partitions roles (empty for the base plan)
 * @param instanceSources for each role a decoupling created, the role it was split from: it runs
 *     one instance per instance of that role (empty for the base plan)
 * @param site the program's declaration
 */
public record Program(
    String packageName,
    String name,
    List<Relation> relations,
    Map<String, Function> functions,
    List<Role> roles,
    List<DecoupleHint> hints,
    List<PartitionHint> partitionHints,
    List<PartitionPolicy> partitions,
    Map<String, String> instanceSources,
    Site site) {

  public Program {
    relations = List.copyOf(relations);
    functions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(functions));
    roles = List.copyOf(roles);
    hints = List.copyOf(hints);
    partitionHints = List.copyOf(partitionHints);
    partitions = List.copyOf(partitions);
    instanceSources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(instanceSources));
  }

  /** A checked program as written: no partitions, no decoupled roles. */
  public Program(String packageName, String name, List<Relation> relations, Map<String, Function> functions,
      List<Role> roles, List<DecoupleHint> hints, List<PartitionHint> partitionHints, Site site) {
    this(packageName, name, relations, functions, roles, hints, partitionHints, List.of(), Map.of(), site);
  }

  /** The same program with other roles: what a rewrite produces. */
  public Program withRoles(List<Role> newRoles) {
    return new Program(packageName, name, relations, functions, newRoles, hints, partitionHints, partitions,
        instanceSources, site);
  }

  /** The same program with other roles, one of them ({@code newRole}) split from {@code source}. */
  public Program withDecoupledRole(List<Role> newRoles, String newRole, String source) {
    Map<String, String> sources = new LinkedHashMap<>(instanceSources);
    sources.put(newRole, source);
    return new Program(packageName, name, relations, functions, newRoles, hints, partitionHints, partitions, sources, site);
  }

  /** The same program, with one more partitioned role. */
  public Program withPartition(List<Role> newRoles, PartitionPolicy policy) {
    List<PartitionPolicy> all = new java.util.ArrayList<>(partitions);
    all.add(policy);
    return new Program(packageName, name, relations, functions, newRoles, hints, partitionHints, all, instanceSources, site);
  }

  public String qualifiedName() {
    return packageName.isEmpty() ? name : packageName + "." + name;
  }

  public Optional<Relation> relation(String relationName) {
    return relations.stream().filter(r -> r.name().equals(relationName)).findFirst();
  }

  public Optional<Role> role(String roleName) {
    return roles.stream().filter(r -> r.name().equals(roleName)).findFirst();
  }
}
