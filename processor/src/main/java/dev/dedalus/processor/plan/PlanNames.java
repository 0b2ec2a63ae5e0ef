package dev.dedalus.processor.plan;

/** Names the plan gives to the stage state it schedules, which the generated code declares. */
public final class PlanNames {
  private PlanNames() {}

  /** The watermark of a rule's positive atom: facts before it were seen by the rule's last run. */
  public static String watermark(RulePlan rule, int atom) {
    return "wm_" + rule.rule().name() + "_" + atom;
  }

  /** Whether a rule reads some atom from a watermark (semi-naive versions, or one delta version). */
  public static boolean usesWatermarks(RulePlan rule) {
    return rule.versions().size() > 1 || (rule.versions().size() == 1 && rule.versions().get(0).deltaAtom() >= 0);
  }
}
