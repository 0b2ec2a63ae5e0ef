package dev.dedalus.processor.plan;

import dev.dedalus.processor.rewrite.Plan;
import java.util.List;

/**
 * The result of the plan phase for one plan of a program (base, or optimized): the physical plan of
 * every role's stage, which the generators print.
 *
 * @param plan the rewritten program this plans
 * @param roles one plan per role, in declaration order
 */
public record PhysicalPlan(Plan plan, List<RolePlan> roles) {
  public PhysicalPlan {
    roles = List.copyOf(roles);
  }

  /** Plans every role of every plan. */
  public static List<PhysicalPlan> of(List<Plan> plans, Planner planner) {
    return plans.stream().map(p -> new PhysicalPlan(p,
        p.program().roles().stream().map(role -> planner.plan(p.program(), role)).toList())).toList();
  }
}
