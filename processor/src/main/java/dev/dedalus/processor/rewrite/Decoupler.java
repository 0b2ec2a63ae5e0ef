package dev.dedalus.processor.rewrite;

import dev.dedalus.processor.diag.DiagnosticId;
import dev.dedalus.processor.diag.Reporter;
import dev.dedalus.processor.diag.Suggestions;
import dev.dedalus.processor.model.DecoupleHint;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Role;
import dev.dedalus.processor.model.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;

/**
 * The rewrite phase for {@code @Decouple} hints: applies them in the order written, each by the
 * cheapest decoupling whose precondition holds (mutually independent, then monotonic, then
 * functional), reports the choice as a note, and reports an error naming the violated conditions
 * when none holds. The result is the program's optimized plan.
 */
public final class Decoupler {
  private static final List<Decoupling> REWRITES =
      List.of(new MutuallyIndependentDecoupling(), new MonotonicDecoupling(), new FunctionalDecoupling());

  /** Which conditions refuse a hint first, in a refusal: those that make every decoupling unsafe, then the rest. */
  private static final List<Condition> SEVERITY = List.of(Condition.INDEPENDENCE, Condition.SELF_IN_MOVED_RULE,
      Condition.MONOTONIC_MOVED_RULES, Condition.PERSISTED_REDIRECTED_INPUTS, Condition.ONE_ATOM_PER_BODY,
      Condition.PERSISTED_FORWARDED_INPUTS, Condition.ONE_RELATION_PER_BODY, Condition.NOTHING_SHARED);

  private final Reporter reporter;
  private final boolean force;
  private final Safety safety;

  /**
   * @param force a test-only switch: apply a hint even when no precondition holds (with a warning),
   *     so that differential tests can show they catch unsafe rewrites
   * @param safety the conditions this build checks (a test build may skip some)
   */
  public Decoupler(Reporter reporter, boolean force, Safety safety) {
    this.reporter = reporter;
    this.force = force;
    this.safety = safety;
  }

  /**
   * The optimized plan: every hint applied in order; empty if a hint was refused. Roles are left
   * unstratified: the pipeline stratifies the rewritten program once all rewrites are done.
   */
  public Optional<Plan> optimize(Program base) {
    Program program = base;
    List<String> decisions = new ArrayList<>();
    int errorsBefore = reporter.errorCount();
    for (DecoupleHint hint : base.hints()) {
      if (!valid(hint, program)) {
        continue;
      }
      Split split = new Split(program, hint);
      List<Verdict> verdicts = new ArrayList<>();
      Program next = null;
      for (Decoupling rewrite : REWRITES) {
        Verdict verdict = rewrite.verdict(split);
        verdicts.add(verdict);
        List<Violation> enforced = safety.enforced(verdict.violations());
        if (enforced.isEmpty()) {
          next = rewrite.apply(split);
          String decision = "decoupled " + hint.ruleSet() + " from " + hint.role() + " into " + hint.into() + " by " + rewrite.name();
          decisions.add(decision);
          reporter.note(DiagnosticId.DedalusDecoupled, hint.site(), "%s", decision);
          if (!verdict.applies()) {
            reporter.warning(DiagnosticId.DedalusForcedRewrite, hint.site(), "UNSAFE: %s although %s (-A%s)",
                decision, verdict.violations().get(0).detail(), Safety.OPTION);
          }
          break;
        }
      }
      if (next == null) {
        String why = refusal(verdicts);
        if (!force) {
          reporter.error(DiagnosticId.DedalusCannotDecouple, hint.site(), "cannot decouple %s from %s into %s: %s",
              hint.ruleSet(), hint.role(), hint.into(), why);
          continue;
        }
        reporter.warning(DiagnosticId.DedalusForcedRewrite, hint.site(),
            "UNSAFE: forced to decouple %s from %s into %s although %s", hint.ruleSet(), hint.role(), hint.into(), why);
        next = Redirection.apply(split, "forced decoupling", false, true);
        decisions.add("FORCED: decoupled " + hint.ruleSet() + " from " + hint.role() + " into " + hint.into()
            + " although " + why);
      }
      program = next;
    }
    if (reporter.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new Plan(Plan.OPTIMIZED, program, decisions));
  }

  /**
   * Why no decoupling applies. The violation that makes the split unsafe comes first (a dependency,
   * {@code self}, a negation of what arrives late, ...), then, if the rewrites fail for different
   * reasons, each rewrite's own.
   */
  static String refusal(List<Verdict> verdicts) {
    List<Violation> all = new ArrayList<>();
    verdicts.forEach(v -> all.addAll(v.violations()));
    Violation primary = all.stream()
        .min(java.util.Comparator.comparingInt(v -> SEVERITY.indexOf(v.condition()))).orElseThrow();
    if (primary.condition() == Condition.INDEPENDENCE) {
      return primary.detail() + "; the rules that stay must not depend on the moved ones (not independent)";
    }
    if (verdicts.stream().allMatch(v -> v.violations().contains(primary))) {
      return primary.detail();
    }
    String[] labels = {"not mutually independent", "not monotonic", "not functional"};
    List<String> becauseOfPrimary = new ArrayList<>();
    StringBuilder others = new StringBuilder();
    for (int i = 0; i < verdicts.size(); i++) {
      if (verdicts.get(i).violations().contains(primary)) {
        becauseOfPrimary.add(labels[i]);
      } else {
        others.append("; ").append(labels[i]).append(": ").append(verdicts.get(i).violations().get(0).detail());
      }
    }
    return primary.detail() + " (" + String.join(", ", becauseOfPrimary) + ")" + others;
  }

  private boolean valid(DecoupleHint hint, Program program) {
    Set<String> roles = program.roles().stream().map(Role::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    String where = "@Decouple(role = \"" + hint.role() + "\", into = \"" + hint.into() + "\")";
    if (!roles.contains(hint.role())) {
      reporter.error(DiagnosticId.DedalusBadHint, hint.site(), "%s names role '%s', which does not exist%s",
          where, hint.role(), Suggestions.didYouMean(hint.role(), roles));
      return false;
    }
    if (!SourceVersion.isIdentifier(hint.into()) || SourceVersion.isKeyword(hint.into())) {
      reporter.error(DiagnosticId.DedalusBadHint, hint.site(), "%s: into = \"%s\" must be a Java identifier, as it names a role",
          where, hint.into());
      return false;
    }
    if (roles.contains(hint.into())) {
      reporter.error(DiagnosticId.DedalusBadHint, hint.site(), "%s: role '%s' already exists; name a new role", where, hint.into());
      return false;
    }
    if (hint.rules().isEmpty()) {
      reporter.error(DiagnosticId.DedalusBadHint, hint.site(), "%s names no rule to move", where);
      return false;
    }
    Role role = program.role(hint.role()).orElseThrow();
    Set<String> ruleNames = role.rules().stream().map(Rule::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    Set<String> seen = new HashSet<>();
    boolean ok = true;
    for (String rule : hint.rules()) {
      if (!seen.add(rule)) {
        reporter.error(DiagnosticId.DedalusBadHint, hint.site(), "%s names rule '%s' twice", where, rule);
        ok = false;
      } else if (!ruleNames.contains(rule)) {
        reporter.error(DiagnosticId.DedalusBadHint, hint.site(), "%s names rule '%s', which role %s does not have%s",
            where, rule, hint.role(), Suggestions.didYouMean(rule, ruleNames));
        ok = false;
      }
    }
    return ok;
  }

}
