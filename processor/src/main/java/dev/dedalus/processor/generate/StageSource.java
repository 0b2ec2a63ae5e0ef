package dev.dedalus.processor.generate;

import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.plan.RelationUse;
import dev.dedalus.processor.plan.RolePlan;
import java.util.List;

/**
 * What every writer of one stage reads: the role's physical plan and how to print expressions.
 *
 * @param plan the role's physical plan
 * @param planName the program plan's name (base, optimized)
 * @param network the relations with a codec; a relation's id is its position
 * @param code prints the program's expressions
 */
record StageSource(RolePlan plan, String planName, List<Relation> network, ExprCode code) {
  StageSource(RolePlan plan, String planName, List<Relation> network) {
    this(plan, planName, network, new ExprCode(plan.program()));
  }

  Program program() {
    return plan.program();
  }

  /** The relations this role keeps durably, in declaration order. */
  List<RelationUse> durable() {
    return plan.relations().stream().filter(RelationUse::durable).toList();
  }
}
