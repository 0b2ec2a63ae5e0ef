package dev.dedalus.processor.plan;

import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.Rule;
import java.util.List;

/**
 * A relation carried in place: one persist-until rule {@code X(v..) :+ X(v..), !D(..), filters}
 * carries it, so the stage keeps {@code X} as a {@link Storage#STORE} and, at the end of each tick,
 * erases the facts the rule would not carry rather than rebuilding the relation. Which facts those
 * are follows from the rule's shape: a fact new in this tick (received, derived, or merged from
 * other {@code :+} rules since the last tick) is checked against the whole body ({@code newFacts});
 * a fact carried in from the last tick passed the filters then (they read only its own columns, and
 * expressions are pure) and no fact of each {@code D} matched it then, so it can only be dropped by
 * a fact of {@code D} that is new since then: each {@link DropProbe} looks those up.
 *
 * @param relation the carried relation
 * @param rule the persist-until rule
 * @param newFacts the steps that check one new fact: the scan of {@code X}, then filters and
 *     anti-joins (the rule's plan over all facts)
 * @param probes how each negated atom's new facts find the carried facts they drop
 */
public record KeptCarry(Relation relation, Rule rule, List<Step> newFacts, List<DropProbe> probes) {
  public KeptCarry {
    newFacts = List.copyOf(newFacts);
    probes = List.copyOf(probes);
  }

  /**
   * One negated atom {@code !D(..)} seen from {@code D}'s side: each fact of {@code D} in
   * {@code reach} that passes the checks drops the carried facts of {@code X} whose {@code keys}
   * columns equal its columns, found through {@code index} on {@code X} (every carried fact when
   * the atom shares no variable with {@code X}: {@code index} is null).
   *
   * @param atom the negated atom's position among the rule's body atoms
   * @param negated the relation {@code D}
   * @param reach which of {@code D}'s facts can drop a carried fact
   * @param index the index of {@code X} on the key columns, or null
   * @param keys for each column of the index, the column of {@code D} that gives its value
   * @param constants columns of {@code D} that must equal a constant: column and value
   * @param repeats pairs of columns of {@code D} that must be equal ({@code !D(a, a)})
   */
  public record DropProbe(int atom, Relation negated, Reach reach, IndexSpec index, List<Integer> keys,
      List<Step.ColumnExpr> constants, List<ColumnPair> repeats) {
    public DropProbe {
      keys = List.copyOf(keys);
      constants = List.copyOf(constants);
      repeats = List.copyOf(repeats);
    }
  }

  /** Two columns of a negated atom's relation that the same variable names. */
  public record ColumnPair(int first, int second) {}

  /** Which facts of a negated relation can drop facts carried in from the last tick. */
  public enum Reach {
    /** Every fact: the relation holds for one tick (or is itself a store), so each tick's facts are new. */
    ALL,
    /** The facts added since the rule last looked: the relation only grows. */
    SINCE_LAST_TICK
  }
}
