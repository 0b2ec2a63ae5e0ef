package dev.dedalus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One Dedalus rule of the enclosing {@link Role}. The method's name is the rule's name, used by
 * rewrite hints and in diagnostics; its Javadoc documents the rule. The method's signature is
 * otherwise ignored: {@code void name();} is the convention.
 *
 * <p>The rule text is {@code Head :- Body} (same tick), {@code Head :+ Body} (next tick) or
 * {@code Head@dest(..) :~ Body} (sent to the node at location {@code dest}). See
 * {@code docs/LANGUAGE.md} for the whole grammar.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Rule {
  /** {@return the rule text} */
  String value();
}
