package dev.dedalus.processor.plan;

/** Names the plan gives to the stage state it schedules, which the generated code declares. */
public final class PlanNames {
  private PlanNames() {}

  /** The watermark of a rule's positive atom: facts before it were seen by the rule's last run. */
  public static String watermark(RulePlan rule, int atom) {
    return "wm_" + rule.rule().name() + "_" + atom;
  }

  /**
   * Where a kept relation's facts that its carry has not checked start: those before it were
   * checked at the last tick; later ones were merged from other {@code :+} rules or received since.
   */
  public static String carried(dev.dedalus.processor.model.Relation r) {
    return "carried_" + r.name();
  }

  /** How many facts of a durable relation (in position order) the journal already has. */
  public static String journaled(dev.dedalus.processor.model.Relation r) {
    return "journaled_" + r.name();
  }

  /** Whether a rule reads some atom from a watermark (semi-naive versions, or one delta version). */
  public static boolean usesWatermarks(RulePlan rule) {
    return rule.versions().size() > 1 || (rule.versions().size() == 1 && rule.versions().get(0).deltaAtom() >= 0);
  }

  /**
   * Whether a rule reads stores from watermarks kept across ticks: a monotone rule whose head
   * persists derives from a store's new facts only, as every older fact, if still there, was there
   * at its last run (erasures retract nothing from a persisted head). A rule that sends must send
   * again every tick the body holds, so it reads a store whole.
   */
  public static boolean keepsWatermarks(RulePlan rule) {
    return rule.accumulating() && rule.rule().kind() != dev.dedalus.processor.model.RuleKind.ASYNC
        && usesWatermarks(rule);
  }
}
