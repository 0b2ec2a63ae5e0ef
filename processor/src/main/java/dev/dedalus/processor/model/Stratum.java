package dev.dedalus.processor.model;

import java.util.List;

/**
 * One stratum of a role's deductive rules: the relations it derives and the rules deriving them.
 * Negation and aggregation in a stratum read only relations of lower strata. {@code recursive}
 * tells whether some rule reads a relation of its own stratum, so evaluation needs a fixpoint.
 */
public record Stratum(int index, List<String> relations, List<Rule> rules, boolean recursive) {
  public Stratum {
    relations = List.copyOf(relations);
    rules = List.copyOf(rules);
  }
}
