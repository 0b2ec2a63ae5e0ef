package dev.dedalus.processor.model;

import dev.dedalus.processor.diag.Site;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A role: a kind of node and the rules its nodes run.
 *
 * @param name the nested type's simple name
 * @param rules all its rules, in declaration order
 * @param strata its deductive rules, stratified, lowest first
 * @param site the role's declaration
 */
public record Role(String name, List<Rule> rules, List<Stratum> strata, Site site) {
  public Role {
    rules = List.copyOf(rules);
    strata = List.copyOf(strata);
  }

  /** Rules evaluated after the tick's fixpoint: inductive and asynchronous ones. */
  public Stream<Rule> deferredRules() {
    return rules.stream().filter(r -> r.kind() != RuleKind.DEDUCTIVE);
  }

  /** Every relation the role's rules read in a body, sorted by name. */
  public Set<String> reads() {
    Set<String> names = new TreeSet<>();
    rules.forEach(r -> r.atoms().forEach(a -> names.add(a.relation().name())));
    return names;
  }
}
