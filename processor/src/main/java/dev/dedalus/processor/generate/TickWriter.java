package dev.dedalus.processor.generate;

import static dev.dedalus.processor.generate.StageNames.carried;
import static dev.dedalus.processor.generate.StageNames.drops;
import static dev.dedalus.processor.generate.StageNames.journaled;
import static dev.dedalus.processor.generate.StageNames.next;
import static dev.dedalus.processor.generate.StageNames.rel;
import static dev.dedalus.processor.generate.StageNames.sent;
import static dev.dedalus.processor.generate.StageNames.timer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.plan.KeptCarry;
import dev.dedalus.processor.plan.RulePlan;
import dev.dedalus.processor.plan.TickStatement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/** Prints a stage's {@code tick} method, statement by statement of its plan, and its stratum methods. */
final class TickWriter {
  private final StageSource stage;

  TickWriter(StageSource stage) {
    this.stage = stage;
  }

  /** The relations that rules planned with distinct sends send, in declaration order. */
  List<Relation> distinctlySent() {
    Set<String> names = new HashSet<>();
    stage.plan().deferred().stream().filter(RulePlan::distinctSends).forEach(r -> names.add(r.rule().head().relation().name()));
    return stage.program().relations().stream().filter(r -> names.contains(r.name())).toList();
  }

