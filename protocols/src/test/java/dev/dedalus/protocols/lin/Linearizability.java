package dev.dedalus.protocols.lin;

import dev.dedalus.protocols.lin.CheckResult.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A linearizability checker for recorded histories: the Wing and Gong search with Lowe's
 * memoization, per partition, after Porcupine's {@code checkSingle} (anishathalye/porcupine).
 *
 * <h2>What is checked</h2>
 *
 * A history is linearizable for a {@link Model} iff its operations can be put in one total order
 * (a linearization) such that
 *
 * <ol>
 *   <li><b>real time is respected:</b> if {@code a.returnTime() < b.callTime()}, a comes before b;
 *   <li><b>the model agrees:</b> replaying the order from {@link Model#init()}, every completed
 *       operation's recorded output equals the model's output at its place.
 * </ol>
 *
 * <p><b>Equal times are concurrent.</b> The comparison above is strict: an operation that returned
 * at {@code t} and one called at {@code t} may be linearized in either order. A clock too coarse to
 * order two events must not make the checker claim a violation that the events do not prove; the
 * price is that a violation hidden inside one clock tick goes unseen, even between two operations
 * of one client. (In the search's event list, calls sort before returns at equal times.)
 *
 * <p><b>Pending operations</b> ({@link Operation#isPending()}: never returned, output unknown) are
 * operations whose return time is +infinity and whose output is whatever the model gives: rule 1
 * places one after every operation that returned before its call, and anywhere later. Leaving one out
 * is the same as placing it last, where nothing observes its effect, so "took effect" and "did
 * not" are both covered; the search stops as soon as every completed operation is placed.
 *
 * <p><b>Partitions</b> ({@link Model#partition}) are checked one by one, each on its own, in the
 * order of the map the model returns; the history is linearizable iff all of them are.
 *
 * <h2>Bounded search</h2>
 *
 * Each partition may take at most {@code stepBudget} model steps ({@link Model#step} calls). A
 * partition that runs out gives {@link Verdict#UNKNOWN} rather than a search that never ends, and
 * the search is iterative, so no history is too long for the stack. The search is exponential in
 * the number of operations open at once, not in the length of the history: in the tests, a
 * thousand operations on one key from ten clients (a few pending) are decided in well under the
 * default budget, while fifty clients calling at once exhaust it. A {@link
 * Verdict#NOT_LINEARIZABLE} verdict in a later partition still wins over an unknown one: a failure
 * found is a failure.
 */
public final class Linearizability {
  /** Model steps per partition unless told otherwise: a few seconds of search at most. */
  public static final long DEFAULT_STEP_BUDGET = 1_000_000;

  private Linearizability() {}

  public static <S, I, O> CheckResult<I, O> check(Model<S, I, O> model, List<Operation<I, O>> history) {
    return check(model, history, DEFAULT_STEP_BUDGET);
  }

  public static <S, I, O> CheckResult<I, O> check(
      Model<S, I, O> model, List<Operation<I, O>> history, long stepBudget) {
    long steps = 0;
    CheckResult<I, O> unknown = null;
    for (Map.Entry<?, List<Operation<I, O>>> part : model.partition(history).entrySet()) {
      List<Operation<I, O>> ops = new ArrayList<>(part.getValue());
      ops.sort(Comparator.comparingLong(Operation::callTime)); // stable: ties keep history order
      Search<S, I, O> search = new Search<>(model, ops);
      Verdict verdict = search.run(stepBudget);
      steps += search.steps;
      if (verdict != Verdict.LINEARIZABLE) {
        List<Operation<I, O>> prefix = Arrays.stream(search.longest).mapToObj(ops::get).toList();
        CheckResult<I, O> failed = new CheckResult<>(verdict, part.getKey(), ops, prefix, steps, stepBudget);
        if (verdict == Verdict.NOT_LINEARIZABLE) {
          return failed;
        }
        unknown = unknown == null ? failed : unknown;
      }
    }
    if (unknown != null) {
      return new CheckResult<>(Verdict.UNKNOWN, unknown.partition(), unknown.operations(),
          unknown.longestPrefix(), steps, stepBudget);
    }
    return new CheckResult<>(Verdict.LINEARIZABLE, null, List.of(), List.of(), steps, stepBudget);
  }

  /** A memo entry: which operations are linearized, and the model state they leave. */
  private record Config(BitSet linearized, Object state) {}

  /**
   * The search over one partition. Events live in a doubly linked list sorted by time: node {@code
   * 2i} is the call of operation {@code i}, node {@code 2i + 1} its return (absent for a pending
   * operation), node {@code 2n} the head. Linearizing an operation unlinks its nodes ("lifts" it);
   * backtracking links them back in reverse order, as in dancing links.
   */
  private static final class Search<S, I, O> {
    private static final int END = -1;
    private final Model<S, I, O> model;
    private final List<Operation<I, O>> ops;
    private final int head;
    private final int[] next;
    private final int[] prev;
    long steps;
    int[] longest = new int[0];

    Search(Model<S, I, O> model, List<Operation<I, O>> ops) {
      this.model = model;
      this.ops = ops;
      int n = ops.size();
      head = 2 * n;
      next = new int[2 * n + 1];
      prev = new int[2 * n + 1];
      List<Integer> events = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        events.add(2 * i);
        if (!ops.get(i).isPending()) {
          events.add(2 * i + 1);
        }
      }
      // At equal times calls come first (e & 1 == 0): the operations are concurrent.
      events.sort(Comparator.comparingLong(this::time).thenComparingInt(e -> e & 1).thenComparingInt(e -> e));
      int last = head;
      for (int e : events) {
        next[last] = e;
        prev[e] = last;
        last = e;
      }
      next[last] = END;
    }

    private long time(int node) {
      Operation<I, O> op = ops.get(node / 2);
      return (node & 1) == 0 ? op.callTime() : op.returnTime();
    }

    /**
     * Walks the list from the head. At a call, tries to linearize that operation next: if the
     * model accepts it and the resulting (linearized set, state) is new, commits to it and restarts
     * from the head. At a return, the operation returning there is not linearized yet, yet it must
     * precede everything later, and every call before it has been tried: undo the last choice.
     */
    Verdict run(long budget) {
      int n = ops.size();
      int remaining = (int) ops.stream().filter(op -> !op.isPending()).count();
      BitSet linearized = new BitSet(n);
      Set<Config> seen = new HashSet<>();
      int[] stackOp = new int[n];
      @SuppressWarnings("unchecked")
      S[] stackState = (S[]) new Object[n];
      int depth = 0;
      S state = model.init();
      int node = next[head];
      // While a completed operation remains, its return is in the list, so the walk stops at a
      // return before it could fall off the end; pending operations left over can go last.
      while (remaining > 0) {
        int i = node / 2;
        Operation<I, O> op = ops.get(i);
        if ((node & 1) == 0) {
          if (steps == budget) {
            return Verdict.UNKNOWN;
          }
          steps++;
          Model.Step<S, O> step = model.step(state, op.input());
          if (op.isPending() || Objects.equals(step.output(), op.output())) {
            linearized.set(i);
            // Lowe: a configuration seen before was fully explored then, and failed.
            if (seen.add(new Config((BitSet) linearized.clone(), step.next()))) {
              stackOp[depth] = i;
              stackState[depth] = state;
              depth++;
              if (depth > longest.length) {
                longest = Arrays.copyOf(stackOp, depth);
              }
              state = step.next();
              lift(i);
              remaining -= op.isPending() ? 0 : 1;
              node = next[head];
              continue;
            }
            linearized.clear(i);
          }
          node = next[node];
        } else {
          if (depth == 0) {
            return Verdict.NOT_LINEARIZABLE;
          }
          depth--;
          int undone = stackOp[depth];
          state = stackState[depth];
          linearized.clear(undone);
          unlift(undone);
          remaining += ops.get(undone).isPending() ? 0 : 1;
          node = next[2 * undone]; // try the calls after the undone one
        }
      }
      return Verdict.LINEARIZABLE;
    }

    private void lift(int i) {
      unlink(2 * i);
      if (!ops.get(i).isPending()) {
        unlink(2 * i + 1);
      }
    }

    private void unlift(int i) {
      if (!ops.get(i).isPending()) {
        relink(2 * i + 1);
      }
      relink(2 * i);
    }

    private void unlink(int node) {
      next[prev[node]] = next[node];
      if (next[node] != END) {
        prev[next[node]] = prev[node];
      }
    }

    private void relink(int node) {
      next[prev[node]] = node;
      if (next[node] != END) {
        prev[next[node]] = node;
      }
    }
  }
}
