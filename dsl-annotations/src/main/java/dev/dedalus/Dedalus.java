package dev.dedalus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a top-level type as a Dedalus program.
 *
 * <p>The program's nested {@code record}s are its relations, its nested {@link Role} types hold its
 * rules, and its {@code static} methods are the functions its rules may call. The annotation
 * processor checks the program at compile time and generates everything needed to run it.
 *
 * <p>One program is one top-level type; the processor never looks across programs, which keeps it
 * an isolating processor for incremental builds.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Dedalus {
}
