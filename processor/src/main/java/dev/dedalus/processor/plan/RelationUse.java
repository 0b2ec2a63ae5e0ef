package dev.dedalus.processor.plan;

import dev.dedalus.processor.model.Relation;

/**
 * How one role uses one relation.
 *
 * @param relation the relation
 * @param storage how the stage keeps its facts
 * @param received whether facts arrive from outside: messages, client inputs or timers
 * @param nextTick whether an inductive rule of the role derives it, so it needs a next-tick buffer
 * @param durable whether its new facts go to the node's journal at the end of every tick
 *     ({@code @Durable}), and come back from it when the node restarts
 */
public record RelationUse(Relation relation, Storage storage, boolean received, boolean nextTick, boolean durable) {
  public String name() {
    return relation.name();
  }
}
