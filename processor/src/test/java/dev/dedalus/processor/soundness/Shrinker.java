package dev.dedalus.processor.soundness;

import dev.dedalus.processor.soundness.EquivalenceCheck.Deployment;
import dev.dedalus.processor.soundness.EquivalenceCheck.Failure;
import dev.dedalus.processor.soundness.EquivalenceCheck.Outcome;
import dev.dedalus.processor.soundness.EquivalenceCheck.Verdict;
import dev.dedalus.processor.soundness.GeneratedProgram.Decouple;
import dev.dedalus.processor.soundness.GeneratedProgram.Hint;
import dev.dedalus.processor.soundness.GeneratedProgram.Partition;
import dev.dedalus.processor.soundness.GeneratedProgram.Rule;
import dev.dedalus.processor.soundness.InProcessCompiler.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Shrinks a counterexample greedily: drop hints, rules, body literals, roles, moved rules from a
 * hint, client inputs and configuration facts, and simplify the deployment, keeping a candidate
 * only if it still compiles, is still accepted (or, for generated code that does not compile,
 * still fails that way) and still fails with the same signature: the same kind of difference in
 * the same output relation. Passes repeat until none makes progress or the attempt budget is spent.
 */
final class Shrinker {
  /** Everything a counterexample depends on. */
  record Case(GeneratedProgram program, InputScript script, Deployment deployment, long seed) {}

  private final InProcessCompiler compiler;
  private final EquivalenceCheck check;
  private int attempts;

  Shrinker(InProcessCompiler compiler, EquivalenceCheck check) {
    this.compiler = compiler;
    this.check = check;
  }

  int attempts() {
    return attempts;
  }

  /**
   * @param maxAttempts a budget of candidates to check; counted, not timed, so that the same
   *     counterexample always shrinks to the same program
   */
  Case shrink(Case start, Failure failure, Status status, int maxAttempts) {
    String signature = failure.signature();
    Case best = start;
    boolean progress = true;
    while (progress && attempts < maxAttempts) {
      progress = false;
      for (Supplier<Case> candidate : candidates(best)) {
        if (attempts >= maxAttempts) {
          break;
        }
        Case c = candidate.get();
        if (c != null && fails(c, signature, status)) {
          best = c;
          progress = true;
          break;
        }
      }
    }
    return best;
  }

  /** Whether a candidate still fails the same way. */
  boolean fails(Case c, String signature, Status status) {
    attempts++;
    InProcessCompiler.Outcome outcome = compiler.compile(c.program());
    if (status == Status.GENERATED_CODE_BROKEN) {
      return outcome.status() == Status.GENERATED_CODE_BROKEN;
    }
    if (outcome.status() != Status.ACCEPTED) {
      return false;
    }
    try {
      PlanLoader.Plans plans = PlanLoader.load(c.program(), outcome.classes());
      Verdict v = check.check(plans, c.script().restrictedTo(c.program()), List.of(c.deployment()), c.seed());
      return v.outcome() == Outcome.COUNTEREXAMPLE && v.failure().signature().equals(signature);
    } catch (RuntimeException | LinkageError e) {
      return signature.startsWith("exception");
    }
  }

  /** Candidates, the biggest cuts first, each built lazily. */
  private List<Supplier<Case>> candidates(Case c) {
    GeneratedProgram p = c.program();
    List<Supplier<Case>> out = new ArrayList<>();
    for (int i = 0; i < p.hints().size(); i++) {
      int k = i;
      out.add(() -> with(c, withoutHint(p, p.hints().get(k))));
    }
    for (String role : p.roles()) {
      out.add(() -> p.roles().size() < 2 ? null : with(c, withoutRole(p, role)));
    }
    for (Rule rule : p.rules()) {
      out.add(() -> with(c, withoutRule(p, rule.name())));
    }
    for (int i = 0; i < c.script().sends().size(); i++) {
      int k = i;
      out.add(() -> new Case(p, c.script().withoutSend(k), c.deployment(), c.seed()));
    }
    for (int i = 0; i < c.script().given().size(); i++) {
      int k = i;
      out.add(() -> new Case(p, c.script().withoutGiven(k), c.deployment(), c.seed()));
    }
    for (Rule rule : p.rules()) {
      for (int j = 0; j < rule.body().size() && rule.body().size() > 1; j++) {
        int k = j;
        out.add(() -> {
          List<String> body = new ArrayList<>(rule.body());
          body.remove(k);
          return with(c, replaceRule(p, rule.withBody(body)));
        });
      }
    }
    for (Hint h : p.hints()) {
      if (h instanceof Decouple d && d.rules().size() > 1) {
        for (String moved : d.rules()) {
          out.add(() -> {
            List<String> rest = new ArrayList<>(d.rules());
            rest.remove(moved);
            return with(c, p.withHints(p.hints().stream().map(x -> x == h ? new Decouple(d.role(), rest, d.into()) : x).toList()));
          });
        }
      }
    }
    Deployment d = c.deployment();
    if (!d.instances().isEmpty()) {
      out.add(() -> new Case(p, c.script(), new Deployment(Map.of(), d.partitions()), c.seed()));
    }
    if (d.partitions() > 1) {
      out.add(() -> new Case(p, c.script(), new Deployment(d.instances(), 1), c.seed()));
    }
    return out;
  }

  private static Case with(Case c, GeneratedProgram p) {
    return p == null ? null : new Case(p, c.script(), c.deployment(), c.seed());
  }

  /** Without a hint; without a decoupling, also without the partitions of the role it would create. */
  static GeneratedProgram withoutHint(GeneratedProgram p, Hint hint) {
    List<Hint> kept = new ArrayList<>();
    for (Hint h : p.hints()) {
      if (h == hint) {
        continue;
      }
      if (hint instanceof Decouple d && h instanceof Partition part && part.role().equals(d.into())) {
        continue;
      }
      kept.add(h);
    }
    return p.withHints(kept);
  }

  static GeneratedProgram withoutRule(GeneratedProgram p, String ruleName) {
    List<Rule> rules = p.rules().stream().filter(r -> !r.name().equals(ruleName)).toList();
    GeneratedProgram q = p.withRules(rules);
    for (Hint h : List.copyOf(q.hints())) {
      if (h instanceof Decouple d && d.rules().contains(ruleName)) {
        List<String> rest = d.rules().stream().filter(n -> !n.equals(ruleName)).toList();
        q = rest.isEmpty() ? withoutHint(q, h)
            : q.withHints(q.hints().stream().map(x -> x == h ? new Decouple(d.role(), rest, d.into()) : x).toList());
      }
    }
    return q;
  }

  static GeneratedProgram withoutRole(GeneratedProgram p, String role) {
    GeneratedProgram q = p;
    for (Rule r : p.rulesOf(role)) {
      q = withoutRule(q, r.name());
    }
    for (Hint h : List.copyOf(q.hints())) {
      boolean names = h instanceof Decouple d ? d.role().equals(role) : ((Partition) h).role().equals(role);
      if (names && q.hints().contains(h)) {
        q = withoutHint(q, h);
      }
    }
    List<String> roles = new ArrayList<>(q.roles());
    roles.remove(role);
    return q.withRoles(roles).withoutUnusedRelations();
  }

  static GeneratedProgram replaceRule(GeneratedProgram p, Rule rule) {
    return p.withRules(p.rules().stream().map(r -> r.name().equals(rule.name()) ? rule : r).toList());
  }
}
