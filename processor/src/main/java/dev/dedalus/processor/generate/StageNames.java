package dev.dedalus.processor.generate;

import dev.dedalus.processor.model.Aggregate;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.plan.PlanNames;
import dev.dedalus.processor.plan.RulePlan;
import java.util.ArrayList;
import java.util.List;

/** The names of a generated stage's members, shared by the writers that print one stage. */
final class StageNames {
  private StageNames() {}

  static String rel(Relation r) {
    return "rel_" + r.name();
  }

  static String next(Relation r) {
    return "next_" + r.name();
  }

  static String timer(Relation r) {
    return "timer_" + r.name();
  }

  static String journaled(Relation r) {
    return PlanNames.journaled(r);
  }

  static String sent(Relation r) {
    return "sent_" + r.name();
  }

  static String carried(Relation r) {
    return PlanNames.carried(r);
  }

  /** The positions a kept carry drops this tick. */
  static String drops(Relation r) {
    return "drops_" + r.name();
  }

  static String findDrops(Relation r) {
    return "findDrops_" + r.name();
  }

  static String watermark(RulePlan rule, int atom) {
    return PlanNames.watermark(rule, atom);
  }

  static String groupClass(RulePlan rule) {
    return "Group_" + rule.rule().name();
  }

  static String distinctClass(RulePlan rule, int aggregateIndex) {
    return "Distinct_" + rule.rule().name() + "_" + aggregateIndex;
  }

  /** The method that folds an erased fact out of a maintained aggregate's groups. */
  static String unfold(RulePlan rule) {
    return "unfold_" + rule.rule().name();
  }

  static List<Literal.AtomLiteral> positives(Rule rule) {
    return rule.atoms().filter(a -> !a.negated()).toList();
  }

  /** The head columns a rule aggregates with {@code count}. */
  static List<Integer> countArguments(Rule rule) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < rule.head().args().size(); i++) {
      if (rule.head().args().get(i) instanceof HeadArg.Aggregated agg && agg.aggregate() == Aggregate.COUNT) {
        out.add(i);
      }
    }
    return out;
  }
}
