package dev.dedalus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A relation whose facts are given at deployment and hold in every tick. No rule may derive it.
 *
 * <p>Most configuration follows from the deployment itself, so the runtime derives it:
 * <pre>{@code
 * @Config(addressesOf = "Participant") record Participants(Location addr) {}   // one fact per instance
 * @Config(countOf = "Participant") record NumParticipants(long n) {}           // how many instances
 * @Config(instanceIndex = true) record MyId(int id) {}                        // this node's index in its role
 * @Config record Quorum(long size) {}                                         // given explicitly
 * }</pre>
 * Facts of a plain {@code @Config} relation are given to the deployment by the user.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Config {
  /**
   * The facts are the locations of every instance of this role; the record has one Location attribute.
   *
   * @return the role whose instances' locations are the facts, or empty (the default) if not this kind
   */
  String addressesOf() default "";

  /**
   * The fact is the number of instances of this role; the record has one int or long attribute.
   *
   * @return the role whose number of instances is the fact, or empty (the default) if not this kind
   */
  String countOf() default "";

  /**
   * The fact is this node's index among the instances of its role, from 0; one int or long attribute.
   *
   * @return whether the fact is this node's instance index ({@code false} by default)
   */
  boolean instanceIndex() default false;
}
