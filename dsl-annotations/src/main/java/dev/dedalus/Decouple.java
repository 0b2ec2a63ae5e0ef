package dev.dedalus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A hint to move some rules of a role onto a new role, so that they run on nodes of their own
 * (pipeline parallelism). The processor applies the hint in the program's optimized plan only if
 * it can prove that clients cannot tell the difference, by mutually independent, monotonic or
 * functional decoupling, and fails the build with the reason otherwise. Hints apply in the order
 * written; a later hint may name a role an earlier one created.
 *
 * <pre>{@code
 * @Decouple(role = "Leader", rules = {"broadcast"}, into = "Broadcaster")
 * @Decouple(role = "Leader", rules = {"collect", "retain", "count", "commit", "reply"}, into = "Collector")
 * @Dedalus public interface Voting { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Decouple.List.class)
public @interface Decouple {
  /** {@return the role whose rules move} */
  String role();

  /** {@return the names of the rules that move} */
  String[] rules();

  /** {@return the name of the new role that runs them} */
  String into();

  /** Holds repeated {@link Decouple} hints. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    /** {@return the hints, in the order written} */
    Decouple[] value();
  }
}
