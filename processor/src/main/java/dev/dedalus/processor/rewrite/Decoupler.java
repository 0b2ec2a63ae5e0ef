package dev.dedalus.processor.rewrite;

import dev.dedalus.processor.check.Stratifier;
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

  private final Reporter reporter;
  private final boolean force;

  /**
   * @param force a test-only switch: apply a hint even when no precondition holds (with a warning),
   *     so that differential tests can show they catch unsafe rewrites
   */
  public Decoupler(Reporter reporter, boolean force) {
    this.reporter = reporter;
    this.force = force;
  }

  /** The optimized plan: every hint applied in order; empty if a hint was refused. */
  public Optional<Plan> optimize(Program base) {
    Program program = base;
    List<String> decisions = new ArrayList<>();
    int errorsBefore = reporter.errorCount();
    for (DecoupleHint hint : base.hints()) {
      if (!valid(hint, program)) {
        continue;
      }
      Split split = new Split(program, hint);
      List<String> reasons = new ArrayList<>();
      Program next = null;
      for (Decoupling rewrite : REWRITES) {
        Optional<String> violation = rewrite.violation(split);
        if (violation.isEmpty()) {
          next = rewrite.apply(split);
          String decision = "decoupled " + hint.ruleSet() + " from " + hint.role() + " into " + hint.into() + " by " + rewrite.name();
          decisions.add(decision);
          reporter.note(DiagnosticId.DedalusDecoupled, hint.site(), "%s", decision);
          break;
        }
        reasons.add(violation.get());
      }
      if (next == null) {
        String why;
        if (split.dependency().isPresent()) {
          why = split.dependency().get() + "; the rules that stay must not depend on the moved ones (not independent)";
        } else if (reasons.stream().distinct().count() == 1) {
          why = reasons.get(0);
        } else {
          why = "not mutually independent (" + reasons.get(0) + "); not monotonic (" + reasons.get(1)
              + "); not functional (" + reasons.get(2) + ")";
        }
        if (!force) {
          reporter.error(DiagnosticId.DedalusCannotDecouple, hint.site(), "cannot decouple %s from %s into %s: %s",
              hint.ruleSet(), hint.role(), hint.into(), why);
          continue;
        }
        reporter.warning(DiagnosticId.DedalusForcedRewrite, hint.site(),
            "UNSAFE: forced to decouple %s from %s into %s although %s", hint.ruleSet(), hint.role(), hint.into(), why);
        next = Redirection.apply(split, "forced decoupling", true);
        decisions.add("FORCED: decoupled " + hint.ruleSet() + " from " + hint.role() + " into " + hint.into()
            + " although " + why);
      }
      program = restratify(next);
    }
    if (reporter.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new Plan(Plan.OPTIMIZED, program, decisions));
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

  /** Strata are per role; a rewrite changes roles, so every role is stratified again. */
  private Program restratify(Program program) {
    Stratifier stratifier = new Stratifier(reporter);
    List<Role> roles = new ArrayList<>();
    for (Role r : program.roles()) {
      roles.add(new Role(r.name(), r.rules(), stratifier.stratify(r.rules()), r.site()));
    }
    return program.withRoles(roles);
  }
}
