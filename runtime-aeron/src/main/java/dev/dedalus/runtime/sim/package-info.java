/**
 * A deterministic simulator for Dedalus stages: the generated {@link dev.dedalus.runtime.Stage}
 * classes run under a seeded scheduler with virtual time, no threads, no wall clock and no Aeron.
 *
 * <p>In the style of frankenpaxos's {@code FakeTransport}, every asynchronous head is buffered as a
 * pending message, and each scheduler step picks what happens next: deliver one or several
 * pending messages to a node (Dedalus lets several arrive in one tick), tick a node, advance
 * virtual time (which fires timers), or, with configured probabilities, delay, duplicate or drop a
 * message. All choices come from one {@link java.util.SplittableRandom} seeded by the caller, so a
 * seed reproduces a run exactly, trace included.
 *
 * <p>Entry points: {@link dev.dedalus.runtime.sim.Simulation} for one run,
 * {@link dev.dedalus.runtime.sim.SeedSweep} to compare the output sets of many seeds.
 */
package dev.dedalus.runtime.sim;
