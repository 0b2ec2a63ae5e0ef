package dev.dedalus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A relation whose facts are sent in by clients. No rule may derive it.
 *
 * <p>The role that receives it is the role whose rules read it. When rules of several roles read
 * it, name the receiving role with {@link #role()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Input {
  /**
   * {@return the role whose nodes receive this input from clients} Empty (the default) means "the
   * one role that reads it".
   */
  String role() default "";
}
