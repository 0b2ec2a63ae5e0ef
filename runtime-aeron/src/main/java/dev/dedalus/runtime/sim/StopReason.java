package dev.dedalus.runtime.sim;

/** Why {@link Simulation#run} returned. */
public enum StopReason {
  /**
   * Nothing left to do: no deliverable message, no node needing a tick, no scripted event, and
   * no timer due before the horizon. Messages held for stopped nodes that never restart do not
   * count as work.
   */
  QUIESCENT,
  /** The step budget ran out first; the output set may be incomplete. */
  MAX_STEPS
}
