package dev.dedalus.runtime.sim;

import dev.dedalus.Location;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run produced: the outputs clients received, counters of what the scheduler did, and the
 * seed and trace to replay it. Immutable.
 */
public final class SimulationResult {
  /** What the scheduler did, counted over the whole simulation so far. */
  public record Counters(
      long steps,
      long delivered,
      long duplicated,
      long delayed,
      long reordered,
      long lost,
      long droppedWhileStopped,
      long rejected,
      long batchedTicks,
      int largestBatch,
      long crashes,
      long restarts) {}

  private final long seed;
  private final StopReason stopReason;
  private final long endMillis;
  private final List<ClientOutput> outputs;
  private final Set<OutputFact> outputSet;
  private final Map<Location, Long> ticksPerNode;
  private final Counters counters;
  private final int heldMessages;
  private final List<String> trace;

  SimulationResult(long seed, StopReason stopReason, long endMillis, List<ClientOutput> outputs,
      Map<Location, Long> ticksPerNode, Counters counters, int heldMessages, List<String> trace) {
    this.seed = seed;
    this.stopReason = stopReason;
    this.endMillis = endMillis;
    this.outputs = List.copyOf(outputs);
    Set<OutputFact> set = new LinkedHashSet<>();
    for (ClientOutput o : outputs) {
      set.add(o.asOutputFact());
    }
    this.outputSet = Collections.unmodifiableSet(set);
    this.ticksPerNode = Collections.unmodifiableMap(ticksPerNode);
    this.counters = counters;
    this.heldMessages = heldMessages;
    this.trace = trace;
  }

  public long seed() {
    return seed;
  }

  public StopReason stopReason() {
    return stopReason;
  }

  public boolean quiescent() {
    return stopReason == StopReason.QUIESCENT;
  }

  /** The virtual time when the run stopped. */
  public long endMillis() {
    return endMillis;
  }

  /** Every output delivered to a client, in delivery order, duplicates included. */
  public List<ClientOutput> outputs() {
    return outputs;
  }

  /** The distinct output facts, in order of first delivery; compare these across seeds and plans. */
  public Set<OutputFact> outputSet() {
    return outputSet;
  }

  /** Ticks per node, in location order, counted across restarts. */
  public Map<Location, Long> ticksPerNode() {
    return ticksPerNode;
  }

  public long ticks(Location node) {
    return ticksPerNode.getOrDefault(node, 0L);
  }

  public Counters counters() {
    return counters;
  }

  public long delivered() {
    return counters.delivered();
  }

  public long duplicated() {
    return counters.duplicated();
  }

  public long delayed() {
    return counters.delayed();
  }

  public long reordered() {
    return counters.reordered();
  }

  /** Messages still waiting for a stopped node when the run ended. */
  public int heldMessages() {
    return heldMessages;
  }

  /** The scheduler's decisions, one line each; empty if the trace was turned off. */
  public List<String> trace() {
    return trace;
  }

  @Override
  public String toString() {
    return "SimulationResult{seed=" + seed + ", " + stopReason + " at " + endMillis + "ms, " + outputs.size()
        + " outputs (" + outputSet.size() + " distinct), ticks=" + ticksPerNode + ", " + counters + ", held="
        + heldMessages + "}";
  }
}
