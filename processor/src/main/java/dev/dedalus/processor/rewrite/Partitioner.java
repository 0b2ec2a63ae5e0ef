package dev.dedalus.processor.rewrite;

import dev.dedalus.processor.diag.DiagnosticId;
import dev.dedalus.processor.diag.Reporter;
import dev.dedalus.processor.diag.Suggestions;
import dev.dedalus.processor.model.Attribute;
import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.Head;
import dev.dedalus.processor.model.PartitionHint;
import dev.dedalus.processor.model.PartitionPolicy;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RelationKind;
import dev.dedalus.processor.model.Role;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.RuleKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rewrite phase for {@code @Partition} hints (TR §4.1-4.2, Redirection With Partitioning):
 * infers a parallel-disjoint-correct policy for the role from the hint's seed, then makes every
 * rule that sends the role a relation compute the destination partition from the fact's key,
 * {@code partition(Role, dest, key)}: a hash of the key modulo the deployment's partition count.
 * Facts the partitioned role sends out are unchanged.
 */
public final class Partitioner {
  /** A hint's key: {@code Relation.attribute}, split at the first dot. */
  private static final Pattern KEY = Pattern.compile("([^.]+)\\.(.*)");

  private final Reporter reporter;
  private final boolean force;
  private final Safety safety;

  /**
   * @param force a test-only switch: route by the seed even where no policy exists, with a warning
   * @param safety the conditions this build checks (a test build may skip some)
   */
  public Partitioner(Reporter reporter, boolean force, Safety safety) {
    this.reporter = reporter;
    this.force = force;
    this.safety = safety;
  }

  /**
   * Applies every hint to {@code program} in order; empty if a hint was refused. Roles are left
   * unstratified: the pipeline stratifies the rewritten program once all rewrites are done.
   */
  public Optional<Program> apply(Program program, List<String> decisions) {
    int errorsBefore = reporter.errorCount();
    Program current = program;
    for (PartitionHint hint : program.partitionHints()) {
      Optional<Program> next = apply(current, hint, decisions);
      if (next.isPresent()) {
        current = next.get();
      }
    }
    return reporter.errorCount() > errorsBefore ? Optional.empty() : Optional.of(current);
  }

