package dev.dedalus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@link Input} as a request that an {@link Output} answers, so that the generated typed
 * client can match each answer to its call and send unanswered calls again:
 * <pre>{@code
 * @Input(role = "Proposer") @Answered(by = "Reply", key = "id", resendAfterMillis = 500)
 * record Request(Location client, long id, String op, String key, String value) {}
 * @Output record Reply(long id, boolean ok, String value) {}
 * }</pre>
 * A client's call of {@code Request} with {@code id} 7 is answered by the first {@code Reply} with
 * {@code id} 7 it receives; until then the client sends it again every {@link #resendAfterMillis()}.
 * The key tells calls of one client apart, so each pending call of a client needs its own key.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Answered {
  /** {@return the name of the {@code @Output} relation whose facts answer this input} */
  String by();

  /**
   * The attribute that matches an answer to its request: both records have it, with the same name
   * and type ({@code int}, {@code long}, {@code String} or {@code Location}).
   *
   * @return the name of the key attribute
   */
  String key();

  /**
   * {@return how long, in milliseconds, a call waits for its answer before it is sent again} At
   * least 1; 500 by default.
   */
  long resendAfterMillis() default 500;
}
