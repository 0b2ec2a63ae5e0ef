package dev.dedalus.protocols.lin;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dedalus.protocols.lin.CheckResult.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Hand-written key-value histories with a known answer. Times are virtual milliseconds; "client
 * 1 [0, 10] put(x, 1)" is written {@code put(1, 0, 10, "x", "1")}.
 */
class LinearizabilityTest {

  private static void assertLinearizable(KvHistory history) {
    CheckResult<KvInput, KvOutput> result = history.check();
    assertWithMessage(result.explain()).that(result.verdict()).isEqualTo(Verdict.LINEARIZABLE);
  }

  private static CheckResult<KvInput, KvOutput> assertNotLinearizable(KvHistory history) {
    CheckResult<KvInput, KvOutput> result = history.check();
    assertWithMessage(result.explain()).that(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    return result;
  }

  @Nested
  class Linearizable {
    @Test
    void sequentialHistory() {
      assertLinearizable(new KvHistory()
          .get(1, 0, 5, "x", null)
          .put(1, 10, 20, "x", "1")
          .get(2, 30, 40, "x", "1")
          .cas(1, 50, 60, "x", "1", "2", true)
          .cas(2, 70, 80, "x", "1", "3", false)
          .get(1, 90, 100, "x", "2")
          .cas(2, 110, 120, "y", null, "a", true)
          .get(1, 130, 140, "y", "a"));
    }

    @Test
    void readsOverlappingAWriteMaySeeEitherValueInOneOrder() {
      assertLinearizable(new KvHistory()
          .put(1, 0, 100, "x", "1")
          .get(2, 10, 20, "x", null)
          .get(3, 15, 50, "x", "1")
          .get(2, 30, 40, "x", null)  // so the put lands after 30 and before 50,
          .get(2, 60, 70, "x", "1")); // between the two overlapping reads that disagree
    }

    @Test
    void concurrentCasesOnlyOneWins() {
      assertLinearizable(new KvHistory()
          .cas(1, 0, 50, "x", null, "a", false)
          .cas(2, 10, 60, "x", null, "b", true)
          .get(3, 70, 80, "x", "b"));
    }

    @Test
    void writesOverlappingEachOtherMayLandInEitherOrder() {
      assertLinearizable(new KvHistory()
          .put(1, 0, 50, "x", "1")
          .put(2, 10, 40, "x", "2")
          .get(3, 60, 70, "x", "1"));
    }
  }

  @Nested
  class NotLinearizable {
    @Test
    void staleReadAfterACompletedWrite() {
      assertNotLinearizable(new KvHistory()
          .put(1, 0, 10, "x", "1")
          .put(1, 20, 30, "x", "2")
          .get(2, 40, 50, "x", "1"));
    }

    @Test
    void lostUpdateTwoCasesFromTheSameValueBothSucceed() {
      assertNotLinearizable(new KvHistory()
          .put(1, 0, 5, "x", "0")
          .cas(1, 10, 20, "x", "0", "1", true)
          .cas(2, 12, 22, "x", "0", "2", true));
    }

    @Test
    void readOfAValueNeverWritten() {
      assertNotLinearizable(new KvHistory()
          .put(1, 0, 10, "x", "1")
          .get(2, 5, 15, "x", "7"));
    }

    @Test
    void newOldInversionALaterReadSeesAnOlderValue() {
      // The slow put is concurrent with both reads, but once one read saw 1, no later one may miss it.
      assertNotLinearizable(new KvHistory()
          .put(1, 0, 100, "x", "1")
          .get(2, 10, 20, "x", "1")
          .get(3, 30, 40, "x", null));
    }

    @Test
    void twoReadersSeeTwoWritesInOppositeOrders() {
      assertNotLinearizable(new KvHistory()
          .put(1, 0, 100, "x", "1")
          .put(2, 0, 100, "x", "2")
          .get(3, 20, 30, "x", "1")
          .get(4, 21, 31, "x", "2")
          .get(3, 40, 50, "x", "2")
          .get(4, 41, 51, "x", "1"));
    }
  }

  /** An operation that never returned may take effect at any point after its call, or never. */
  @Nested
  class PendingOperations {
    @Test
    void aPendingPutThatTookEffect() {
      assertLinearizable(new KvHistory()
          .pending(1, 0, KvInput.put("x", "1"))
          .get(2, 10, 20, "x", "1"));
    }

    @Test
    void aPendingPutThatDidNotTakeEffect() {
      assertLinearizable(new KvHistory()
          .pending(1, 0, KvInput.put("x", "1"))
          .get(2, 10, 20, "x", null)
          .get(2, 1_000, 1_010, "x", null));
    }

    @Test
    void aPendingPutThatTookEffectLongAfterItsClientGaveUp() {
      assertLinearizable(new KvHistory()
          .pending(1, 0, KvInput.put("x", "1"))
          .get(2, 10, 20, "x", null)
          .get(2, 1_000, 1_010, "x", "1"));
    }

    @Test
    void aPendingPutCannotTakeEffectBeforeItsCall() {
      assertNotLinearizable(new KvHistory()
          .get(2, 0, 10, "x", "1")
          .pending(1, 20, KvInput.put("x", "1")));
    }

    @Test
    void aPendingPutTakesEffectOnceAndForAll() {
      assertNotLinearizable(new KvHistory()
          .pending(1, 0, KvInput.put("x", "1"))
          .get(2, 10, 20, "x", "1")
          .get(2, 30, 40, "x", null));
    }

    @Test
    void aPendingCasTakesEffectOnlyWhereTheModelLetsIt() {
      assertLinearizable(new KvHistory()
          .pending(1, 0, KvInput.cas("x", null, "1"))
          .get(2, 10, 20, "x", null)
          .get(2, 30, 40, "x", "1"));
      // Its expected value 5 is never there, so it can never set 1.
      assertNotLinearizable(new KvHistory()
          .pending(1, 0, KvInput.cas("x", "5", "1"))
          .get(2, 30, 40, "x", "1"));
    }

    @Test
    void twoPendingWritesAndTheReadsBetweenThem() {
      assertLinearizable(new KvHistory()
          .pending(1, 0, KvInput.put("x", "1"))
          .pending(2, 5, KvInput.put("x", "2"))
          .get(3, 10, 20, "x", "2")
          .get(3, 30, 40, "x", "1"));
    }
  }

  /**
   * The convention: an operation that returns at t and one called at t are concurrent, so either
   * may be linearized first; one tick later, they are ordered.
   */
  @Nested
  class EqualTimes {
    @Test
    void aReadCalledWhenAWriteReturnsMayPrecedeIt() {
      assertLinearizable(staleReadCalledAt(10));
      assertNotLinearizable(staleReadCalledAt(11));
    }

    /** put(x, 1) over [0, 10], then a get over [call, 20] that finds x absent. */
    private KvHistory staleReadCalledAt(long call) {
      return new KvHistory().put(1, 0, 10, "x", "1").get(2, call, 20, "x", null);
    }

    @Test
    void aWriteCalledWhenAReadReturnsMayPrecedeIt() {
      assertLinearizable(earlyReadThenWriteCalledAt(10));
      assertNotLinearizable(earlyReadThenWriteCalledAt(11));
    }

    /** A get over [0, 10] that reads 1, then put(x, 1) over [call, 20]. */
    private KvHistory earlyReadThenWriteCalledAt(long call) {
      return new KvHistory().get(1, 0, 10, "x", "1").put(2, call, 20, "x", "1");
    }

    @Test
    void evenOneClientsBackToBackOperationsAreConcurrentAtEqualTimes() {
      // The price of the convention: a clock that stamps a reply and the next call alike cannot
      // order them, so record return and next call at distinct times where order matters.
      assertLinearizable(secondPutCalledAt(10));
      assertNotLinearizable(secondPutCalledAt(11));
    }

    /** Client 1 puts 1 over [0, 10] and 2 over [call, 20]; then client 2 reads 1. */
    private KvHistory secondPutCalledAt(long call) {
      return new KvHistory().put(1, 0, 10, "x", "1").put(1, call, 20, "x", "2").get(2, 30, 40, "x", "1");
    }

    @Test
    void zeroLengthOperationsAtOneInstantAreConcurrent() {
      assertLinearizable(new KvHistory()
          .get(1, 5, 5, "x", "1")
          .put(2, 5, 5, "x", "1")
          .get(3, 5, 5, "x", null));
    }
  }

  @Nested
  class Partitions {
    @Test
    void aFailingKeyIsNamedAndOnlyItsOperationsShown() {
      CheckResult<KvInput, KvOutput> result = assertNotLinearizable(new KvHistory()
          .put(1, 0, 10, "x", "1")
          .put(2, 5, 15, "y", "a")
          .get(1, 20, 30, "x", "1")
          .get(2, 40, 50, "y", null)   // stale: y was set to a at 15
          .get(3, 60, 70, "z", null));
      assertThat(result.partition()).isEqualTo("y");
      assertThat(result.operations().stream().map(op -> op.input().key()).distinct().toList())
          .containsExactly("y");
      assertThat(result.operations()).hasSize(2);
    }

    @Test
    void aValueWrittenToAnotherKeyIsNeverReadHere() {
      assertNotLinearizable(new KvHistory()
          .put(1, 0, 10, "x", "1")
          .get(2, 20, 30, "y", "1"));
    }

    @Test
    void linearizableKeysDoNotMaskAFailingOne() {
      KvHistory history = new KvHistory();
      for (int k = 0; k < 20; k++) {
        history.put(1, 100 * k, 100 * k + 10, "k" + k, "v").get(2, 100 * k + 20, 100 * k + 30, "k" + k, "v");
      }
      history.get(3, 5_000, 5_010, "k7", null);
      assertThat(assertNotLinearizable(history).partition()).isEqualTo("k7");
    }
  }

  @Test
  void theExplanationShowsTheKeyItsOperationsByCallTimeAndALongestPrefix() {
    CheckResult<KvInput, KvOutput> result = assertNotLinearizable(new KvHistory()
        .get(3, 30, 40, "x", null)
        .put(1, 0, 100, "x", "1")
        .get(2, 10, 20, "x", "1"));
    assertThat(result.operations().stream().map(Operation::callTime).toList()).containsExactly(0L, 10L, 30L).inOrder();
    assertThat(result.explain()).contains("not linearizable: partition x has no linearization");
    assertThat(result.explain()).contains("#2 client 3 [30, 40] get(x) -> null");
    // put then the first get can be linearized; no order takes the third get as well.
    assertThat(result.longestPrefix().stream().map(Operation::input).toList())
        .containsExactly(KvInput.put("x", "1"), KvInput.get("x")).inOrder();
    assertThat(result.explain()).contains("longest linearizable prefix found (2 of 3):\n  #0 put(x, 1) -> true\n  #1 get(x) -> 1");
  }

  @Test
  void aLinearizableResultHasNothingToExplain() {
    CheckResult<KvInput, KvOutput> result = new KvHistory().put(1, 0, 1, "x", "1").check();
    assertThat(result.isLinearizable()).isTrue();
    assertThat(result.partition()).isNull();
    assertThat(result.operations()).isEmpty();
    assertThat(Linearizability.check(KvHistory.MODEL, List.of()).isLinearizable()).isTrue();
  }

  @Test
  void malformedOperationsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> Operation.completed(1, 10, 5, KvInput.get("x"), KvOutput.read(null)));
    assertThrows(IllegalArgumentException.class,
        () -> new Operation<>(1, 0, Operation.PENDING, KvInput.get("x"), KvOutput.read("1")));
    assertThrows(IllegalArgumentException.class, () -> new KvInput(KvInput.Op.PUT, "x", null, null));
  }

  /** A model without partitions sees the same verdicts on a multi-key history: keys are independent. */
  static final Model<Map<String, String>, KvInput, KvOutput> WHOLE = new Model<>() {
    @Override
    public Map<String, String> init() {
      return KvHistory.MODEL.init();
    }

    @Override
    public Step<Map<String, String>, KvOutput> step(Map<String, String> state, KvInput input) {
      return KvHistory.MODEL.step(state, input);
    }
  };

  @Test
  void theUnpartitionedModelAgreesOnAFailure() {
    List<Operation<KvInput, KvOutput>> ops = new ArrayList<>(new KvHistory()
        .put(1, 0, 10, "x", "1")
        .put(2, 5, 15, "y", "a")
        .get(2, 40, 50, "y", null)
        .ops());
    CheckResult<KvInput, KvOutput> whole = Linearizability.check(WHOLE, ops);
    assertThat(whole.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(whole.partition()).isEqualTo("all");
    assertThat(whole.operations()).hasSize(3);
  }
}