  private Optional<Program> apply(Program program, PartitionHint hint, List<String> decisions) {
    String where = "@Partition(role = \"" + hint.role() + "\", key = \"" + String.join("\", \"", hint.key()) + "\")";
    Set<String> roleNames = program.roles().stream().map(Role::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    Optional<Role> maybeRole = program.role(hint.role());
    if (maybeRole.isEmpty()) {
      reporter.error(DiagnosticId.DedalusBadHint, hint.site(), "%s names role '%s', which does not exist%s",
          where, hint.role(), Suggestions.didYouMean(hint.role(), roleNames));
      return Optional.empty();
    }
    Role role = maybeRole.get();
    if (program.partitions().stream().anyMatch(p -> p.role().equals(role.name()))) {
      reporter.error(DiagnosticId.DedalusBadHint, hint.site(), "%s: role %s is already partitioned by an earlier hint", where, role.name());
      return Optional.empty();
    }
    if (hint.key().isEmpty()) {
      reporter.error(DiagnosticId.DedalusBadHint, hint.site(), "%s names no key", where);
      return Optional.empty();
    }
    Relation seedRelation = null;
    List<Integer> columns = new ArrayList<>();
    Set<String> relationNames = program.relations().stream().map(Relation::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    for (String key : hint.key()) {
      Matcher parts = KEY.matcher(key);
      String notAKey = "%s: key '%s' must be Relation.attribute%s";
      if (!parts.matches()) {
        reporter.error(DiagnosticId.DedalusBadHint, hint.site(), notAKey, where, key, "");
        return Optional.empty();
      }
      String relationName = parts.group(1);
      Optional<Relation> relation = program.relation(relationName);
      if (relation.isEmpty()) {
        reporter.error(DiagnosticId.DedalusBadHint, hint.site(), notAKey, where, key,
            "; there is no relation '" + relationName + "'" + Suggestions.didYouMean(relationName, relationNames));
        return Optional.empty();
      }
      String attribute = parts.group(2);
      List<String> attributes = relation.get().attributes().stream().map(Attribute::name).toList();
      int column = attributes.indexOf(attribute);
      if (column < 0) {
        reporter.error(DiagnosticId.DedalusBadHint, hint.site(), "%s: relation %s has no attribute '%s'%s", where,
            relationName, attribute, Suggestions.didYouMean(attribute, attributes));
        return Optional.empty();
      }
      if (seedRelation != null && !seedRelation.name().equals(relationName)) {
        reporter.error(DiagnosticId.DedalusBadHint, hint.site(), "%s: the key's attributes must all belong to one relation", where);
        return Optional.empty();
      }
      seedRelation = relation.get();
      columns.add(column);
    }
    if (!role.reads().contains(seedRelation.name())) {
      reporter.error(DiagnosticId.DedalusBadHint, hint.site(), "%s: role %s does not read %s", where, role.name(), seedRelation.name());
      return Optional.empty();
    }
    String cannot = "cannot partition " + role.name() + " on " + hint.seed() + ": ";
    List<Violation> all = all(program, role, seedRelation, columns);
    List<Violation> violations = safety.enforced(all);
    if (!violations.isEmpty()) {
      Violation first = violations.get(0);
      if (!force) {
        reporter.error(DiagnosticId.DedalusCannotPartition, hint.site(), "%s%s%s", cannot, first.detail(),
            suggestion(program, role, hint));
        return Optional.empty();
      }
      reporter.warning(DiagnosticId.DedalusForcedRewrite, hint.site(), "UNSAFE: forced to partition %s on %s although %s",
          role.name(), hint.seed(), first.detail());
    }
    PartitionInference inference = inference(program, role, seedRelation, columns);
    String analysis = inference.usesFunctions() ? "dependencies" : "co-hashing";
    Map<String, List<String>> described = new LinkedHashMap<>();
    for (Relation r : program.relations()) {
      List<Expr> key = inference.keys().get(r.name());
      if (key != null) {
        described.put(r.name(), key.stream().map(e -> PartitionInference.rename(e, r).toString()).toList());
      }
    }
    String decision = (violations.isEmpty() ? "" : "FORCED: ") + "partitioned " + role.name() + " on "
        + hint.seed() + " by " + analysis + ": " + described.entrySet().stream()
            .map(e -> e.getKey() + " by (" + String.join(", ", e.getValue()) + ")").collect(Collectors.joining(", "));
    decisions.add(decision);
    reporter.note(DiagnosticId.DedalusPartitioned, hint.site(), "%s", decision);
    List<Violation> skipped = unchecked(all, violations, program, role, seedRelation, columns);
    if (!skipped.isEmpty()) {
      reporter.warning(DiagnosticId.DedalusForcedRewrite, hint.site(), "UNSAFE: %s although %s (-A%s)", decision,
          skipped.get(0).detail(), Safety.OPTION);
    }

    List<Role> roles = new ArrayList<>();
    for (Role r : program.roles()) {
      List<Rule> rules = new ArrayList<>();
      for (Rule rule : r.rules()) {
        rules.add(route(rule, role.name(), inference, program, analysis));
      }
      roles.add(new Role(r.name(), rules, List.of(), r.site()));
    }
    return Optional.of(program.withPartition(roles, new PartitionPolicy(role.name(), hint.seed(), described, analysis)));
  }

  private PartitionInference inference(Program program, Role role, Relation seedRelation, List<Integer> columns) {
    return new PartitionInference(role, seedRelation, columns, Split.networkRelations(program), safety).run();
  }

  /**
   * Every condition partitioning {@code role} on the seed violates, in the order checked, those the
   * build skips left out: clients must not send it inputs; the policy inferred from the seed must be
   * parallel-disjoint-correct; every sender must be able to compute a fact's key.
   */
  private List<Violation> violations(Program program, Role role, Relation seedRelation, List<Integer> columns) {
    return safety.enforced(all(program, role, seedRelation, columns));
  }

  /** The violations this build lets through because it skips their conditions. */
  private List<Violation> unchecked(List<Violation> all, List<Violation> enforced, Program program, Role role,
      Relation seedRelation, List<Integer> columns) {
    List<Violation> skipped = new ArrayList<>(all);
    skipped.removeAll(enforced);
    if (skipped.isEmpty() && !safety.skipped().isEmpty()) {
      // The inference stops at its first enforced violation; with checks skipped, ask it again with none.
      PartitionInference unchecked = new PartitionInference(role, seedRelation, columns, Split.networkRelations(program),
          Safety.ALL_CHECKS).run();
      unchecked.violations().stream().filter(v -> safety.skips(v.condition())).forEach(skipped::add);
    }
    return skipped;
  }

  private List<Violation> all(Program program, Role role, Relation seedRelation, List<Integer> columns) {
    List<Violation> out = new ArrayList<>();
    for (String read : role.reads()) {
      Relation r = program.relation(read).orElseThrow();
      if (r.is(RelationKind.INPUT) && role.name().equals(clientReceiver(program, r))) {
        out.add(new Violation(Condition.CLIENT_INPUT_RECEIVER, "", r.name(), "clients send it " + r.name()
            + ", and choosing a partition would change the client; decouple the rules that read it first"));
      }
    }
    PartitionInference inference = inference(program, role, seedRelation, columns);
    out.addAll(inference.violations());
    out.addAll(unroutable(program, role, inference));
    return out;
  }

  /**
   * {@link Condition#ROUTABLE_KEY}: a sender of a relation the role reads fills a column of the
   * relation's key with an aggregate, so the partition cannot be chosen from the rule's head.
   */
  private static List<Violation> unroutable(Program program, Role role, PartitionInference inference) {
    List<Violation> out = new ArrayList<>();
    for (Role sender : program.roles()) {
      for (Rule rule : sender.rules()) {
        Relation x = rule.head().relation();
        List<Expr> key = inference.keys().get(x.name());
        if (rule.kind() != RuleKind.ASYNC || key == null || !role.reads().contains(x.name())) {
          continue;
        }
        for (Expr k : key) {
          if (PartitionInference.onHead(k, rule.head().args()).isEmpty()) {
            out.add(new Violation(Condition.ROUTABLE_KEY, rule.name(), x.name(), sender.name() + "'s rule '" + rule.name()
                + "' sends " + x.name() + " with an aggregate in " + PartitionInference.describe(x, key)
                + ", the partition key, so the partition cannot be chosen when it is sent; aggregate into a local"
                + " relation first and send that"));
            break;
          }
        }
      }
    }
    return out;
  }

  /**
   * "; partitioning on X.a would work" when some single attribute of a relation the role reads
   * seeds a policy that satisfies every checked condition, else "" (always when the role receives
   * client input: that fails whatever the seed).
   */
  private String suggestion(Program program, Role role, PartitionHint hint) {
    for (Relation r : program.relations()) {
      if (Split.isStatic(r) || !role.reads().contains(r.name())) {
        continue;
      }
      for (int c = 0; c < r.arity(); c++) {
        String seed = r.name() + "." + r.attributes().get(c).name();
        if (!seed.equals(hint.seed()) && violations(program, role, r, List.of(c)).isEmpty()) {
          return "; partitioning on " + seed + " would work";
        }
      }
    }
    return "";
  }

  /** The role clients send an input to: the one named by {@code @Input(role)}, else the first reading it. */
  private static String clientReceiver(Program program, Relation input) {
    return input.inputRole().orElseGet(() -> program.roles().stream().filter(r -> r.reads().contains(input.name()))
        .map(Role::name).findFirst().orElse(""));
  }

  /** Sends of a relation the partitioned role reads go to the partition of the fact's key. */
  private static Rule route(Rule rule, String partitioned, PartitionInference inference, Program program, String analysis) {
    if (rule.kind() != RuleKind.ASYNC) {
      return rule;
    }
    Relation x = rule.head().relation();
    List<Expr> key = inference.keys().get(x.name());
    boolean readByRole = program.role(partitioned).orElseThrow().reads().contains(x.name());
    if (key == null || !readByRole) {
      return rule;
    }
    List<Expr> keyValues = new ArrayList<>();
    for (Expr k : key) {
      Optional<Expr> v = PartitionInference.onHead(k, rule.head().args());
      if (v.isEmpty()) {
        return rule; // an aggregated key: refused by ROUTABLE_KEY, reached only when a test build skips it
      }
      keyValues.add(v.get());
    }
    Expr dest = new Expr.Partition(partitioned, rule.head().destination().orElseThrow(), keyValues);
    return rule.withHead(new Head(x, Optional.of(dest), rule.head().args()),
        "routed to " + partitioned + "'s partition of " + PartitionInference.describe(x, key) + " by " + analysis);
  }
}