  MethodSpec tick() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("tick").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(TypeName.BOOLEAN).addParameter(TypeName.LONG, "nowMillis").addParameter(Names.OUTBOUND, "out")
        .addStatement("boolean hadInput = input")
        .addStatement("input = false")
        .addStatement("boolean changed = false");
    for (Relation sent : distinctlySent()) {
      m.addStatement("$L.clear()", sent(sent));
    }
    boolean carrying = false;
    for (TickStatement s : stage.plan().tick()) {
      boolean endOfTick = !(s instanceof TickStatement.FireTimers || s instanceof TickStatement.MarkGrowth
          || s instanceof TickStatement.Stratum || s instanceof TickStatement.Deferred || s instanceof TickStatement.FindDrops);
      if (endOfTick && !carrying) {
        m.addComment("Carry state to the next tick, and tell whether it changed.");
        carrying = true;
      }
      statement(m, s);
    }
    m.addComment("Another tick is due after input (negation may see it gone) or a change of carried state.");
    m.addStatement("return hadInput || changed");
    return m.build();
  }

  private void statement(MethodSpec.Builder m, TickStatement s) {
    if (s instanceof TickStatement.FireTimers t) {
      for (Relation r : t.timers()) {
        m.beginControlFlow("if (nowMillis >= $L)", timer(r))
            .addStatement("$L.add(new $T($L))", rel(r), Names.record(stage.program(), r), r.arity() == 1 ? "nowMillis" : "")
            .addStatement("$L = nowMillis + $LL", timer(r), r.timerPeriodMillis())
            .addStatement("hadInput = true")
            .endControlFlow();
      }
    } else if (s instanceof TickStatement.MarkGrowth g) {
      g.relations().forEach(r -> m.addStatement("final int start_$L = $L.size()", r.name(), rel(r)));
    } else if (s instanceof TickStatement.Stratum st) {
      if (st.index() == 0) {
        m.addComment("Deductive rules, stratum by stratum, each to its fixpoint.");
      }
      m.addStatement("stratum$L()", st.index());
    } else if (s instanceof TickStatement.Deferred d) {
      m.addStatement("rule_$L(out)", d.rule());
    } else if (s instanceof TickStatement.FindDrops f) {
      m.addStatement("$L()", StageNames.findDrops(f.carry().relation()));
    } else if (s instanceof TickStatement.Merge mg) {
      m.addStatement("$L.addAll($L)", rel(mg.relation()), next(mg.relation()));
      m.addStatement("$L.clear()", next(mg.relation()));
    } else if (s instanceof TickStatement.ChangedIfGrew g) {
      g.relations().forEach(r -> m.addStatement("changed |= $L.size() != start_$L", rel(r), r.name()));
    } else if (s instanceof TickStatement.Swap w) {
      Relation r = w.relation();
      // Only needed when nothing arrived: after input another tick is due anyway.
      m.addStatement("changed = changed || (!hadInput && !$L.sameFactsAs($L))", next(r), rel(r));
      if (w.durable()) {
        new JournalWriter(stage).journalCarried(m, r, true);
      }
      m.addStatement("$L.takeFrom($L)", rel(r), next(r));
      if (w.durable()) {
        m.addStatement("$L = $L.size()", journaled(r), rel(r));
      }
    } else if (s instanceof TickStatement.Clear c) {
      if (c.durable()) {
        new JournalWriter(stage).journalCarried(m, c.relation(), false);
      }
      m.addStatement("$L.clear()", rel(c.relation()));
      if (c.durable()) {
        m.addStatement("$L = 0", journaled(c.relation()));
      }
    } else if (s instanceof TickStatement.EraseAndMerge e) {
      eraseAndMerge(m, e);
    } else if (s instanceof TickStatement.Compact c) {
      compact(m, c);
    } else if (s instanceof TickStatement.JournalGrowth j) {
      new JournalWriter(stage).journalGrowth(m, j.relation());
    } else if (s instanceof TickStatement.ResetWatermarks w) {
      w.watermarks().forEach(wm -> m.addStatement("$L = 0", wm));
    }
  }

  /** A kept relation erases what its carry dropped, folding each erased fact out of maintained groups. */
  private void eraseAndMerge(MethodSpec.Builder m, TickStatement.EraseAndMerge e) {
    KeptCarry carry = e.carry();
    Relation x = carry.relation();
    ClassName record = Names.record(stage.program(), x);
    ClassName codecs = Names.codecs(stage.program());
    String id = Names.constant(x.name());
    m.addComment("$L: erase what '$L' does not carry$L.", x.name(), carry.rule().name(),
        e.merge() ? ", then add what other ':+' rules derived" : "");
    m.beginControlFlow("for (int i = 0; i < $L.size(); i++)", drops(x));
    m.addStatement("final int p = $L.get(i)", drops(x));
    m.addStatement("final $T f = $L.get(p)", record, rel(x));
    m.addStatement("if (f == null) continue").addComment("(a fact dropped twice is erased once)");
    if (e.durable()) {
      m.addStatement("if (p < $L) journal.erase($T.$L, f)", journaled(x), codecs, id);
    }
    m.addStatement("$L.erase(p)", rel(x));
    for (String aggregate : e.aggregates()) {
      RulePlan rule = stage.plan().allRules().stream().filter(r -> r.rule().name().equals(aggregate)).findFirst().orElseThrow();
      m.addStatement("if (p < $L) $L(f)", StageNames.watermark(rule, 0), StageNames.unfold(rule));
    }
    m.addStatement("changed = true");
    m.endControlFlow();
    m.addStatement("$L.clear()", drops(x));
    if (e.durable()) {
      m.addComment("The facts new in this tick that were kept go to the journal.");
      m.beginControlFlow("for (int p = $L; p < $L.size(); p++)", journaled(x), rel(x))
          .addStatement("final $T f = $L.get(p)", record, rel(x))
          .addStatement("if (f != null) journal.append($T.$L, f)", codecs, id)
          .endControlFlow();
    }
    m.addComment("Every fact held now passed the carry's check; facts merged or received from here on have not.");
    m.addStatement("$L = $L.size()", carried(x), rel(x));
    if (e.merge()) {
      m.beginControlFlow("for (int i = 0; i < $L.size(); i++)", next(x))
          .addStatement("final $T f = $L.get(i)", record, next(x))
          .beginControlFlow("if ($L.add(f))", rel(x))
          .addStatement("changed = true");
      if (e.durable()) {
        m.addStatement("journal.append($T.$L, f)", codecs, id);
      }
      m.endControlFlow().endControlFlow();
      m.addStatement("$L.clear()", next(x));
    }
    if (e.durable()) {
      m.addStatement("$L = $L.size()", journaled(x), rel(x));
    }
  }

  /** Compacts a store once erased positions outnumber facts, moving the positions the plan names. */
  private void compact(MethodSpec.Builder m, TickStatement.Compact c) {
    Relation x = c.relation();
    m.beginControlFlow("if ($L.shouldCompact())", rel(x));
    m.addStatement("final int[] marks = {$L}", String.join(", ", c.watermarks()));
    m.addStatement("$L.compact(marks)", rel(x));
    for (int i = 0; i < c.watermarks().size(); i++) {
      m.addStatement("$L = marks[$L]", c.watermarks().get(i), i);
    }
    m.endControlFlow();
  }

  MethodSpec stratum(int s) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("stratum" + s).addModifiers(Modifier.PRIVATE);
    m.addJavadoc("Stratum $L: $L.\n", s, String.join(", ", stage.plan().role().strata().get(s).relations()));
    List<RulePlan> rules = stage.plan().strata().get(s);
    if (stage.plan().recursive().get(s)) {
      m.addStatement("boolean derived");
      m.beginControlFlow("do");
      m.addStatement("derived = false");
      for (RulePlan rule : rules) {
        m.addStatement("derived |= $N(null)", rule.methodName());
      }
      m.endControlFlow("while (derived)");
    } else {
      for (RulePlan rule : rules) {
        m.addStatement("$N(null)", rule.methodName());
      }
    }
    return m.build();
  }
}
