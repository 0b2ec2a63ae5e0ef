package dev.dedalus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A relation whose facts are also kept on disk, in the node's durable log, so that they survive a
 * restart of the node.
 *
 * <p>By default the relation is persisted (see {@link Persist}): it keeps every fact it ever held,
 * and so does its log. With {@code persist = false} it holds, from one tick to the next, exactly
 * what its {@code :+} rules carry, for instance {@code Log(s, v) :+ Log(s, v), !Truncated(s)}: the
 * log then records at the end of every tick which facts the next tick gains and which it loses, and
 * a restart brings back the relation as the next tick would have seen it. This is the way to keep
 * durable state bounded.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Durable {
  /**
   * Whether the relation keeps every fact ({@code true}, as {@link Persist}) or only what its
   * {@code :+} rules carry into the next tick ({@code false}).
   *
   * @return {@code true} (the default) to persist the relation, {@code false} to keep what is carried
   */
  boolean persist() default true;
}
