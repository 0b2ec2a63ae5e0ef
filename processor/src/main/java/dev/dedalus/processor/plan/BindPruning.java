package dev.dedalus.processor.plan;

import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.Exprs;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops the column bindings no later step and no head argument reads, so generated loops declare
 * only the locals they use (a head that reuses a fact object reads none of its columns).
 */
final class BindPruning {
  private BindPruning() {}

  /** The variables the head reads: its destination, and its arguments unless it reuses atom {@code reused}'s fact. */
  static Set<String> headNeeds(Rule rule, int reused) {
    Set<String> needs = new HashSet<>();
    rule.head().destination().ifPresent(d -> needs.addAll(Exprs.variables(d)));
    if (reused < 0) {
      for (HeadArg arg : rule.head().args()) {
        Expr e = arg instanceof HeadArg.Plain p ? p.expr() : ((HeadArg.Aggregated) arg).argument();
        if (e != null) {
          needs.addAll(Exprs.variables(e));
        }
      }
    }
    return needs;
  }

  /** The steps with every join binding only variables that {@code atEnd} or a later step needs. */
  static List<Step> prune(List<Step> steps, Set<String> atEnd) {
    Set<String> needed = new HashSet<>(atEnd);
    List<Step> out = new ArrayList<>(steps);
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step step = steps.get(i);
      if (step instanceof Step.Join j) {
        Set<String> checked = new HashSet<>();
        j.checks().forEach(c -> checked.addAll(Exprs.variables(c.value())));
        List<Step.ColumnVar> binds = j.binds().stream()
            .filter(b -> needed.contains(b.variable().name()) || checked.contains(b.variable().name())).toList();
        out.set(i, new Step.Join(j.atom(), j.literal(), j.range(), j.index(), j.keys(), binds, j.checks()));
        j.keys().forEach(k -> needed.addAll(Exprs.variables(k)));
        needed.addAll(checked);
      } else if (step instanceof Step.AntiJoin a) {
        a.keys().forEach(k -> needed.addAll(Exprs.variables(k)));
      } else if (step instanceof Step.Filter f) {
        needed.addAll(Exprs.variables(f.condition()));
      } else if (step instanceof Step.Assign a) {
        needed.addAll(Exprs.variables(a.value()));
      }
    }
    return out;
  }
}
