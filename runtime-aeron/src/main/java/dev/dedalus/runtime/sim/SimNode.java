package dev.dedalus.runtime.sim;

import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.Topology;

/**
 * One node's lifecycle: its current stage (null while stopped), whether it asked for another
 * tick, and its counters. Stopping drops the stage, and with it all in-memory state.
 */
final class SimNode {
  final Topology.Node node;
  private Stage stage;
  private int incarnation = -1;
  /** The last tick returned true, or the stage is new and has not ticked yet. */
  private boolean wantsTick;
  private long ticks;
  private int acceptedSinceTick;
  /** The step at which the node was first seen ready to tick, or -1. */
  long readySinceStep = -1;

  SimNode(Topology.Node node) {
    this.node = node;
  }

  boolean up() {
    return stage != null;
  }

  Stage stage() {
    return stage;
  }

  int incarnation() {
    return incarnation;
  }

  long ticks() {
    return ticks;
  }

  /**
   * Starts a new incarnation. A new stage is ticked once even without input, as a deployment
   * would on start, so rules that need only {@code @Config} facts run.
   */
  void start(StageFactory factory) {
    incarnation++;
    stage = factory.newStage(node, incarnation);
    if (stage == null) {
      throw new IllegalStateException("stage factory returned null for " + node);
    }
    wantsTick = true;
    acceptedSinceTick = 0;
    readySinceStep = -1;
  }

  void stop() {
    stage = null;
    wantsTick = false;
    acceptedSinceTick = 0;
    readySinceStep = -1;
  }

  /**
   * Whether the node must tick: it has input, asked for another tick, or a timer is due. A timer
   * due after the horizon does not count, so timers alone cannot keep a run going forever.
   */
  boolean needsTick(long nowMillis, long timerHorizonMillis) {
    if (stage == null) {
      return false;
    }
    long timer = stage.nextTimerMillis();
    return wantsTick || stage.hasInput() || (timer <= nowMillis && timer <= timerHorizonMillis);
  }

  /** @return false if the stage does not receive this relation */
  boolean accept(int relationId, Object fact) {
    boolean kept = stage.accept(relationId, fact);
    if (kept) {
      acceptedSinceTick++;
    }
    return kept;
  }

  /** Runs one tick; returns how many delivered facts it consumed. */
  int tick(long nowMillis, Outbound out) {
    ticks++;
    int consumed = acceptedSinceTick;
    acceptedSinceTick = 0;
    readySinceStep = -1;
    wantsTick = stage.tick(nowMillis, out);
    return consumed;
  }

  String tag() {
    return "n" + node.location().id();
  }
}
