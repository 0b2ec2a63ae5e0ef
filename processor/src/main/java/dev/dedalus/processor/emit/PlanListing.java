package dev.dedalus.processor.emit;

import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RuleKind;
import dev.dedalus.processor.plan.KeptCarry;
import dev.dedalus.processor.plan.PlanNames;
import dev.dedalus.processor.plan.RelationUse;
import dev.dedalus.processor.plan.RolePlan;
import dev.dedalus.processor.plan.RulePlan;
import dev.dedalus.processor.plan.Step;
import dev.dedalus.processor.plan.Storage;
import dev.dedalus.processor.plan.TickStatement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The physical plan of a program's stages as text, one block per role: how each relation is stored,
 * the indexes, each rule's operations in evaluation order (scan, index probe, not-exists probe,
 * filter, let, then insert, send or fold into groups), and the tick's statements. Written next to
 * the listing ({@code Voting.plan}) so that a change to planning shows up as a diff of the plan.
 */
public final class PlanListing {
  private PlanListing() {}

  public static String render(String programName, String plan, List<RolePlan> roles) {
    StringBuilder out = new StringBuilder();
    out.append("// Physical plan of ").append(programName);
    if (!plan.equals("base")) {
      out.append(", plan ").append(plan);
    }
    out.append(": what each role's stage stores and runs\n");
    for (RolePlan role : roles) {
      out.append("\nrole ").append(role.role().name()).append('\n');
      relations(out, role);
      for (List<RulePlan> stratum : role.strata()) {
        stratum.forEach(r -> rule(out, role, r));
      }
      role.deferred().forEach(r -> rule(out, role, r));
      role.carries().forEach(c -> carry(out, c));
      out.append("  tick\n");
      role.tick().forEach(s -> out.append("    ").append(statement(s)).append('\n'));
    }
    return out.toString();
  }

  private static void relations(StringBuilder out, RolePlan role) {
    out.append("  relations\n");
    for (RelationUse use : role.relations()) {
      out.append("    ").append(use.name()).append(": ").append(use.storage().name().toLowerCase());
      if (use.received()) {
        out.append(", received");
      }
      if (use.nextTick()) {
        out.append(", next-tick buffer");
      }
      if (use.durable()) {
        out.append(", durable");
      }
      String indexes = role.indexes().stream().filter(i -> i.relation().name().equals(use.name()))
          .map(i -> i.columns().toString()).collect(Collectors.joining(" "));
      if (!indexes.isEmpty()) {
        out.append(", indexes ").append(indexes);
      }
      out.append('\n');
    }
  }

  private static void rule(StringBuilder out, RolePlan role, RulePlan plan) {
    out.append("  rule ").append(plan.rule().name()).append(": ").append(plan.rule().text()).append('\n');
    String mode = plan.maintained() ? "maintained over the store " + plan.maintainedOver().name()
        + ": groups live on, fold in new facts, fold out erased ones, update changed heads only"
        : plan.incrementalAggregate() ? "incremental: groups live on, fold in new facts only"
        : plan.accumulating() ? "accumulating: reads facts new since its last run"
        : plan.aggregating() ? "re-evaluated: groups rebuilt every run" : null;
    if (mode != null) {
      out.append("    ").append(mode).append('\n');
    }
    List<String> storesReadWhole = plan.rule().atoms().filter(a -> !a.negated())
        .map(a -> a.relation().name()).filter(n -> role.use(n).storage() == Storage.STORE).distinct()
        .filter(n -> !plan.maintained() && !PlanNames.keepsWatermarks(plan)).toList();
    if (!storesReadWhole.isEmpty()) {
      out.append("    re-evaluated every tick over all facts of the store").append(storesReadWhole.size() > 1 ? "s " : " ")
          .append(String.join(", ", storesReadWhole)).append('\n');
    }
    for (RulePlan.Version v : plan.versions()) {
      String indent = "    ";
      if (plan.versions().size() > 1) {
        out.append("    version ").append(v.deltaAtom()).append('\n');
        indent = "      ";
      }
      for (Step step : v.steps()) {
        out.append(indent).append(step(step)).append('\n');
      }
      out.append(indent).append(terminal(plan)).append('\n');
    }
  }

  private static void carry(StringBuilder out, KeptCarry carry) {
    out.append("  carry ").append(carry.rule().name()).append(": ").append(carry.rule().text()).append('\n');
    out.append("    kept in place: ").append(carry.relation().name())
        .append(" erases the facts the rule does not carry\n");
    out.append("    new facts (since the last tick) are checked:\n");
    for (Step step : carry.newFacts()) {
      out.append("      ").append(step(step)).append('\n');
    }
    for (KeptCarry.DropProbe probe : carry.probes()) {
      out.append("    carried facts dropped by ")
          .append(probe.reach() == KeptCarry.Reach.ALL ? "every fact" : "new facts").append(" of ")
          .append(probe.negated().name());
      if (!probe.constants().isEmpty()) {
        out.append(" with ").append(probe.constants().stream().map(c -> "#" + c.column() + " == " + c.value())
            .collect(Collectors.joining(", ")));
      }
      if (!probe.repeats().isEmpty()) {
        out.append(" with ").append(probe.repeats().stream().map(p -> "#" + p.first() + " == #" + p.second())
            .collect(Collectors.joining(", ")));
      }
      if (probe.index() == null) {
        out.append(": all carried facts\n");
      } else {
        out.append(": probe ").append(probe.index().name()).append(" with ").append(probe.keys().stream()
            .map(k -> "#" + k).collect(Collectors.joining(", ", "(", ")"))).append('\n');
      }
    }
  }

