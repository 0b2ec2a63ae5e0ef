package dev.dedalus.processor.plan;

import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Role;
import java.util.List;

/**
 * Everything the code generator needs for one role's stage.
 *
 * @param program the program
 * @param role the role
 * @param relations the relations the role stores, in program declaration order
 * @param indexes the indexes its joins probe, sorted by name
 * @param strata the deductive rules per stratum, each list in dependency order
 * @param recursive per stratum, whether it needs a fixpoint loop
 * @param deferred the inductive and asynchronous rules, run after the fixpoint
 */
public record RolePlan(Program program, Role role, List<RelationUse> relations, List<IndexSpec> indexes,
    List<List<RulePlan>> strata, List<Boolean> recursive, List<RulePlan> deferred) {
  public RolePlan {
    relations = List.copyOf(relations);
    indexes = List.copyOf(indexes);
    strata = strata.stream().map(List::copyOf).toList();
    recursive = List.copyOf(recursive);
    deferred = List.copyOf(deferred);
  }

  public RelationUse use(String relationName) {
    return relations.stream().filter(u -> u.name().equals(relationName)).findFirst()
        .orElseThrow(() -> new IllegalStateException("role " + role.name() + " does not store " + relationName));
  }

  public List<RulePlan> allRules() {
    List<RulePlan> all = new java.util.ArrayList<>();
    strata.forEach(all::addAll);
    all.addAll(deferred);
    return all;
  }
}
