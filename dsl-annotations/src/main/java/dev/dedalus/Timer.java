package dev.dedalus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A periodic input: one fact fires every {@link #periodMillis()} at every node whose rules read
 * it. The record has no component, or one {@code long} component that receives the node's clock
 * in milliseconds, for example {@code @Timer(periodMillis = 100) record Tick(long nowMillis) {}}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Timer {
  /** {@return the period, in milliseconds} At least 1. */
  long periodMillis();
}
