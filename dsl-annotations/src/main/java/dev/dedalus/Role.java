package dev.dedalus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type nested in a {@link Dedalus} program as a role: a kind of node (Leader, Participant,
 * Acceptor, ...). Every node of the role runs the role's {@link Rule}s. The type's simple name is
 * the role's name. An interface is the lightest way to write one:
 *
 * <pre>{@code
 * @Role interface Leader {
 *   @Rule("VoteReq@p(id, payload) :~ ClientIn(client, id, payload), Participants(p)")
 *   void broadcast();
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Role {
}
