package dev.dedalus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a program function as a function in the mathematical sense: the same arguments give the
 * same result on every node, every time. Partitioning may then route by its result: after
 * {@code h = hash(v)}, facts keyed by {@code h} and facts keyed by {@code v} can share partitions.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Pure {
}
