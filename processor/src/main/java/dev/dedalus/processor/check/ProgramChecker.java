package dev.dedalus.processor.check;

import dev.dedalus.processor.diag.DiagnosticId;
import dev.dedalus.processor.diag.Reporter;
import dev.dedalus.processor.diag.Suggestions;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RelationKind;
import dev.dedalus.processor.model.Role;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.RuleKind;
import dev.dedalus.processor.model.Stratum;
import dev.dedalus.processor.read.ProgramDecl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The check phase: checks every rule, then the program as a whole (who receives each input, which
 * output answers it, where outputs go, stratification per role, usage, endless sends), and builds
 * the immutable {@link Program}. Returns nothing if any error was reported.
 */
public final class ProgramChecker {
  private final Reporter reporter;

  public ProgramChecker(Reporter reporter) {
    this.reporter = reporter;
  }

  public Optional<Program> check(ProgramDecl decl) {
    int errorsBefore = reporter.errorCount();
    Map<String, Relation> relations = new LinkedHashMap<>();
    decl.relations().forEach(r -> relations.put(r.name(), r));
    RuleChecker ruleChecker = new RuleChecker(relations, new HashSet<>(decl.brokenRelations()), decl.functions(),
        decl.unusableFunctions(), reporter);

    Map<String, List<Rule>> rulesByRole = new LinkedHashMap<>();
    for (ProgramDecl.RoleDecl role : decl.roles()) {
      List<Rule> rules = new ArrayList<>();
      for (ProgramDecl.RuleDecl rule : role.rules()) {
        ruleChecker.check(rule, role.name()).ifPresent(rules::add);
      }
      rulesByRole.put(role.name(), rules);
    }
    List<Rule> allRules = rulesByRole.values().stream().flatMap(List::stream).toList();

    checkInputs(decl, relations, rulesByRole);
    checkConfigRoles(relations, rulesByRole.keySet());
    new Answers(reporter).check(relations, new HashSet<>(decl.brokenRelations()));
    new ClientLocations(reporter).check(decl.relations(), allRules);
    List<Role> roles = new ArrayList<>();
    Stratifier stratifier = new Stratifier(reporter);
    for (ProgramDecl.RoleDecl role : decl.roles()) {
      List<Rule> rules = rulesByRole.get(role.name());
      List<Stratum> strata = stratifier.stratify(rules);
      roles.add(new Role(role.name(), rules, strata, role.site()));
    }
    warnAboutUsage(decl, allRules);

    if (reporter.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    if (!reporter.hasErrors()) {
      // Only on a program without errors: a rule dropped for one could make a relation look stable.
      new EndlessSends(reporter).check(roles);
    }
    return Optional.of(new Program(decl.packageName(), decl.name(), decl.relations(), decl.functions(), roles,
        decl.hints(), decl.partitionHints(), decl.site()));
  }

  /** Each input has exactly one receiving role: the role named in {@code @Input}, or the only role reading it. */
  private void checkInputs(ProgramDecl decl, Map<String, Relation> relations, Map<String, List<Rule>> rulesByRole) {
    Set<String> roleNames = rulesByRole.keySet();
    for (Relation r : relations.values()) {
      if (!r.is(RelationKind.INPUT)) {
        continue;
      }
      Map<String, Rule> readers = new TreeMap<>();
      rulesByRole.forEach((role, rules) -> rules.stream()
          .filter(rule -> rule.atoms().anyMatch(a -> a.relation().name().equals(r.name())))
          .findFirst().ifPresent(rule -> readers.put(role, rule)));
      if (r.inputRole().isPresent()) {
        String receiver = r.inputRole().get();
        if (!roleNames.contains(receiver)) {
          reporter.error(DiagnosticId.DedalusUnknownRole, r.site(), "@Input '%s' names role '%s', which does not exist%s",
              r.name(), receiver, Suggestions.didYouMean(receiver, roleNames));
          continue;
        }
        readers.forEach((role, rule) -> {
          if (!role.equals(receiver)) {
            reporter.error(DiagnosticId.DedalusInputNotReceived, rule.site(),
                "rule '%s' of role '%s' reads @Input '%s', but clients send it to role '%s' only",
                rule.name(), role, r.name(), receiver);
          }
        });
      } else if (readers.size() > 1) {
        reporter.error(DiagnosticId.DedalusAmbiguousInput, r.site(),
            "@Input '%s' is read by roles %s; name the role that receives it with @Input(role = \"...\")",
            r.name(), String.join(" and ", readers.keySet()));
      }
    }
  }

  /** A {@code @Config} derived from a role's instances must name an existing role. */
  private void checkConfigRoles(Map<String, Relation> relations, Set<String> roleNames) {
    for (Relation r : relations.values()) {
      if (r.configSource() != null && !r.configSource().role().isEmpty() && !roleNames.contains(r.configSource().role())) {
        reporter.error(DiagnosticId.DedalusUnknownRole, r.site(), "@Config '%s' names role '%s', which does not exist%s",
            r.name(), r.configSource().role(), Suggestions.didYouMean(r.configSource().role(), roleNames));
      }
    }
  }

  private void warnAboutUsage(ProgramDecl decl, List<Rule> rules) {
    Set<String> read = new TreeSet<>();
    Set<String> derived = new TreeSet<>();
    Set<String> carried = new TreeSet<>();
    for (Rule rule : rules) {
      derived.add(rule.head().relation().name());
      if (rule.kind() == RuleKind.INDUCTIVE) {
        carried.add(rule.head().relation().name());
      }
      rule.atoms().map(Literal.AtomLiteral::relation).map(Relation::name).forEach(read::add);
    }
    for (Relation r : decl.relations()) {
      // A durable relation is used by being on disk, for recovery; others must be read.
      if (derived.contains(r.name()) && !read.contains(r.name()) && !r.is(RelationKind.OUTPUT)
          && !r.is(RelationKind.DURABLE)) {
        reporter.warning(DiagnosticId.DedalusUnusedRelation, r.site(),
            "relation '%s' is derived but never used: no rule reads it and it is neither @Output nor @Durable", r.name());
      }
      if (r.is(RelationKind.DURABLE) && !r.isPersisted() && !carried.contains(r.name())) {
        reporter.warning(DiagnosticId.DedalusDurableNotCarried, r.site(),
            "@Durable(persist = false) relation '%s' keeps nothing across ticks or restarts: no ':+' rule carries it", r.name());
      }
      if (read.contains(r.name()) && !derived.contains(r.name()) && !r.isExternal()) {
        reporter.warning(DiagnosticId.DedalusNeverDerived, r.site(),
            "relation '%s' is read but no rule derives it, so it is always empty; is it missing @Input or @Config?", r.name());
      }
    }
  }
}
