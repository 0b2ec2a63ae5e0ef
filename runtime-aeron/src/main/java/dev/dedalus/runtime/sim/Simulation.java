package dev.dedalus.runtime.sim;

import dev.dedalus.Location;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Runs a topology's stages under a seeded scheduler, in virtual time, on the calling thread.
 *
 * <p>Each step makes one decision, drawn from a single {@link SplittableRandom}: deliver one or
 * several due messages to a node (or one output to a client), tick a node, advance virtual time to
 * the next event, or, as the {@link SimulationOptions} allow, delay, lose or crash. Scripted events
 * (client inputs, stops, restarts) fire when virtual time reaches them. Collections are iterated
 * in send order or location order only, so a seed replays exactly.
 *
 * <p>Fairness: a node that needs a tick, or a message that is due, for
 * {@link SimulationOptions#fairnessSteps()} steps is served next; delays per message are bounded.
 * So every run progresses, and a correct protocol reaches quiescence.
 *
 * <p>Not thread-safe; nothing in it blocks or reads a clock.
 */
public final class Simulation {
  private final Topology topology;
  private final long seed;
  private final SimulationOptions options;
  private final StageFactory stageFactory;
  private final SplittableRandom random;
  private final CodecTable codecs;
  private final Network network;
  private final Script script = new Script();
  private final Trace trace;
  private final SimNode[] nodes;
  private final Map<Location, SimClient> clients = new LinkedHashMap<>();
  private final List<ClientOutput> outputs = new ArrayList<>();
  private final TickOutbound outbound = new TickOutbound();

  private long nowMillis;
  private long steps;
  private long delivered;
  private long duplicated;
  private long delayed;
  private long reordered;
  private long lost;
  private long droppedWhileStopped;
  private long rejected;
  private long batchedTicks;
  private int largestBatch;
  private final List<SendWatcher> watchers = new ArrayList<>();
  private long crashes;
  private long restarts;
  private int randomCrashes;

  /**
   * A simulation with {@link SimulationOptions#defaults()} and fresh stages at every restart.
   *
   * @param topology the nodes to run
   * @param seed the seed of every scheduling decision: the same seed replays the same run
   * @throws SimulationException if building a node's stage fails
   */
  public Simulation(Topology topology, long seed) {
    this(topology, seed, SimulationOptions.defaults());
  }

  /**
   * A simulation with fresh stages at every restart.
   *
   * @param topology the nodes to run
   * @param seed the seed of every scheduling decision: the same seed replays the same run
   * @param options the faults and scheduling the run allows
   * @throws SimulationException if building a node's stage fails
   */
  public Simulation(Topology topology, long seed, SimulationOptions options) {
    this(topology, seed, options, StageFactory.fresh(topology));
  }

  /**
   * A simulation. Every node is started (its stage built) here, at virtual time 0; nothing runs until
   * {@link #run}.
   *
   * @param topology the nodes to run
   * @param seed the seed of every scheduling decision: the same seed replays the same run
   * @param options the faults and scheduling the run allows
   * @param stageFactory builds each node's stage at start and at every restart (the recovery hook)
   * @throws NullPointerException if {@code topology}, {@code options} or {@code stageFactory} is null
   * @throws SimulationException if building a node's stage fails
   */
  public Simulation(Topology topology, long seed, SimulationOptions options, StageFactory stageFactory) {
    this.topology = Objects.requireNonNull(topology, "topology");
    this.seed = seed;
    this.options = Objects.requireNonNull(options, "options");
    this.stageFactory = Objects.requireNonNull(stageFactory, "stageFactory");
    this.random = new SplittableRandom(seed);
    this.codecs = new CodecTable(topology.program());
    this.network = new Network(options, random, new Wire(options.encodeMessages()));
    this.trace = new Trace(options.recordTrace());
    List<Topology.Node> all = topology.nodes();
    this.nodes = new SimNode[all.size()];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = new SimNode(all.get(i));
      startNode(nodes[i]);
    }
  }

  /** {@return the seed this simulation runs under} */
  public long seed() {
    return seed;
  }

  /** {@return the topology this simulation runs} */
  public Topology topology() {
    return topology;
  }

  /** {@return the options this simulation runs with} */
  public SimulationOptions options() {
    return options;
  }

  /** {@return the current virtual time in milliseconds} It starts at 0. */
  public long nowMillis() {
    return nowMillis;
  }

  /**
   * The location of instance {@code instance} of {@code role} (its first partition, for a partitioned
   * role).
   *
   * @param role a role of the program
   * @param instance the instance, from 0
   * @return its location
   * @throws IllegalArgumentException if the program has no such role
   * @throws IndexOutOfBoundsException if the role has no such instance
   */
  public Location node(String role, int instance) {
    return topology.addressesOf(role).get(instance);
  }

  /**
   * Sees every fact a node sends, as its tick sends it (before the network delays, duplicates or
   * loses it): how a test checks what nodes say to each other, not only what clients get.
   */
  @FunctionalInterface
  public interface SendWatcher {
    /**
     * Called on the simulation's thread during the sending node's tick, once per fact sent.
     *
     * @param atMillis the virtual time of the tick
     * @param from the sending node
     * @param to the destination, a node or a client
     * @param fact the fact, as the stage sent it
     */
    void sent(long atMillis, Topology.Node from, Location to, Object fact);
  }

  /**
   * Adds a watcher of every fact nodes send from now on; watchers are called in the order added.
   *
   * @param watcher the watcher; not null
   */
  public void watchSends(SendWatcher watcher) {
    watchers.add(Objects.requireNonNull(watcher, "watcher"));
  }

  // ---------------------------------------------------------------- clients

  /** {@return a new client that only records its outputs} */
  public SimClient client() {
    return client(ClientHandler.IGNORE);
  }

  /**
   * A new client whose {@code handler} runs on every output it receives (closed-loop clients).
   * Clients get consecutive locations from {@code Topology.FIRST_CLIENT_ID}.
   *
   * @param handler runs on each output; not null
   * @return the client
   */
  public SimClient client(ClientHandler handler) {
    Location location = new Location(Topology.FIRST_CLIENT_ID + clients.size());
    SimClient client = new SimClient(this, location, Objects.requireNonNull(handler, "handler"));
    clients.put(location, client);
    return client;
  }

  /**
   * Schedules client {@code from} to send {@code fact} to node {@code to} at virtual time
   * {@code atMillis}. The relation is found by the fact's record class among the program's codecs;
   * the message then crosses the simulated network like any other.
   *
   * @param atMillis when to send; not before the current virtual time
   * @param from a client of this simulation, made by {@link #client}
   * @param to a node of the topology
   * @param fact an input fact of the program
   * @throws NullPointerException if {@code fact} is null
   * @throws IllegalArgumentException if {@code atMillis} is in the past, {@code from} is not a client
   *     of this simulation, {@code to} is not a node, or no single network relation has the fact's
   *     record type
   */
  public void clientSend(long atMillis, Location from, Location to, Object fact) {
    RelationCodec<?> codec = checkClientSend(from, to, fact);
    if (atMillis < nowMillis) {
      throw new IllegalArgumentException("cannot schedule at " + atMillis + "ms: virtual time is already " + nowMillis + "ms");
    }
    script.at(atMillis, "client " + from.id() + " sends " + codec.relationName() + " to " + to.id(),
        () -> enqueueFromClient(from, to, codec, fact));
  }

  void clientSendNow(Location from, Location to, Object fact) {
    enqueueFromClient(from, to, checkClientSend(from, to, fact), fact);
  }

  private RelationCodec<?> checkClientSend(Location from, Location to, Object fact) {
    Objects.requireNonNull(fact, "fact");
    if (!clients.containsKey(from)) {
      throw new IllegalArgumentException(from + " is not a client of this simulation; create one with client()");
    }
    nodeAt(to);
    return codecs.forFact(fact);
  }

  private void enqueueFromClient(Location from, Location to, RelationCodec<?> codec, Object fact) {
    PendingMessage m = network.send(from, 0, to, codec, fact, nowMillis);
    trace.add(nowMillis, "client c" + from.id() + " " + m.tag() + " " + codec.relationName() + " -> n" + to.id());
  }

  // ---------------------------------------------------------------- faults

  /**
   * Stops a node now: its stage and all its in-memory state are dropped. Stopping a stopped node
   * changes nothing.
   *
   * @param node a node of the topology
   * @throws IllegalArgumentException if {@code node} is not a node of the topology
   */
  public void stop(Location node) {
    stopNode(nodeAt(node));
  }

  /**
   * Restarts a node now with a new stage from the {@link StageFactory} (fresh by default). A node
   * that is up is stopped first, which is a crash-restart.
   *
   * @param node a node of the topology
   * @throws IllegalArgumentException if {@code node} is not a node of the topology
   * @throws SimulationException if building the node's stage fails
   */
  public void restart(Location node) {
    restartNode(nodeAt(node));
  }

  /**
   * Runs {@code action} when virtual time reaches {@code atMillis}, between two scheduler decisions:
   * for faults that depend on what the run did so far (stop whichever node leads at that time).
   * Events due at the same time run in the order scheduled.
   *
   * @param atMillis the virtual time to run it at
   * @param what a description, for the trace
   * @param action what to do, on the simulation's thread
   * @throws NullPointerException if {@code what} or {@code action} is null
   */
  public void at(long atMillis, String what, Runnable action) {
    script.at(atMillis, Objects.requireNonNull(what, "what"), Objects.requireNonNull(action, "action"));
  }

  /**
   * Schedules {@link #stop} of {@code node} at virtual time {@code atMillis}.
   *
   * @param atMillis when to stop it
   * @param node a node of the topology
   * @throws IllegalArgumentException if {@code node} is not a node of the topology
   */
  public void stopAt(long atMillis, Location node) {
    SimNode n = nodeAt(node);
    script.at(atMillis, "stop " + n.tag(), () -> stopNode(n));
  }

  /**
   * Schedules {@link #restart} of {@code node} at virtual time {@code atMillis}.
   *
   * @param atMillis when to restart it
   * @param node a node of the topology
   * @throws IllegalArgumentException if {@code node} is not a node of the topology
   */
  public void restartAt(long atMillis, Location node) {
    SimNode n = nodeAt(node);
    script.at(atMillis, "restart " + n.tag(), () -> restartNode(n));
  }

  /**
   * Whether a node is running.
   *
   * @param node a node of the topology
   * @return false while it is stopped
   * @throws IllegalArgumentException if {@code node} is not a node of the topology
   */
  public boolean isUp(Location node) {
    return nodeAt(node).up();
  }

  /**
   * The node's current stage, or null while it is stopped; for inspection in tests.
   *
   * @param node a node of the topology
   * @return the stage, or null
   * @throws IllegalArgumentException if {@code node} is not a node of the topology
   */
  public Stage stage(Location node) {
    return nodeAt(node).stage();
  }

  /**
   * Which of its stages a node runs: 0 for the first stage a node ran, then one more per restart.
   *
   * @param node a node of the topology
   * @return the incarnation
   * @throws IllegalArgumentException if {@code node} is not a node of the topology
   */
  public int incarnation(Location node) {
    return nodeAt(node).incarnation();
  }

  private void stopNode(SimNode n) {
    if (!n.up()) {
      trace.add(nowMillis, "stop " + n.tag() + " (already down)");
      return;
    }
    n.stop();
    crashes++;
    trace.add(nowMillis, "stop " + n.tag());
  }

  private void restartNode(SimNode n) {
    if (n.up()) {
      n.stop();
      crashes++;
    }
    startNode(n);
    restarts++;
    trace.add(nowMillis, "restart " + n.tag() + " #" + n.incarnation());
  }

  private void startNode(SimNode n) {
    try {
      n.start(stageFactory);
    } catch (RuntimeException e) {
      throw failure("building the stage of " + n.node, e);
    }
  }

  private boolean maybeCrashRandomNode() {
    if (randomCrashes >= options.maxRandomCrashes() || !chance(options.randomCrashProbability())) {
      return false;
    }
    List<SimNode> candidates = new ArrayList<>();
    for (SimNode n : nodes) {
      if (n.up() && (options.crashableRoles().isEmpty() || options.crashableRoles().contains(n.node.role()))) {
        candidates.add(n);
      }
    }
    if (candidates.isEmpty()) {
      return false;
    }
    SimNode victim = candidates.get(random.nextInt(candidates.size()));
    long downtime = options.minDowntimeMillis()
        + random.nextLong(options.maxDowntimeMillis() - options.minDowntimeMillis() + 1);
    randomCrashes++;
    stopNode(victim);
    script.at(nowMillis + downtime, "restart " + victim.tag(), () -> restartNode(victim));
    return true;
  }

  // ---------------------------------------------------------------- the scheduler

  /**
   * Runs until quiescent or until {@code maxSteps} more scheduler decisions have been made. May be
   * called again, e.g. after scripting more input; counters and outputs accumulate.
   *
   * @param maxSteps how many more scheduler decisions it may make
   * @return the result so far: outputs, counters and why it stopped
   * @throws SimulationException if a stage, a codec or a stage factory fails; the message names the
   *     seed, step and virtual time
   */
  public SimulationResult run(long maxSteps) {
    long budgetEnd = steps + maxSteps;
    for (;;) {
      fireDueEvents();
      List<PendingMessage> ready = readyMessages();
      List<SimNode> runnable = runnableNodes();
      boolean workNow = !ready.isEmpty() || !runnable.isEmpty();
      long next = nextEventMillis();
      if (!workNow && next == Long.MAX_VALUE) {
        return result(StopReason.QUIESCENT);
      }
      if (steps >= budgetEnd) {
        return result(StopReason.MAX_STEPS);
      }
      steps++;
      if (!workNow) {
        advanceTo(next);
      } else if (!maybeCrashRandomNode()) {
        decide(ready, runnable, next);
      }
      network.removeGone();
    }
  }

  /** One decision when something can happen now. */
  private void decide(List<PendingMessage> ready, List<SimNode> runnable, long next) {
    SimNode starvedNode = oldestStarved(runnable);
    PendingMessage starvedMessage = oldestStarvedMessage(ready);
    if (starvedNode != null && (starvedMessage == null || starvedNode.readySinceStep <= starvedMessage.readySinceStep)) {
      tick(starvedNode);
      return;
    }
    if (starvedMessage != null) {
      deliver(ready, starvedMessage, true, false);
      return;
    }
    if (next != Long.MAX_VALUE && chance(options.advanceTimeProbability())) {
      advanceTo(next);
      return;
    }
    boolean deliver = runnable.isEmpty() || (!ready.isEmpty() && chance(options.deliverProbability()));
    if (deliver) {
      // Reordering: any due message, not the oldest; without it, send order among due messages.
      boolean reorder = chance(options.reorderProbability());
      deliver(ready, reorder ? ready.get(random.nextInt(ready.size())) : ready.get(0), reorder);
    } else {
      tick(runnable.get(random.nextInt(runnable.size())));
    }
  }

  private void fireDueEvents() {
    Script.Event e;
    while ((e = script.pollDue(nowMillis)) != null) {
      e.action().run();
    }
  }

  /** Due messages whose receiver can take them, in send order; drops those for stopped nodes if so configured. */
  private List<PendingMessage> readyMessages() {
    List<PendingMessage> ready = new ArrayList<>();
    for (PendingMessage m : network.pending()) {
      if (m.gone || m.deliverAtMillis > nowMillis) {
        continue;
      }
      if (!Topology.isClient(m.to) && !nodeAt(m.to).up()) {
        if (!options.holdWhileStopped()) {
          m.gone = true;
          droppedWhileStopped++;
          trace.add(nowMillis, "drop " + m.tag() + " for stopped n" + m.to.id());
        }
        continue;
      }
      if (m.readySinceStep < 0) {
        m.readySinceStep = steps;
      }
      ready.add(m);
    }
    return ready;
  }

  private List<SimNode> runnableNodes() {
    List<SimNode> runnable = new ArrayList<>();
    for (SimNode n : nodes) {
      if (n.needsTick(nowMillis, options.timerHorizonMillis())) {
        if (n.readySinceStep < 0) {
          n.readySinceStep = steps;
        }
        runnable.add(n);
      }
    }
    return runnable;
  }

  private SimNode oldestStarved(List<SimNode> runnable) {
    SimNode oldest = null;
    for (SimNode n : runnable) {
      if (steps - n.readySinceStep >= options.fairnessSteps() && (oldest == null || n.readySinceStep < oldest.readySinceStep)) {
        oldest = n;
      }
    }
    return oldest;
  }

  private PendingMessage oldestStarvedMessage(List<PendingMessage> ready) {
    PendingMessage oldest = null;
    for (PendingMessage m : ready) {
      if (steps - m.readySinceStep >= options.fairnessSteps() && (oldest == null || m.readySinceStep < oldest.readySinceStep)) {
        oldest = m;
      }
    }
    return oldest;
  }

  /**
   * The next virtual time at which something happens, or Long.MAX_VALUE. Timers count only up to
   * the horizon, so periodic timers do not keep a finished run alive. Messages held for stopped
   * nodes count only via a scripted restart.
   */
  private long nextEventMillis() {
    long message = Long.MAX_VALUE;
    for (PendingMessage m : network.pending()) {
      if (!m.gone && m.deliverAtMillis > nowMillis
          && (Topology.isClient(m.to) || nodeAt(m.to).up() || !options.holdWhileStopped())) {
        message = Math.min(message, m.deliverAtMillis);
      }
    }
    long timer = Long.MAX_VALUE;
    for (SimNode n : nodes) {
      if (n.up()) {
        long t = n.stage().nextTimerMillis();
        if (t > nowMillis && t <= options.timerHorizonMillis()) {
          timer = Math.min(timer, t);
        }
      }
    }
    return Math.min(message, Math.min(timer, script.nextMillis()));
  }

  private void advanceTo(long millis) {
    trace.add(nowMillis, "time -> " + millis);
    nowMillis = millis;
  }

  private void deliver(List<PendingMessage> ready, PendingMessage first, boolean reorder) {
    deliver(ready, first, reorder, true);
  }

  private void deliver(List<PendingMessage> ready, PendingMessage first, boolean reorder, boolean mayDelay) {
    if (mayDelay && first.delays < options.maxDelaysPerMessage() && chance(options.delayProbability())) {
      long extra = network.delay(first, nowMillis);
      delayed++;
      trace.add(nowMillis, "delay " + first.tag() + " +" + extra);
      return;
    }
    if (chance(options.lossProbability())) {
      first.gone = true;
      lost++;
      trace.add(nowMillis, "lose " + first.tag());
      return;
    }
    if (Topology.isClient(first.to)) {
      deliverToClient(first);
      return;
    }
    List<PendingMessage> batch = chooseBatch(ready, first, reorder);
    SimNode node = nodeAt(first.to);
    StringBuilder line = new StringBuilder("deliver ").append(node.tag()).append(' ');
    for (PendingMessage m : batch) {
      if (network.overtakes(m, batch)) {
        reordered++;
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      PendingMessage m = batch.get(i);
      m.gone = true;
      Object fact = decode(m);
      boolean kept;
      try {
        kept = node.accept(m.codec.relationId(), fact);
      } catch (RuntimeException e) {
        throw failure(node.node + " failed to accept " + m.codec.relationName() + " " + fact, e);
      }
      if (!kept) {
        rejected++;
      }
      delivered++;
      line.append(i == 0 ? "" : ",").append(m.tag()).append(kept ? "" : "(rejected)");
      maybeDuplicate(m, line);
    }
    trace.add(nowMillis, line.toString());
  }

  /**
   * {@code first}, and with some probability other due messages for the same node: a random subset
   * in random order, or without reordering the oldest ones in send order.
   */
  private List<PendingMessage> chooseBatch(List<PendingMessage> ready, PendingMessage first, boolean reorder) {
    List<PendingMessage> batch = new ArrayList<>();
    batch.add(first);
    if (options.maxBatch() < 2 || !chance(options.batchProbability())) {
      return batch;
    }
    List<PendingMessage> others = new ArrayList<>();
    for (PendingMessage m : ready) {
      if (m != first && !m.gone && m.to.equals(first.to)) {
        others.add(m);
      }
    }
    int most = Math.min(options.maxBatch() - 1, others.size());
    if (most == 0) {
      return batch;
    }
    int extra = 1 + random.nextInt(most);
    if (!reorder) {
      batch.addAll(others.subList(0, extra));
      return batch;
    }
    for (int i = 0; i < extra; i++) { // a partial Fisher-Yates shuffle picks a random subset
      int j = i + random.nextInt(others.size() - i);
      PendingMessage pick = others.get(j);
      others.set(j, others.get(i));
      others.set(i, pick);
      batch.add(pick);
    }
    return batch;
  }

  private void deliverToClient(PendingMessage m) {
    m.gone = true;
    Object fact = decode(m);
    ClientOutput output = new ClientOutput(nowMillis, m.sentAtMillis, m.from, m.senderTick, m.to,
        m.codec.relationId(), m.codec.relationName(), fact);
    outputs.add(output);
    delivered++;
    StringBuilder line = new StringBuilder("out c").append(m.to.id()).append(' ').append(m.tag());
    maybeDuplicate(m, line);
    trace.add(nowMillis, line.toString());
    SimClient client = clients.get(m.to);
    if (client != null) {
      client.deliver(output);
    }
  }

  private void maybeDuplicate(PendingMessage m, StringBuilder line) {
    if (!m.duplicate && chance(options.duplicateProbability())) {
      PendingMessage copy = network.duplicate(m, nowMillis);
      duplicated++;
      line.append(" dup->").append(copy.tag());
    }
  }

  private Object decode(PendingMessage m) {
    try {
      return network.factOf(m);
    } catch (RuntimeException e) {
      throw failure("decoding " + m.tag() + " of " + m.codec.relationName() + " failed", e);
    }
  }

  private void tick(SimNode n) {
    outbound.sender = n;
    outbound.sent = 0;
    int consumed;
    try {
      consumed = n.tick(nowMillis, outbound);
    } catch (SimulationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failure("tick " + n.ticks() + " of " + n.node + " failed", e);
    } finally {
      outbound.sender = null;
    }
    if (consumed > 1) {
      batchedTicks++;
    }
    largestBatch = Math.max(largestBatch, consumed);
    trace.add(nowMillis, "tick " + n.tag() + " #" + n.ticks() + " in=" + consumed + " out=" + outbound.sent);
  }

  /** Collects a tick's asynchronous heads into the network; they are due only after the tick. */
  private final class TickOutbound implements Outbound {
    SimNode sender;
    int sent;

    @Override
    public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
      if (sender == null) {
        throw new IllegalStateException("Outbound used outside a tick");
      }
      if (!Topology.isClient(destination) && topology.node(destination) == null) {
        throw new IllegalStateException(sender.node + " sent " + codec.relationName() + " " + fact + " to " + destination
            + ", which is neither a node nor a client");
      }
      codecs.checkOwn(codec);
      for (SendWatcher w : watchers) {
        w.sent(nowMillis, sender.node, destination, fact);
      }
      network.send(sender.node.location(), sender.ticks(), destination, codec, fact, nowMillis);
      sent++;
    }
  }

  // ---------------------------------------------------------------- helpers

  private boolean chance(double probability) {
    // Draw only for real choices, so a probability of 0 or 1 leaves the random stream untouched.
    if (probability <= 0.0) {
      return false;
    }
    if (probability >= 1.0) {
      return true;
    }
    return random.nextDouble() < probability;
  }

  private SimNode nodeAt(Location location) {
    Topology.Node node = topology.node(location);
    if (node == null) {
      throw new IllegalArgumentException(location + " is not a node of this topology");
    }
    return nodes[(int) location.id() - 1];
  }

  private SimulationException failure(String what, Throwable cause) {
    return new SimulationException(seed, steps, nowMillis, what, cause);
  }

  private SimulationResult result(StopReason reason) {
    Map<Location, Long> ticks = new LinkedHashMap<>();
    for (SimNode n : nodes) {
      ticks.put(n.node.location(), n.ticks());
    }
    int held = 0;
    for (PendingMessage m : network.pending()) {
      if (!m.gone && !Topology.isClient(m.to) && !nodeAt(m.to).up()) {
        held++;
      }
    }
    SimulationResult.Counters counters = new SimulationResult.Counters(steps, delivered, duplicated, delayed, reordered,
        lost, droppedWhileStopped, rejected, batchedTicks, largestBatch, crashes, restarts);
    return new SimulationResult(seed, reason, nowMillis, outputs, ticks, counters, held, trace.snapshot());
  }
}
