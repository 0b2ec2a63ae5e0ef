package dev.dedalus.protocols.lin;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.protocols.lin.CheckResult.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random histories ({@link RandomKvHistories}): linearizable by construction, they must
 * pass; with one read made impossible, they must fail; small ones, corrupted or not, must get the
 * verdict of a brute-force search. And the step budget bounds the search.
 */
class LinearizabilityRandomTest {
  private static final int SEEDS = 300;
  private static final RandomKvHistories BUSY = new RandomKvHistories(80, 3, 5, 10, 40, 0.1);

  @Test
  void generatedHistoriesAreLinearizable() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      CheckResult<KvInput, KvOutput> result =
          Linearizability.check(KvHistory.MODEL, BUSY.generate(new SplittableRandom(seed)));
      assertWithMessage("seed %s: %s", seed, result.explain()).that(result.verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }
  }

  @Test
  void oneImpossibleReadIsCaught() {
    int corrupted = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      List<Operation<KvInput, KvOutput>> history = new ArrayList<>(BUSY.generate(random));
      List<Integer> reads = new ArrayList<>();
      for (int i = 0; i < history.size(); i++) {
        if (history.get(i).input().op() == KvInput.Op.GET && !history.get(i).isPending()) {
          reads.add(i);
        }
      }
      if (reads.isEmpty()) {
        continue;
      }
      int victim = reads.get(random.nextInt(reads.size()));
      Operation<KvInput, KvOutput> read = history.get(victim);
      // Values are unique per operation: one written under another key never was under this one.
      String impossible = history.stream()
          .filter(op -> op.input().value() != null && !op.input().key().equals(read.input().key()))
          .map(op -> op.input().value())
          .findFirst().orElse("never");
      history.set(victim, Operation.completed(read.clientId(), read.callTime(), read.returnTime(),
          read.input(), KvOutput.read(impossible)));
      CheckResult<KvInput, KvOutput> result = Linearizability.check(KvHistory.MODEL, history);
      assertWithMessage("seed %s: %s made to read %s", seed, read, impossible)
          .that(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
      assertWithMessage("seed %s", seed).that(result.partition()).isEqualTo(read.input().key());
      assertWithMessage("seed %s: %s", seed, result.explain()).that(prefixProblems(result)).isEmpty();
      corrupted++;
    }
    assertThat(corrupted).isAtLeast(SEEDS * 9 / 10);
  }

  /**
   * What is wrong with a failure's longest prefix, if anything: it must replay on the model,
   * respect real time, include every operation that returned before its last one was called, and
   * admit no further operation.
   */
  static List<String> prefixProblems(CheckResult<KvInput, KvOutput> result) {
    List<String> problems = new ArrayList<>();
    List<Operation<KvInput, KvOutput>> prefix = result.longestPrefix();
    Map<String, String> state = KvHistory.MODEL.init();
    for (int i = 0; i < prefix.size(); i++) {
      Operation<KvInput, KvOutput> op = prefix.get(i);
      Model.Step<Map<String, String>, KvOutput> step = KvHistory.MODEL.step(state, op.input());
      if (!op.isPending() && !step.output().equals(op.output())) {
        problems.add("the model answers " + step.output() + " to " + op);
      }
      state = step.next();
      for (Operation<KvInput, KvOutput> earlier : prefix.subList(0, i)) {
        if (op.returnTime() < earlier.callTime()) {
          problems.add(op + " returned before " + earlier + " was called");
        }
      }
    }
    List<Operation<KvInput, KvOutput>> rest = new ArrayList<>(result.operations());
    rest.removeIf(op -> prefix.stream().anyMatch(p -> p == op));
    long firstReturn = rest.stream().mapToLong(Operation::returnTime).min().orElse(Operation.PENDING);
    long lastCall = prefix.isEmpty() ? Long.MIN_VALUE : prefix.get(prefix.size() - 1).callTime();
    for (Operation<KvInput, KvOutput> op : rest) {
      if (op.returnTime() < lastCall) {
        problems.add(op + " returned before the prefix's last call, yet is not in it");
      }
      boolean candidate = op.callTime() <= firstReturn;
      if (candidate && (op.isPending() || KvHistory.MODEL.step(state, op.input()).output().equals(op.output()))) {
        problems.add(op + " extends the prefix");
      }
    }
    return problems;
  }

  /**
   * Small histories with one read or cas result replaced by a plausible one (a value once written
   * there, or absence; the other flag): the checker, per key and on the whole history, agrees with a
   * brute-force search over every order of all the operations.
   */
  @Test
  void smallHistoriesGetTheVerdictOfABruteForceSearch() {
    RandomKvHistories small = new RandomKvHistories(7, 2, 3, 4, 8, 0.2);
    int[] verdicts = new int[2];
    for (long seed = 1; seed <= 2_000; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      List<Operation<KvInput, KvOutput>> history = new ArrayList<>(small.generate(random));
      if (random.nextBoolean()) {
        perturb(history, random);
      }
      boolean expected = BruteForce.linearizable(history);
      CheckResult<KvInput, KvOutput> byKey = Linearizability.check(KvHistory.MODEL, history);
      CheckResult<KvInput, KvOutput> whole = Linearizability.check(LinearizabilityTest.WHOLE, history);
      assertWithMessage("seed %s: %s", seed, byKey.explain()).that(byKey.isLinearizable()).isEqualTo(expected);
      assertWithMessage("seed %s: %s", seed, whole.explain()).that(whole.isLinearizable()).isEqualTo(expected);
      verdicts[expected ? 1 : 0]++;
    }
    // Both answers must be common, or the comparison proved little.
    assertThat(verdicts[0]).isAtLeast(200);
    assertThat(verdicts[1]).isAtLeast(1_000);
  }

  private static void perturb(List<Operation<KvInput, KvOutput>> history, SplittableRandom random) {
    int i = random.nextInt(history.size());
    Operation<KvInput, KvOutput> op = history.get(i);
    if (op.isPending() || op.input().op() == KvInput.Op.PUT) {
      return;
    }
    KvOutput output;
    if (op.input().op() == KvInput.Op.CAS) {
      output = KvOutput.cas(!op.output().flag());
    } else {
      List<String> values = new ArrayList<>();
      values.add(null);
      history.stream().filter(o -> o.input().key().equals(op.input().key()) && o.input().value() != null)
          .forEach(o -> values.add(o.input().value()));
      output = KvOutput.read(values.get(random.nextInt(values.size())));
    }
    history.set(i, Operation.completed(op.clientId(), op.callTime(), op.returnTime(), op.input(), output));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // guards against a hang, not a speed goal
  void aBigConcurrentHistoryFinishesOrSaysUnknown() {
    RandomKvHistories crowded = new RandomKvHistories(400, 1, 50, 3, 500, 0.1);
    for (long seed = 1; seed <= 5; seed++) {
      long budget = 200_000;
      CheckResult<KvInput, KvOutput> result =
          Linearizability.check(KvHistory.MODEL, crowded.generate(new SplittableRandom(seed)), budget);
      assertWithMessage("seed %s: %s", seed, result.explain())
          .that(result.verdict()).isAnyOf(Verdict.LINEARIZABLE, Verdict.UNKNOWN);
      assertThat(result.steps()).isAtMost(budget);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aThousandOperationsOnOneKeyFromTenClientsAreDecided() {
    RandomKvHistories busy = new RandomKvHistories(1_000, 1, 10, 3, 200, 0.05);
    for (long seed = 1; seed <= 3; seed++) {
      CheckResult<KvInput, KvOutput> result =
          Linearizability.check(KvHistory.MODEL, busy.generate(new SplittableRandom(seed)));
      assertWithMessage("seed %s: %s", seed, result.explain()).that(result.verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }
  }

  /** 30 concurrent puts, then a read of a value none wrote: proving it needs every order of the puts. */
  private static KvHistory hopeless(String key) {
    KvHistory history = new KvHistory();
    for (int i = 0; i < 30; i++) {
      history.put(i, 0, 1_000, key, "v" + i);
    }
    return history.get(99, 2_000, 2_010, key, "never");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anExhaustedBudgetSaysUnknown() {
    CheckResult<KvInput, KvOutput> result = Linearizability.check(KvHistory.MODEL, hopeless("x").ops(), 100_000);
    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.isLinearizable()).isFalse();
    assertThat(result.steps()).isEqualTo(100_000);
    assertThat(result.partition()).isEqualTo("x");
    assertThat(result.explain()).startsWith("unknown: partition x used its budget of 100000 steps undecided");
    assertThat(result.longestPrefix()).hasSize(30);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aFailureInAnotherKeyWinsOverUnknown() {
    KvHistory history = hopeless("a").put(1, 0, 10, "b", "1").get(2, 20, 30, "b", null);
    CheckResult<KvInput, KvOutput> result = Linearizability.check(KvHistory.MODEL, history.ops(), 100_000);
    assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(result.partition()).isEqualTo("b");
  }

  /** The definition, searched without memoization or partitions: some order of all operations works. */
  static final class BruteForce {
    static boolean linearizable(List<Operation<KvInput, KvOutput>> history) {
      return extend(history, new boolean[history.size()], 0, KvHistory.MODEL.init());
    }

    private static boolean extend(List<Operation<KvInput, KvOutput>> ops, boolean[] placed, int count, Map<String, String> state) {
      if (count == ops.size()) {
        return true;
      }
      for (int i = 0; i < ops.size(); i++) {
        if (placed[i] || !mayGoNext(ops, placed, i)) {
          continue;
        }
        Operation<KvInput, KvOutput> op = ops.get(i);
        Model.Step<Map<String, String>, KvOutput> step = KvHistory.MODEL.step(state, op.input());
        if (op.isPending() || step.output().equals(op.output())) {
          placed[i] = true;
          boolean found = extend(ops, placed, count + 1, step.next());
          placed[i] = false;
          if (found) {
            return true;
          }
        }
      }
      return false;
    }

    /** No operation still to be placed returned before this one was called. */
    private static boolean mayGoNext(List<Operation<KvInput, KvOutput>> ops, boolean[] placed, int i) {
      for (int j = 0; j < ops.size(); j++) {
        if (!placed[j] && ops.get(j).returnTime() < ops.get(i).callTime()) {
          return false;
        }
      }
      return true;
    }
  }
}
