package dev.dedalus.processor.check;

import dev.dedalus.processor.diag.DiagnosticId;
import dev.dedalus.processor.diag.Reporter;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.RuleKind;
import dev.dedalus.processor.model.Stratum;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Stratifies one role's deductive rules. Inductive and asynchronous rules take effect at a later
 * tick, so they never constrain strata. Within a tick, a rule that negates or aggregates over a
 * relation must not be part of a cycle through that relation; such a cycle is reported with its
 * path. Relations are ordered by Tarjan's strongly connected components, and each relation's
 * stratum is the longest chain of negations and aggregations below it.
 */
public final class Stratifier {
  private final Reporter reporter;

  public Stratifier(Reporter reporter) {
    this.reporter = reporter;
  }

  /** An edge of the dependency graph: body relation to head relation, through a rule. */
  private record Edge(String from, String to, Rule rule, boolean negative) {}

  /**
   * The program with every role stratified again: a rewrite moves and changes rules, so strata
   * computed before it point at rules that no longer exist.
   */
  public dev.dedalus.processor.model.Program restratify(dev.dedalus.processor.model.Program program) {
    List<dev.dedalus.processor.model.Role> roles = new java.util.ArrayList<>();
    for (dev.dedalus.processor.model.Role r : program.roles()) {
      roles.add(new dev.dedalus.processor.model.Role(r.name(), r.rules(), stratify(r.rules()), r.site()));
    }
    return program.withRoles(roles);
  }

  public List<Stratum> stratify(List<Rule> rules) {
    List<Rule> deductive = rules.stream().filter(r -> r.kind() == RuleKind.DEDUCTIVE).toList();
    Map<String, List<Edge>> out = new TreeMap<>();
    Set<String> nodes = new TreeSet<>();
    for (Rule rule : deductive) {
      String head = rule.head().relation().name();
      nodes.add(head);
      boolean aggregates = rule.head().hasAggregate();
      for (Literal.AtomLiteral atom : rule.atoms().toList()) {
        String body = atom.relation().name();
        nodes.add(body);
        out.computeIfAbsent(body, k -> new ArrayList<>()).add(new Edge(body, head, rule, atom.negated() || aggregates));
      }
    }

    Map<String, Integer> component = new Tarjan(nodes, out).run();

    boolean ok = true;
    for (Rule rule : deductive) {
      String head = rule.head().relation().name();
      for (Literal.AtomLiteral atom : rule.atoms().toList()) {
        String body = atom.relation().name();
        boolean negative = atom.negated() || rule.head().hasAggregate();
        if (negative && component.get(body).equals(component.get(head))) {
          List<String> cycle = path(head, body, out, component);
          cycle.add(head);
          reporter.error(DiagnosticId.DedalusUnstratifiable, rule.site(),
              "rule '%s' %s '%s' inside a recursive cycle of deductive rules: %s; break the cycle, or derive the "
                  + "negated or aggregated relation at the next tick with ':+'",
              rule.name(), atom.negated() ? "negates" : "aggregates over", body, String.join(" -> ", cycle));
          ok = false;
        }
      }
    }
    if (!ok) {
      return List.of();
    }
    return strata(deductive, nodes, out, component);
  }

  /** The shortest path from {@code from} to {@code to} inside their component. */
  private static List<String> path(String from, String to, Map<String, List<Edge>> out, Map<String, Integer> component) {
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(from);
    parent.put(from, null);
    while (!queue.isEmpty()) {
      String n = queue.poll();
      if (n.equals(to)) {
        break;
      }
      for (Edge e : out.getOrDefault(n, List.of())) {
        if (component.get(e.to()).equals(component.get(from)) && !parent.containsKey(e.to())) {
          parent.put(e.to(), n);
          queue.add(e.to());
        }
      }
    }
    List<String> reversed = new ArrayList<>();
    for (String n = to; n != null; n = parent.get(n)) {
      reversed.add(0, n);
    }
    return reversed;
  }

  private static List<Stratum> strata(List<Rule> deductive, Set<String> nodes, Map<String, List<Edge>> out,
      Map<String, Integer> component) {
    // Tarjan numbers components in reverse topological order: a component's successors have
    // smaller numbers. Walk from the highest number (sources) down.
    Map<Integer, Integer> level = new HashMap<>();
    List<Integer> order = component.values().stream().distinct().sorted((a, b) -> b - a).toList();
    Map<Integer, List<String>> members = new HashMap<>();
    nodes.forEach(n -> members.computeIfAbsent(component.get(n), k -> new ArrayList<>()).add(n));
    for (int c : order) {
      level.putIfAbsent(c, 0);
      for (String n : members.get(c)) {
        for (Edge e : out.getOrDefault(n, List.of())) {
          int target = component.get(e.to());
          if (target != c) {
            level.merge(target, level.get(c) + (e.negative() ? 1 : 0), Math::max);
          }
        }
      }
    }
    Map<Integer, Set<String>> derivedByLevel = new TreeMap<>();
    Set<String> derived = new LinkedHashSet<>();
    deductive.forEach(r -> derived.add(r.head().relation().name()));
    for (String n : derived) {
      derivedByLevel.computeIfAbsent(level.get(component.get(n)), k -> new TreeSet<>()).add(n);
    }
    List<Stratum> strata = new ArrayList<>();
    for (Set<String> relations : derivedByLevel.values()) {
      List<Rule> rules = deductive.stream().filter(r -> relations.contains(r.head().relation().name())).toList();
      boolean recursive = rules.stream().anyMatch(r -> r.atoms().anyMatch(a -> relations.contains(a.relation().name())
          && component.get(a.relation().name()).equals(component.get(r.head().relation().name()))));
      strata.add(new Stratum(strata.size(), List.copyOf(relations), rules, recursive));
    }
    return strata;
  }

  /** Tarjan's strongly connected components, iterating nodes in sorted order for determinism. */
  private static final class Tarjan {
    private final Set<String> nodes;
    private final Map<String, List<Edge>> out;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new LinkedHashSet<>();
    private final Map<String, Integer> component = new LinkedHashMap<>();
    private int counter;
    private int components;

    Tarjan(Set<String> nodes, Map<String, List<Edge>> out) {
      this.nodes = nodes;
      this.out = out;
    }

    Map<String, Integer> run() {
      for (String n : nodes) {
        if (!index.containsKey(n)) {
          visit(n);
        }
      }
      return component;
    }

    // Recursion depth is bounded by the number of relations of one role, which is small.
    private void visit(String n) {
      index.put(n, counter);
      low.put(n, counter);
      counter++;
      stack.push(n);
      onStack.add(n);
      for (Edge e : out.getOrDefault(n, List.of())) {
        if (!index.containsKey(e.to())) {
          visit(e.to());
          low.put(n, Math.min(low.get(n), low.get(e.to())));
        } else if (onStack.contains(e.to())) {
          low.put(n, Math.min(low.get(n), index.get(e.to())));
        }
      }
      if (low.get(n).equals(index.get(n))) {
        String m;
        do {
          m = stack.pop();
          onStack.remove(m);
          component.put(m, components);
        } while (!m.equals(n));
        components++;
      }
    }
  }
}