  private static String step(Step step) {
    if (step instanceof Step.Join j) {
      String what = j.index() == null ? "scan " + j.literal().relation().name()
          : "probe " + j.index().name() + " with " + exprs(j.keys());
      String range = j.range() == Step.Range.ALL ? "" : " (" + j.range().name().toLowerCase() + " facts)";
      String binds = j.binds().stream().map(b -> b.variable().name() + "=#" + b.column()).collect(Collectors.joining(", "));
      String checks = j.checks().stream().map(c -> "#" + c.column() + "==" + c.value()).collect(Collectors.joining(", "));
      return what + range + (binds.isEmpty() ? "" : " bind " + binds) + (checks.isEmpty() ? "" : " check " + checks);
    }
    if (step instanceof Step.AntiJoin a) {
      return a.index() == null ? "not-exists " + a.literal().relation().name() + " (any fact)"
          : "not-exists probe " + a.index().name() + " with " + exprs(a.keys());
    }
    if (step instanceof Step.Filter f) {
      return "filter " + f.condition();
    }
    Step.Assign a = (Step.Assign) step;
    return "let " + a.variable().name() + " = " + a.value();
  }

  private static String terminal(RulePlan plan) {
    var head = plan.rule().head();
    if (plan.aggregating()) {
      String groups = head.args().stream().filter(HeadArg.Plain.class::isInstance).map(Object::toString)
          .collect(Collectors.joining(", "));
      return "fold into groups (" + groups + ")" + head.destination().map(d -> " at " + d).orElse("") + ": "
          + head.args().stream().filter(HeadArg.Aggregated.class::isInstance).map(Object::toString)
              .collect(Collectors.joining(", "))
          + (plan.rule().kind() == RuleKind.ASYNC ? "; send each group" : "; insert each group into " + head.relation().name());
    }
    return switch (plan.rule().kind()) {
      case DEDUCTIVE -> "insert " + head.relation().name();
      case INDUCTIVE -> "insert next " + head.relation().name();
      case ASYNC -> "send " + head.relation().name() + " to " + head.destination().map(Expr::toString).orElse("?")
          + (plan.distinctSends() ? " (once per tick)" : "");
    };
  }

  private static String exprs(List<Expr> exprs) {
    return exprs.stream().map(Expr::toString).collect(Collectors.joining(", ", "(", ")"));
  }

  private static String names(List<Relation> relations) {
    return relations.stream().map(Relation::name).collect(Collectors.joining(", "));
  }

  private static String statement(TickStatement s) {
    if (s instanceof TickStatement.FireTimers t) {
      return "fire due timers: " + names(t.timers());
    } else if (s instanceof TickStatement.MarkGrowth m) {
      return "mark sizes: " + names(m.relations());
    } else if (s instanceof TickStatement.Stratum st) {
      return "stratum " + st.index() + (st.fixpoint() ? " to fixpoint: " : ": ") + String.join(", ", st.rules());
    } else if (s instanceof TickStatement.Deferred d) {
      return "run " + d.rule();
    } else if (s instanceof TickStatement.FindDrops f) {
      return "find drops of " + f.carry().relation().name() + " (" + f.carry().rule().name() + ")";
    } else if (s instanceof TickStatement.Merge m) {
      return "merge next " + m.relation().name();
    } else if (s instanceof TickStatement.EraseAndMerge e) {
      return "erase drops of " + e.carry().relation().name()
          + (e.aggregates().isEmpty() ? "" : " (fold out of " + String.join(", ", e.aggregates()) + ")")
          + (e.merge() ? ", merge next" : "") + (e.durable() ? ", journal" : "");
    } else if (s instanceof TickStatement.Compact c) {
      return "compact " + c.relation().name() + " if sparse" + (c.watermarks().isEmpty() ? "" : " (moving " + String.join(", ", c.watermarks()) + ")");
    } else if (s instanceof TickStatement.Swap w) {
      return "swap in next " + w.relation().name() + (w.durable() ? ", journal" : "");
    } else if (s instanceof TickStatement.Clear c) {
      return "clear " + c.relation().name() + (c.durable() ? ", journal" : "");
    } else if (s instanceof TickStatement.ChangedIfGrew g) {
      return "changed if grew: " + names(g.relations());
    } else if (s instanceof TickStatement.JournalGrowth j) {
      return "journal new facts of " + j.relation().name();
    }
    return "reset watermarks " + String.join(", ", ((TickStatement.ResetWatermarks) s).watermarks());
  }
}
