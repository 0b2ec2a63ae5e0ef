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
  /**
   * What the scheduler did, counted over the whole simulation so far.
   *
   * @param steps scheduler decisions made
   * @param delivered messages delivered to nodes and clients, duplicates and rejected ones included
   * @param duplicated copies of delivered messages made, to be delivered once more
   * @param delayed messages pushed back by an extra delay
   * @param reordered messages delivered to a node while an earlier one of the same sender to that node
   *     was still in flight (FIFO violations)
   * @param lost messages lost
   * @param droppedWhileStopped messages dropped because their node was stopped (only when messages
   *     are not held while stopped)
   * @param rejected facts a node's stage refused, as not of a relation its role receives
   * @param batchedTicks ticks that consumed more than one delivered fact
   * @param largestBatch the most delivered facts one tick consumed
   * @param crashes stops of a running node: scripted, random, or by restarting it while up
   * @param restarts restarts, scripted or after a random crash
   */
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

  /** {@return the seed that replays the run} */
  public long seed() {
    return seed;
  }

  /** {@return why the run returned} */
  public StopReason stopReason() {
    return stopReason;
  }

  /** {@return whether the run ended with nothing left to do ({@link StopReason#QUIESCENT})} */
  public boolean quiescent() {
    return stopReason == StopReason.QUIESCENT;
  }

  /** {@return the virtual time, in milliseconds, when the run stopped} */
  public long endMillis() {
    return endMillis;
  }

  /** {@return every output delivered to a client, in delivery order, duplicates included} */
  public List<ClientOutput> outputs() {
    return outputs;
  }

  /**
   * {@return the distinct output facts, in order of first delivery} Compare these across seeds and
   * plans.
   */
  public Set<OutputFact> outputSet() {
    return outputSet;
  }

  /** {@return the ticks of each node, in location order, counted across restarts} */
  public Map<Location, Long> ticksPerNode() {
    return ticksPerNode;
  }

  /**
   * The ticks one node ran, counted across restarts.
   *
   * @param node a node's location
   * @return its ticks; 0 for a location that is not a node
   */
  public long ticks(Location node) {
    return ticksPerNode.getOrDefault(node, 0L);
  }

  /** {@return what the scheduler did, over the whole simulation so far} */
  public Counters counters() {
    return counters;
  }

  /** {@return the messages delivered; {@link Counters#delivered()}} */
  public long delivered() {
    return counters.delivered();
  }

  /** {@return the copies of messages made; {@link Counters#duplicated()}} */
  public long duplicated() {
    return counters.duplicated();
  }

  /** {@return the messages delayed; {@link Counters#delayed()}} */
  public long delayed() {
    return counters.delayed();
  }

  /** {@return the messages that overtook an earlier one of their channel; {@link Counters#reordered()}} */
  public long reordered() {
    return counters.reordered();
  }

  /** {@return the messages still waiting for a stopped node when the run ended} */
  public int heldMessages() {
    return heldMessages;
  }

  /** {@return the scheduler's decisions, one line each} Empty if the trace was turned off. */
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
