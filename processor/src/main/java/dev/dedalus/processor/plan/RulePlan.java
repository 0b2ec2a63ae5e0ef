package dev.dedalus.processor.plan;

import dev.dedalus.processor.model.Rule;
import java.util.List;

/**
 * How a rule is evaluated.
 *
 * @param rule the rule
 * @param index the rule's position in its role, used to name generated members
 * @param accumulating whether its derivations are only ever added to (a monotone rule whose head
 *     persists, or which sends): then each round derives only what involves new facts, across
 *     ticks too, and its watermarks survive the tick
 * @param incrementalAggregate whether the rule aggregates over relations that only grow (persisted
 *     or config, with no negation and no {@code index()}): its groups then live from tick to tick
 *     and each run folds in only the derivations that involve new facts
 * @param versions the semi-naive versions: one per positive atom (that atom ranges over NEW
 *     facts), or a single version over ALL facts
 * @param distinctSends whether the stage must remember the facts the rule sent in the tick, because
 *     it may derive one twice (see {@code Planner.mayRepeatSends}): a tick's heads are a set
 * @param reusedAtom the positive atom whose fact the head copies unchanged (same relation, every
 *     argument a variable of that atom, in order), so the head reuses that object; or -1
 * @param maintainedOver for an aggregate maintained over a {@link Storage#STORE}, that store: its
 *     groups live from tick to tick, fold in the store's new facts, fold out its erased ones, and
 *     change only the head facts of the groups that changed (the head is a store too); else null
 */
public record RulePlan(Rule rule, int index, boolean accumulating, boolean incrementalAggregate, List<Version> versions,
    boolean distinctSends, int reusedAtom, dev.dedalus.processor.model.Relation maintainedOver) {
  public RulePlan {
    versions = List.copyOf(versions);
  }

  /** The same plan, deciding whether sends are made distinct. */
  public RulePlan withDistinctSends(boolean distinct) {
    return new RulePlan(rule, index, accumulating, incrementalAggregate, versions, distinct, reusedAtom, maintainedOver);
  }

  /** One evaluation order of the rule's body. */
  public record Version(int deltaAtom, List<Step> steps) {
    public Version {
      steps = List.copyOf(steps);
    }
  }

  /** Whether the rule's groups are maintained over a store with erasures. */
  public boolean maintained() {
    return maintainedOver != null;
  }

  public boolean aggregating() {
    return rule.head().hasAggregate();
  }

  /** The generated method's name. */
  public String methodName() {
    return "rule_" + rule.name();
  }
}
