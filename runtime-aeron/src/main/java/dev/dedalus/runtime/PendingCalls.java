package dev.dedalus.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The calls of one {@code @Answered} input that a typed client sent and that are not answered yet,
 * each with its key, its fact and where it went. {@link #resendDue} sends again every call whose
 * last send is {@code resendAfterMillis} old; {@link #answer} forgets a call when its answer comes.
 *
 * <p>Time is given by the caller, in milliseconds, and must not go back: the simulator's virtual
 * time or a real clock alike. Calls are kept in the order of their last send, so finding the due
 * ones looks only at those, and a re-send moves a call to the end without allocating.
 *
 * <p>Keys are objects: an {@code int} or {@code long} key is boxed once when a call is added and once
 * when an answer is looked up (values outside the small-value cache allocate), never on a re-send.
 * Not thread-safe: a client is used from one thread.
 *
 * @param <K> the key's type ({@code Integer}, {@code Long}, {@code String} or {@code Location})
 * @param <F> the input's record type
 */
public final class PendingCalls<K, F> {
  /** Where a call went when it went to every instance of the receiving role, not to one. */
  public static final int EVERY_INSTANCE = -1;

  /**
   * Sends a call again, to where it first went.
   *
   * @param <F> the input's record type
   */
  @FunctionalInterface
  public interface Resender<F> {
    /**
     * Sends {@code fact} again; called from {@link #resendDue}, on the client's thread.
     *
     * @param instance the receiving role's instance the call went to, or {@link #EVERY_INSTANCE}
     * @param fact the call's fact, as first added
     */
    void resend(int instance, F fact);
  }

  /** One pending call, linked in the order of its last send. */
  private static final class Call<K, F> {
    final K key;
    final F fact;
    final int instance;
    long sentAtMillis;
    Call<K, F> earlier;
    Call<K, F> later;

    Call(K key, F fact, int instance, long sentAtMillis) {
      this.key = key;
      this.fact = fact;
      this.instance = instance;
      this.sentAtMillis = sentAtMillis;
    }
  }

  private final long resendAfterMillis;
  private final Resender<F> resender;
  private final Map<K, Call<K, F>> byKey = new HashMap<>();
  private Call<K, F> oldest;
  private Call<K, F> newest;
  private long latestMillis = Long.MIN_VALUE;

  /**
   * @param resendAfterMillis how long a call waits for its answer before it is sent again; at least 1
   * @param resender sends a due call again
   */
  public PendingCalls(long resendAfterMillis, Resender<F> resender) {
    if (resendAfterMillis < 1) {
      throw new IllegalArgumentException("resendAfterMillis must be at least 1: " + resendAfterMillis);
    }
    this.resendAfterMillis = resendAfterMillis;
    this.resender = Objects.requireNonNull(resender, "resender");
  }

  /**
   * Remembers a call sent at {@code nowMillis}.
   *
   * @param key the call's key, which its answer carries; not null
   * @param fact the call's fact, sent again as it is; not null
   * @param instance the receiving role's instance it went to, or {@link #EVERY_INSTANCE}
   * @param nowMillis when the call was sent
   * @throws NullPointerException if {@code key} or {@code fact} is null
   * @throws IllegalStateException if a call with this key is pending: an answer could not tell them apart
   * @throws IllegalArgumentException if {@code nowMillis} is earlier than a time given before
   */
  public void add(K key, F fact, int instance, long nowMillis) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fact, "fact");
    if (byKey.containsKey(key)) {
      throw new IllegalStateException("a call with key " + key + " is still pending: " + byKey.get(key).fact);
    }
    advanceTo(nowMillis);
    Call<K, F> call = new Call<>(key, fact, instance, nowMillis);
    byKey.put(key, call);
    append(call);
  }

  /**
   * Forgets the call with this key, as its answer has come.
   *
   * @param key the key the answer carries
   * @return whether a call with this key was pending; false for an answer that came before (a
   *     duplicate, or the answer to a re-send) and for a key this client never called with
   */
  public boolean answer(K key) {
    Call<K, F> call = byKey.remove(key);
    if (call == null) {
      return false;
    }
    unlink(call);
    return true;
  }

  /**
   * Sends again, oldest first, every call whose last send was {@code resendAfterMillis} or more
   * before {@code nowMillis}; each is then due again {@code resendAfterMillis} after now.
   *
   * @param nowMillis the time now
   * @return how many calls were sent again
   * @throws IllegalArgumentException if {@code nowMillis} is earlier than a time given before
   */
  public int resendDue(long nowMillis) {
    advanceTo(nowMillis);
    int resent = 0;
    // A re-sent call moves to the end with a send time of now, which is not due: the loop ends there.
    while (oldest != null && nowMillis - oldest.sentAtMillis >= resendAfterMillis) {
      Call<K, F> call = oldest;
      unlink(call);
      call.sentAtMillis = nowMillis;
      append(call);
      resender.resend(call.instance, call.fact);
      resent++;
    }
    return resent;
  }

  /**
   * {@return the earliest time at which {@link #resendDue} will send a call again} {@link Long#MAX_VALUE}
   * if none is pending (or the time would overflow).
   */
  public long nextResendMillis() {
    if (oldest == null) {
      return Long.MAX_VALUE;
    }
    long sent = oldest.sentAtMillis;
    return sent > Long.MAX_VALUE - resendAfterMillis ? Long.MAX_VALUE : sent + resendAfterMillis;
  }

  /**
   * Whether a call with this key waits for its answer.
   *
   * @param key the call's key
   * @return true if it is pending
   */
  public boolean isPending(K key) {
    return byKey.containsKey(key);
  }

  /** {@return how many calls wait for their answer} */
  public int size() {
    return byKey.size();
  }

  /** {@return how long a call waits for its answer before it is sent again, in milliseconds} */
  public long resendAfterMillis() {
    return resendAfterMillis;
  }

  private void advanceTo(long nowMillis) {
    if (nowMillis < latestMillis) {
      throw new IllegalArgumentException("time went back from " + latestMillis + " ms to " + nowMillis + " ms");
    }
    latestMillis = nowMillis;
  }

  private void append(Call<K, F> call) {
    call.earlier = newest;
    call.later = null;
    if (newest == null) {
      oldest = call;
    } else {
      newest.later = call;
    }
    newest = call;
  }

  private void unlink(Call<K, F> call) {
    if (call.earlier == null) {
      oldest = call.later;
    } else {
      call.earlier.later = call.later;
    }
    if (call.later == null) {
      newest = call.earlier;
    } else {
      call.later.earlier = call.earlier;
    }
    call.earlier = null;
    call.later = null;
  }
}
