package dev.dedalus.protocols.lin;

import java.util.List;

/**
 * What {@link Linearizability#check} found.
 *
 * <p>When the verdict is not {@link Verdict#LINEARIZABLE}, {@code partition} names the part of the
 * history the search could not linearize (the first such part, in the model's partition order),
 * {@code operations} holds that part's operations sorted by call time, and {@code longestPrefix}
 * the longest sequence of them that the search linearized: a sequential execution of the model
 * that respects real time and places every operation that returned before the last one's call
 * (the same objects as in {@code operations}). When the verdict is {@link
 * Verdict#NOT_LINEARIZABLE}, no remaining operation can extend it. When the history is
 * linearizable, {@code partition} is {@code null} and both lists are empty.
 *
 * @param steps model steps taken, over all the partitions checked
 * @param stepBudget the budget of model steps each partition had
 */
public record CheckResult<I, O>(
    Verdict verdict,
    Object partition,
    List<Operation<I, O>> operations,
    List<Operation<I, O>> longestPrefix,
    long steps,
    long stepBudget) {

  public enum Verdict {
    /** Every partition has a linearization. */
    LINEARIZABLE,
    /** A partition has none: the search explored every possibility. */
    NOT_LINEARIZABLE,
    /** No partition was found to fail, but one ran out of steps before the search decided. */
    UNKNOWN
  }

  public CheckResult {
    operations = List.copyOf(operations);
    longestPrefix = List.copyOf(longestPrefix);
  }

  /** True only for {@link Verdict#LINEARIZABLE}: an unknown verdict is not a pass. */
  public boolean isLinearizable() {
    return verdict == Verdict.LINEARIZABLE;
  }

  /** A multi-line explanation for a test failure message. */
  public String explain() {
    if (verdict == Verdict.LINEARIZABLE) {
      return "linearizable (" + steps + " steps)";
    }
    StringBuilder text = new StringBuilder();
    text.append(verdict == Verdict.NOT_LINEARIZABLE
        ? "not linearizable: partition " + partition + " has no linearization"
        : "unknown: partition " + partition + " used its budget of " + stepBudget + " steps undecided");
    text.append("\n").append(operations.size()).append(" operations, by call time:");
    for (int i = 0; i < operations.size(); i++) {
      text.append("\n  #").append(i).append(' ').append(operations.get(i));
    }
    text.append("\nlongest linearizable prefix found (").append(longestPrefix.size())
        .append(" of ").append(operations.size()).append("):");
    for (Operation<I, O> op : longestPrefix) {
      text.append("\n  #").append(indexOf(op)).append(' ').append(op.input()).append(" -> ")
          .append(op.isPending() ? "(pending)" : op.output());
    }
    return text.toString();
  }

  private int indexOf(Operation<I, O> op) {
    for (int i = 0; i < operations.size(); i++) {
      if (operations.get(i) == op) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return explain();
  }
}
