package dev.dedalus.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The typed client's bookkeeping of calls: a call is sent again only once it has waited
 * {@code resendAfterMillis} since its last send, to where it first went, oldest first; an answer
 * forgets it, and a second answer finds nothing; times are the caller's and may not go back.
 */
class PendingCallsTest {
  private final List<String> resent = new ArrayList<>();
  private final PendingCalls<Long, String> calls =
      new PendingCalls<>(100, (instance, fact) -> resent.add(fact + "->" + instance));

  @Test
  void aCallIsSentAgainOnlyOnceItHasWaitedTheResendTime() {
    calls.add(1L, "a", PendingCalls.EVERY_INSTANCE, 1_000);

    assertThat(calls.resendDue(1_099)).isEqualTo(0);
    assertThat(resent).isEmpty();
    assertThat(calls.resendDue(1_100)).isEqualTo(1);
    assertThat(resent).containsExactly("a->-1");
  }

  @Test
  void aResentCallIsDueAgainAfterTheResendTimeFromItsLastSend() {
    calls.add(1L, "a", 2, 0);
    calls.resendDue(150);

    assertThat(calls.nextResendMillis()).isEqualTo(250);
    assertThat(calls.resendDue(249)).isEqualTo(0);
    assertThat(calls.resendDue(250)).isEqualTo(1);
    assertThat(resent).containsExactly("a->2", "a->2").inOrder();
  }

  @Test
  void dueCallsAreSentAgainOldestFirstAndOthersWait() {
    calls.add(3L, "c", 0, 10);
    calls.add(1L, "a", 1, 20);
    calls.add(2L, "b", PendingCalls.EVERY_INSTANCE, 90);

    assertThat(calls.resendDue(125)).isEqualTo(2);
    assertThat(resent).containsExactly("c->0", "a->1").inOrder();
    assertThat(calls.nextResendMillis()).isEqualTo(190);
    assertThat(calls.resendDue(225)).isEqualTo(3);
    assertThat(resent).containsExactly("c->0", "a->1", "b->-1", "c->0", "a->1").inOrder();
  }

  @Test
  void anAnswerForgetsItsCallOnceAndADuplicateFindsNothing() {
    calls.add(1L, "a", 0, 0);
    calls.add(2L, "b", 0, 0);

    assertThat(calls.answer(1L)).isTrue();
    assertThat(calls.answer(1L)).isFalse();
    assertThat(calls.answer(7L)).isFalse();
    assertThat(calls.size()).isEqualTo(1);
    assertThat(calls.isPending(1L)).isFalse();
    assertThat(calls.isPending(2L)).isTrue();
    assertThat(calls.resendDue(1_000)).isEqualTo(1);
    assertThat(resent).containsExactly("b->0");
  }

  @Test
  void answeringTheOldestNewestAndMiddleCallKeepsTheOthersInOrder() {
    for (long k = 1; k <= 5; k++) {
      calls.add(k, "f" + k, 0, k);
    }
    calls.answer(1L);
    calls.answer(3L);
    calls.answer(5L);

    assertThat(calls.resendDue(1_000)).isEqualTo(2);
    assertThat(resent).containsExactly("f2->0", "f4->0").inOrder();
    calls.answer(2L);
    calls.answer(4L);
    assertThat(calls.size()).isEqualTo(0);
    assertThat(calls.nextResendMillis()).isEqualTo(Long.MAX_VALUE);
    assertThat(calls.resendDue(5_000)).isEqualTo(0);
  }

  @Test
  void anAnsweredKeyMayBeCalledAgainButAPendingOneMayNot() {
    calls.add(1L, "a", 0, 0);
    IllegalStateException twice = assertThrows(IllegalStateException.class, () -> calls.add(1L, "a2", 0, 5));
    assertThat(twice).hasMessageThat().contains("key 1 is still pending");

    calls.answer(1L);
    calls.add(1L, "a2", 0, 10);
    assertThat(calls.resendDue(110)).isEqualTo(1);
    assertThat(resent).containsExactly("a2->0");
  }

  @Test
  void timeMayNotGoBack() {
    calls.add(1L, "a", 0, 500);
    IllegalArgumentException back = assertThrows(IllegalArgumentException.class, () -> calls.resendDue(499));
    assertThat(back).hasMessageThat().isEqualTo("time went back from 500 ms to 499 ms");
    assertThrows(IllegalArgumentException.class, () -> calls.add(2L, "b", 0, 400));
  }

  @Test
  void aHugeResendTimeNeverResendsAndDoesNotOverflow() {
    PendingCalls<String, String> never = new PendingCalls<>(Long.MAX_VALUE, (i, f) -> resent.add(f));
    never.add("k", "a", 0, 1_000);

    assertThat(never.nextResendMillis()).isEqualTo(Long.MAX_VALUE);
    assertThat(never.resendDue(Long.MAX_VALUE - 1)).isEqualTo(0);
    assertThat(resent).isEmpty();
  }

  @Test
  void theResendTimeMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new PendingCalls<Long, String>(0, (i, f) -> { }));
  }
}
