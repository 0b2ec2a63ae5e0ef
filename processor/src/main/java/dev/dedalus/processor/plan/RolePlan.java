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
 * @param deferred the inductive and asynchronous rules, run after the fixpoint, but for kept carries
 * @param carries the persist-until rules whose relations are kept in place
 * @param tick the tick's statements, in order
 * @param self what {@code self} evaluates to on the role's nodes
 * @param forwards every distinct {@code forward(from, to, ..)} the rules use, in first-use order
 * @param routedRoles every role the rules route facts to by partition key, sorted
 */
public record RolePlan(Program program, Role role, List<RelationUse> relations, List<IndexSpec> indexes,
    List<List<RulePlan>> strata, List<Boolean> recursive, List<RulePlan> deferred, List<KeptCarry> carries,
    List<TickStatement> tick, SelfLocation self,
    List<dev.dedalus.processor.model.Expr.Forward> forwards, java.util.SortedSet<String> routedRoles) {

  /** What {@code self} means on a node. */
  public enum SelfLocation {
    /** The node's own location. */
    NODE,
    /**
     * The location of the node's instance, the one {@code @Config(addressesOf)} lists: on a partition,
     * its instance's first partition. Every relation the role reads is routed to the partition of its
     * key, so a fact sent to that location reaches the right partition, and rules compare and send the
     * same location as the unpartitioned role did.
     */
    INSTANCE
  }

  public RolePlan {
    forwards = List.copyOf(forwards);
    routedRoles = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(routedRoles));
    relations = List.copyOf(relations);
    indexes = List.copyOf(indexes);
    strata = strata.stream().map(List::copyOf).toList();
    recursive = List.copyOf(recursive);
    deferred = List.copyOf(deferred);
    carries = List.copyOf(carries);
    tick = List.copyOf(tick);
  }

  /** Whether a rule reads {@code self}: only then does the stage keep its location. */
  public boolean readsSelf() {
    return role.rules().stream().anyMatch(r -> dev.dedalus.processor.model.Exprs.of(r).stream()
        .anyMatch(e -> dev.dedalus.processor.model.Exprs.anyMatch(e, dev.dedalus.processor.model.Expr.Self.class::isInstance)));
  }

  /** The kept carry of a relation, or null if the relation is not kept in place. */
  public KeptCarry carryOf(String relationName) {
    return carries.stream().filter(c -> c.relation().name().equals(relationName)).findFirst().orElse(null);
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
