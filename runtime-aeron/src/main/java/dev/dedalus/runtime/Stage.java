package dev.dedalus.runtime;

/**
 * One role instance's tick engine. The annotation processor generates one implementation per
 * role; the runtime (an Aeron agent, or the simulator) feeds it facts and asks it to tick. A stage
 * is single-threaded: every method is called from the thread that owns it.
 *
 * <p>Between ticks the runtime {@link #accept delivers} facts; {@link #tick} then evaluates one
 * Dedalus tick over them, the facts carried from the previous tick, the {@code @Config} facts and
 * the timers that fired, and hands every asynchronous head to an {@link Outbound}.
 *
 * <p>A runtime ticks a new stage once as soon as it starts, input or not, so that rules over
 * {@code @Config} facts alone fire; after that, it ticks when facts arrived ({@link #hasInput()}),
 * when the previous tick asked for another, or when a timer is due ({@link #nextTimerMillis()}).
 */
public interface Stage {

  /** {@return the role this stage runs} */
  String role();

  /**
   * Delivers one fact for the next tick. {@code relationId} is the relation's id in
   * {@link DedalusProgram#codecs()}; {@code fact} is an instance of that relation's record.
   *
   * @param relationId the fact's relation
   * @param fact the fact
   * @return false, and keeps nothing, if this role does not receive that relation
   */
  boolean accept(int relationId, Object fact);

  /**
   * Evaluates one tick at time {@code nowMillis} (the node's clock, used for timers) and sends its
   * asynchronous heads through {@code out}.
   *
   * @param nowMillis the node's clock, in milliseconds
   * @param out where the tick's asynchronous heads go
   * @return true if the state carried to the next tick differs from this tick's, so another tick
   *     is needed even if no fact arrives; false if the stage is quiescent until input or a timer
   */
  boolean tick(long nowMillis, Outbound out);

  /** {@return whether facts were delivered since the last tick} */
  boolean hasInput();

  /**
   * {@return the earliest time, on the node's clock in milliseconds, at which a timer of this role
   * fires} {@link Long#MAX_VALUE} if the role has none.
   */
  long nextTimerMillis();

  /**
   * Puts back one fact of a {@code @Durable} relation read from this node's {@link DurableLog}, before
   * the first tick. The fact holds from the first tick on, as if carried from a previous one, and is
   * not appended to the journal again.
   *
   * @param relationId the fact's durable relation
   * @param fact the fact
   * @return false, and keeps nothing, if this role has no durable relation with that id
   */
  default boolean restore(int relationId, Object fact) {
    return false;
  }
}
