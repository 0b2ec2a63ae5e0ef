package dev.dedalus.processor.plan;

import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RelationKind;
import dev.dedalus.processor.model.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedules a stage's tick: timers, the strata, the deferred rules and the kept carries' drop
 * finding, then, relation by relation, how its facts reach the next tick (merge, erase, swap or
 * clear), journaling, compaction and the watermarks that start over.
 */
final class TickSchedule {
  private TickSchedule() {}

  static List<TickStatement> of(Role role, List<RelationUse> uses, List<List<RulePlan>> strata, List<Boolean> recursive,
      List<RulePlan> deferred, List<KeptCarry> carries) {
    List<TickStatement> tick = new ArrayList<>();
    List<Relation> timers = uses.stream().map(RelationUse::relation).filter(r -> r.is(RelationKind.TIMER)).toList();
    if (!timers.isEmpty()) {
      tick.add(new TickStatement.FireTimers(timers));
    }
    List<Relation> growing = uses.stream().filter(u -> u.storage() == Storage.PERSISTED).map(RelationUse::relation).toList();
    if (!growing.isEmpty()) {
      tick.add(new TickStatement.MarkGrowth(growing));
    }
    for (int s = 0; s < strata.size(); s++) {
      tick.add(new TickStatement.Stratum(s, recursive.get(s), strata.get(s).stream().map(r -> r.rule().name()).toList()));
    }
    // Deferred rules and drop finding in declaration order; neither changes what the other reads.
    for (var rule : role.deferredRules().toList()) {
      KeptCarry carry = carries.stream().filter(c -> c.rule() == rule).findFirst().orElse(null);
      if (carry != null) {
        tick.add(new TickStatement.FindDrops(carry));
      } else {
        tick.add(new TickStatement.Deferred(rule.name()));
      }
    }
    List<RulePlan> rules = new ArrayList<>();
    strata.forEach(rules::addAll);
    rules.addAll(deferred);
    for (RelationUse use : uses) {
      Relation r = use.relation();
      switch (use.storage()) {
        case PERSISTED -> {
          if (use.nextTick()) {
            tick.add(new TickStatement.Merge(r));
          }
        }
        case TRANSIENT -> tick.add(use.nextTick() ? new TickStatement.Swap(r, use.durable()) : new TickStatement.Clear(r, use.durable()));
        case STORE -> {
          KeptCarry carry = carries.stream().filter(c -> c.relation().name().equals(r.name())).findFirst().orElse(null);
          if (carry != null) {
            List<String> aggregates = rules.stream().filter(p -> p.maintainedOver() != null
                && p.maintainedOver().name().equals(r.name())).map(p -> p.rule().name()).toList();
            tick.add(new TickStatement.EraseAndMerge(carry, use.nextTick(), use.durable(), aggregates));
          }
        }
        case CONFIG -> { }
      }
    }
    if (!growing.isEmpty()) {
      tick.add(new TickStatement.ChangedIfGrew(growing));
    }
    uses.stream().filter(u -> u.durable() && u.storage() == Storage.PERSISTED)
        .forEach(u -> tick.add(new TickStatement.JournalGrowth(u.relation())));
    for (RelationUse use : uses) {
      if (use.storage() != Storage.STORE) {
        continue;
      }
      List<String> marks = new ArrayList<>();
      for (RulePlan p : rules) {
        if (p.maintained() && p.maintainedOver().name().equals(use.name())) {
          marks.add(PlanNames.watermark(p, 0));
        } else if (PlanNames.keepsWatermarks(p)) {
          List<Literal.AtomLiteral> positives = p.rule().atoms().filter(a -> !a.negated()).toList();
          for (int i = 0; i < positives.size(); i++) {
            if (positives.get(i).relation().name().equals(use.name())) {
              marks.add(PlanNames.watermark(p, i));
            }
          }
        }
      }
      boolean kept = carries.stream().anyMatch(c -> c.relation().name().equals(use.name()));
      if (kept) {
        marks.add(PlanNames.carried(use.relation()));
        if (use.durable()) {
          marks.add(PlanNames.journaled(use.relation()));
        }
      }
      tick.add(new TickStatement.Compact(use.relation(), marks, kept));
    }
    List<String> reset = new ArrayList<>();
    for (RulePlan rule : rules) {
      if (!PlanNames.usesWatermarks(rule) || rule.maintained()) {
        continue;
      }
      List<Literal.AtomLiteral> positives = rule.rule().atoms().filter(a -> !a.negated()).toList();
      for (int i = 0; i < positives.size(); i++) {
        String name = positives.get(i).relation().name();
        Storage storage = uses.stream().filter(u -> u.name().equals(name))
            .findFirst().orElseThrow().storage();
        // One-tick relations start over, and stores do for rules that must see all their facts every
        // tick; rules that do not accumulate re-derive everything.
        boolean startsOver = switch (storage) {
          case TRANSIENT -> true;
          case STORE -> !PlanNames.keepsWatermarks(rule);
          case CONFIG, PERSISTED -> !(rule.accumulating() || rule.incrementalAggregate());
        };
        if (startsOver) {
          reset.add(PlanNames.watermark(rule, i));
        }
      }
    }
    if (!reset.isEmpty()) {
      tick.add(new TickStatement.ResetWatermarks(reset));
    }
    return tick;
  }
}
