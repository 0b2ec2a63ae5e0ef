package dev.dedalus.runtime.aeron;

import dev.dedalus.Location;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.DurableLog;
import dev.dedalus.runtime.DurableStore;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.security.FrameKeys;
import io.aeron.Subscription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.DynamicCompositeAgent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole program in one JVM: a media driver (embedded unless an external one is named), one
 * {@link StageAgent} per node of the topology, spread over a few threads with
 * {@link DynamicCompositeAgent}, so that one node can be {@linkplain #stop stopped} and
 * {@linkplain #restart restarted} while the others run, and clients on demand. Each node's
 * {@code @Durable} relations are kept where {@link Options#durableStore()} says, and recovered from
 * there when it starts. For tests, the main job and benchmarks.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(topology, LocalCluster.Options.defaults());
 *      ClientEndpoint client = cluster.newClient()) {
 *   client.send(cluster.inputLocation(Request.class, 0), RequestCodec.INSTANCE, new Request(...));
 *   client.flush();
 *   client.poll((relationId, fact) -> ..., 16);
 * }
 * }</pre>
 */
public final class LocalCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);

  private final Topology topology;
  /** The nodes this process runs: every node of the topology, or those {@link #startNodes} was given. */
  private final List<Topology.Node> localNodes;
  private final Options options;
  private final EndpointSettings settings;
  private final AeronMedia media;
  private final PublicationRegistry publications;
  private final FrameSecurity security;
  /** Every node's running agent, by location; a stopped node has none. Guarded by {@code this}. */
  private final Map<Location, RunningNode> running = new LinkedHashMap<>();
  /** The agent threads: each runs a group of nodes, which can change while it runs. */
  private final List<DynamicCompositeAgent> groups = new ArrayList<>();
  private final Map<Location, DynamicCompositeAgent> groupOf = new LinkedHashMap<>();
  private final Map<Location, EndpointCounters> stoppedCounters = new LinkedHashMap<>();
  private final List<AgentRunner> runners = new ArrayList<>();
  private final Set<ClientEndpoint> clients = ConcurrentHashMap.newKeySet();
  private final AtomicLong nextClientId;
  private volatile boolean closed;
  /** Closes the cluster when the JVM shuts down (SIGTERM, Ctrl-C), so the driver removes its directory. */
  private final Thread shutdownHook = new Thread(this::close, "dedalus-cluster-shutdown");

  /**
   * What a running node holds: its agent, its subscription, its durable log (if any) and its
   * counters as Aeron counters and an MBean.
   */
  private record RunningNode(StageAgent agent, Subscription subscription, DurableLog log, PublishedNodeCounters counters) {}

  private LocalCluster(Topology topology, List<Topology.Node> localNodes, Options options) {
    this.topology = topology;
    this.localNodes = List.copyOf(localNodes);
    this.options = options;
    this.settings = options.endpointSettings();
    this.nextClientId = new AtomicLong(options.firstClientId());
    this.media = options.aeronDirectory() == null
        ? AeronMedia.launchEmbedded(options.termLength())
        : AeronMedia.connectTo(options.aeronDirectory());
    this.publications = new PublicationRegistry(media.aeron(), options.channelMap());
    this.security = new FrameSecurity(topology, options.keys());
  }

  /**
   * Starts every node of {@code topology} and returns once their agents run.
   *
   * @param topology the program and its nodes' locations
   * @param options how the cluster runs
   * @return the running cluster; close it when done
   */
  public static LocalCluster start(Topology topology, Options options) {
    return startNodes(topology, topology.nodes(), options);
  }

  /**
   * Starts only {@code nodes} of {@code topology} in this process, and returns once their agents
   * run: the other nodes run elsewhere, reached over {@link Options#channelMap()} (a
   * {@link UdpChannelMap}). With no nodes, this process only hosts clients of a deployed cluster.
   *
   * @param topology the program and all its nodes' locations
   * @param nodes the nodes of {@code topology} to run here
   * @param options how the cluster runs
   * @return the running cluster; close it when done
   * @throws IllegalArgumentException if a node is not one of the topology's, or is given twice
   */
  public static LocalCluster startNodes(Topology topology, List<Topology.Node> nodes, Options options) {
    if (new java.util.HashSet<>(nodes).size() != nodes.size() || !topology.nodes().containsAll(nodes)) {
      throw new IllegalArgumentException("nodes " + nodes + " are not distinct nodes of " + topology.program().name());
    }
    LocalCluster cluster = new LocalCluster(topology, nodes, options);
    try {
      Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
      cluster.startAgents();
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Starts every node of {@code topology} with {@link Options#defaults()}.
   *
   * @param topology the program and its nodes' locations
   * @return the running cluster; close it when done
   */
  public static LocalCluster start(Topology topology) {
    return start(topology, Options.defaults());
  }

  private void startAgents() {
    DedalusProgram program = topology.program();
    List<StageAgent> agents = new ArrayList<>();
    for (Topology.Node node : localNodes) {
      RunningNode started = startNode(node);
      running.put(node.location(), started);
      agents.add(started.agent());
    }
    // Publications to nodes up front, so no agent blocks on the driver in its first duty cycle.
    for (Topology.Node node : topology.nodes()) {
      publications.publicationTo(node.location());
    }
    int threads = Math.min(options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors(), agents.size());
    List<List<Agent>> members = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      members.add(new ArrayList<>());
    }
    for (int i = 0; i < agents.size(); i++) {
      members.get(i % threads).add(agents.get(i));
    }
    for (int t = 0; t < threads; t++) {
      DynamicCompositeAgent group = new DynamicCompositeAgent("dedalus-agents-" + t, members.get(t));
      groups.add(group);
      for (Agent member : members.get(t)) {
        groupOf.put(((StageAgent) member).node().location(), group);
      }
      AgentRunner runner = new AgentRunner(options.idleStrategy().get(), errorHandler(group.roleName()), null, group);
      runners.add(runner);
      AgentRunner.startOnThread(runner, r -> {
        Thread thread = new Thread(r, group.roleName());
        thread.setDaemon(true);
        return thread;
      });
    }
    // Returns only once every agent has started, so stop() and restart() may follow at once
    // (a DynamicCompositeAgent takes no change before its onStart).
    for (DynamicCompositeAgent group : groups) {
      awaitChange(() -> true, () -> group.status() == DynamicCompositeAgent.Status.ACTIVE, "start " + group.roleName());
    }
    LOG.info("started {} nodes of {} on {} threads over {}, aeron dir {}",
        agents.size(), program.name(), threads, options.channelMap(), media.directory());
  }

  /**
   * Builds one node: opens its durable log (taking its lock) and recovers its stage from it, then
   * subscribes to its channel. Nothing is left open if this fails.
   */
  private RunningNode startNode(Topology.Node node) {
    DedalusProgram program = topology.program();
    DurableLog log = options.durableStore().open(program, node);
    Subscription subscription = null;
    PublishedNodeCounters counters = null;
    try {
      Stage stage = log == null ? topology.newStage(node) : topology.recoverStage(node, log);
      ChannelMap.Endpoint endpoint = endpointOf(node.location());
      subscription = media.aeron().addSubscription(endpoint.channel(), endpoint.streamId());
      counters = PublishedNodeCounters.publish(media.aeron(), program, node);
      StageAgent agent = new StageAgent(node, stage, log, program, subscription, publications, settings, security,
          counters.counters());
      return new RunningNode(options.cpuAccounting() ? agent.withCpuAccounting() : agent, subscription, log, counters);
    } catch (RuntimeException | Error e) {
      if (counters != null) {
        counters.unpublish();
      }
      CloseHelper.quietClose(subscription);
      CloseHelper.quietClose(log);
      throw e;
    }
  }

  /**
   * Stops one node as a crash would: its agent leaves its thread, frames it had not sent are
   * dropped, its subscription closes (so what was in flight to it is lost), and its durable log is
   * closed as it stands: what it committed stays, nothing more is written. Other nodes (and clients)
   * hold what they send to it until it restarts, for at most the linger time
   * ({@link Options#clientLingerMillis()}), then drop it, as a real network would. Returns once
   * the node has stopped.
   *
   * @param location the node's location
   * @throws IllegalArgumentException if no node has that location
   * @throws IllegalStateException if the node is already stopped, or does not stop within 10 s
   */
  public synchronized void stop(Location location) {
    Topology.Node node = nodeAt(location);
    RunningNode run = running.get(location);
    if (run == null) {
      throw new IllegalStateException(node + " is already stopped");
    }
    DynamicCompositeAgent group = groupOf.get(location);
    awaitChange(() -> group.tryRemove(run.agent()), group::hasRemoveAgentCompleted, "remove " + node + " from its thread");
    running.remove(location);
    stoppedCounters.put(location, run.counters().unpublish());
    CloseHelper.quietClose(run.subscription());
    CloseHelper.quietClose(run.log());
    LOG.info("stopped {}", node);
  }

  /**
   * Starts a stopped node again on the same thread: a fresh stage with the durable facts its log
   * committed before it stopped, and an empty memory otherwise.
   *
   * @param location the node's location
   * @throws IllegalArgumentException if no node of this process has that location
   * @throws IllegalStateException if the node is running, the cluster is closed, or the node is not
   *     back on its thread within 10 s
   * @throws dev.dedalus.runtime.DurableStateException if its durable state cannot be used; the
   *     node then stays stopped
   */
  public synchronized void restart(Location location) {
    Topology.Node node = nodeAt(location);
    if (running.containsKey(location)) {
      throw new IllegalStateException(node + " is running; stop it first");
    }
    RunningNode run = startNode(node);
    DynamicCompositeAgent group = groupOf.get(location);
    try {
      awaitChange(() -> group.tryAdd(run.agent()), group::hasAddAgentCompleted, "add " + node + " to its thread");
    } catch (RuntimeException e) {
      run.counters().unpublish();
      CloseHelper.quietClose(run.subscription());
      CloseHelper.quietClose(run.log());
      throw e;
    }
    running.put(location, run);
    stoppedCounters.remove(location);
    LOG.info("restarted {}", node);
  }

  /**
   * {@return whether the node at {@code location} runs (it has not been stopped, or was restarted)}
   *
   * @param location the node's location
   * @throws IllegalArgumentException if no node of this process has that location
   */
  public synchronized boolean isRunning(Location location) {
    nodeAt(location);
    return running.containsKey(location);
  }

  private Topology.Node nodeAt(Location location) {
    for (Topology.Node node : localNodes) {
      if (node.location().equals(location)) {
        return node;
      }
    }
    throw new IllegalArgumentException("no node at " + location + " in " + topology.program().name()
        + (localNodes.size() < topology.nodes().size() ? " runs in this process" : ""));
  }

  /** Asks an agent thread to add or remove an agent, then waits until it has. */
  private void awaitChange(java.util.function.BooleanSupplier request, java.util.function.BooleanSupplier done, String what) {
    if (closed) {
      throw new IllegalStateException("cluster is closed");
    }
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!request.getAsBoolean()) {
      pause(deadline, what);
    }
    while (!done.getAsBoolean()) {
      pause(deadline, what);
    }
  }

  private static void pause(long deadline, String what) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("could not " + what + " within 10 s");
    }
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to " + what, e);
    }
  }

  /** One per runner, so its throttle is only used on that runner's thread. */
  private ErrorHandler errorHandler(String name) {
    LogThrottle throttle = new LogThrottle(SystemEpochClock.INSTANCE, 1_000);
    return t -> {
      if (throttle.allow()) {
        LOG.error("{}: duty cycle failed ({} similar errors suppressed)", name, throttle.suppressed(), t);
      }
    };
  }

  private ChannelMap.Endpoint endpointOf(Location location) {
    ChannelMap.Endpoint endpoint = options.channelMap().endpointOf(location);
    if (endpoint == null) {
      throw new IllegalArgumentException(options.channelMap() + " has no channel for " + location);
    }
    return endpoint;
  }

  /**
   * {@return a new client with a fresh location; close it when done} Use it from one thread.
   *
   * @throws IllegalStateException if the cluster is closed
   * @throws IllegalArgumentException if the channel map has no channel for the client's location
   */
  public ClientEndpoint newClient() {
    if (closed) {
      throw new IllegalStateException("cluster is closed");
    }
    Location location = new Location(nextClientId.getAndIncrement());
    ChannelMap.Endpoint endpoint = endpointOf(location);
    Subscription subscription = media.aeron().addSubscription(endpoint.channel(), endpoint.streamId());
    ClientEndpoint[] self = new ClientEndpoint[1];
    self[0] = new ClientEndpoint(location, topology.program(), subscription, publications, settings, security,
        options.idleStrategy().get(), () -> clients.remove(self[0]));
    clients.add(self[0]);
    return self[0];
  }

  /** {@return the topology the cluster runs} */
  public Topology topology() {
    return topology;
  }

  /** {@return the topology's program} */
  public DedalusProgram program() {
    return topology.program();
  }

  /**
   * {@return the location of instance {@code instance} of the role that receives {@code inputType}}
   *
   * @param inputType the {@code @Input} relation's record class
   * @param instance the instance's index among the role's locations
   * @throws IllegalArgumentException if no role receives {@code inputType}
   * @throws IndexOutOfBoundsException if the role has no such instance
   */
  public Location inputLocation(Class<?> inputType, int instance) {
    return inputLocations(inputType).get(instance);
  }

  /**
   * {@return the locations of every instance of the role that receives {@code inputType}}
   *
   * @param inputType the {@code @Input} relation's record class
   * @throws IllegalArgumentException if no role receives {@code inputType}
   */
  public List<Location> inputLocations(Class<?> inputType) {
    return topology.addressesOf(topology.program().inputRole(inputType));
  }

  /**
   * Waits until this process's publication to each of {@code nodes} is connected (the node's
   * subscription is up and reachable), for at most {@code timeoutMillis}, and returns the nodes that
   * are still not connected: empty if all are. For a process of clients, before it starts sending.
   *
   * @param nodes the node locations to wait for
   * @param timeoutMillis the longest wait, in milliseconds
   * @return the nodes still not connected, in the order given
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public List<Location> awaitConnected(List<Location> nodes, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    List<Location> waiting = new ArrayList<>(nodes);
    while (true) {
      waiting.removeIf(node -> {
        SharedPublication p = publications.publicationTo(node);
        return p != null && p.current().isConnected();
      });
      if (waiting.isEmpty() || System.nanoTime() > deadline) {
        return waiting;
      }
      Thread.sleep(10);
    }
  }

  /** {@return where each location listens} */
  public ChannelMap channelMap() {
    return options.channelMap();
  }

  /** {@return the Aeron directory of the driver, for tools and extra clients} */
  public String aeronDirectory() {
    return media.directory();
  }

  /**
   * {@return live counters of every node this process runs, in the order it runs them (the
   * topology's, or that of the list given to {@link #startNodes}): of its current run, or of its
   * last run if it is stopped; unmodifiable} A restarted node counts from zero.
   */
  public synchronized Map<Topology.Node, EndpointCounters> counters() {
    Map<Topology.Node, EndpointCounters> all = new LinkedHashMap<>();
    for (Topology.Node node : localNodes) {
      all.put(node, counters(node.location()));
    }
    return Collections.unmodifiableMap(all);
  }

  /**
   * {@return the counters of one node (of its last run if it is stopped)}
   *
   * @param node the node's location
   * @throws IllegalArgumentException if no node of this process has that location
   */
  public synchronized EndpointCounters counters(Location node) {
    RunningNode run = running.get(node);
    if (run != null) {
      return run.agent().counters();
    }
    EndpointCounters last = stoppedCounters.get(node);
    if (last == null) {
      throw new IllegalArgumentException("no node at " + node);
    }
    return last;
  }

  /**
   * Per node busy CPU time and facts, and the projected throughput for {@code committed} requests:
   * committed requests / the largest busy CPU time of any node, which is the rate if every node
   * had a core of its own and the network were free.
   *
   * @param committed the number of requests committed
   * @return the report
   */
  public CpuReport cpuReport(long committed) {
    return CpuReport.of(counters(), committed);
  }

  /** {@return one line per node with its non-zero counters} */
  public String report() {
    StringBuilder sb = new StringBuilder();
    for (EndpointCounters c : counters().values()) {
      sb.append(c.snapshot()).append('\n');
    }
    return sb.toString();
  }

  /**
   * Stops the agents, then closes clients, publications, subscriptions, the nodes' Aeron counters and
   * MBeans (their last values stay readable through {@link #counters()}), the client and the driver.
   */
  @Override
  public void close() {
    synchronized (shutdownHook) {
      // The hook and the owner may close at once; one of them does the work.
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // Called from the hook itself, or while the JVM exits: nothing to remove.
    }
    for (int i = runners.size() - 1; i >= 0; i--) {
      CloseHelper.quietClose(runners.get(i));
    }
    for (ClientEndpoint client : List.copyOf(clients)) {
      CloseHelper.quietClose(client);
    }
    CloseHelper.quietClose(publications);
    synchronized (this) {
      for (Map.Entry<Location, RunningNode> entry : running.entrySet()) {
        RunningNode run = entry.getValue();
        stoppedCounters.put(entry.getKey(), run.counters().unpublish());
        CloseHelper.quietClose(run.subscription());
        CloseHelper.quietClose(run.log());
      }
      running.clear();
    }
    CloseHelper.quietClose(media);
  }

  /**
   * How a cluster runs. Immutable; start from {@link #defaults()} and change with the withers.
   *
   * @param threads agent threads; 0 means min(nodes, available processors)
   * @param termLength IPC and UDP publication term length (power of two, 64 KiB to 1 GiB)
   * @param fragmentLimit fragments an agent reads per duty cycle
   * @param outboxCapacity frames an endpoint may hold unsent before it stops taking input
   * @param maxFrameSize the largest frame; at most termLength / 8 (Aeron's max message length)
   * @param idleStrategy makes one idle strategy per agent thread and per client
   * @param channelMap where each location listens
   * @param clock the time stages tick at
   * @param clientLingerMillis how long frames to an unconnected node (a stopped one) wait before being
   *     dropped (the name is older than this use)
   * @param clientConnectWaitMillis how long frames to an unconnected client (one that left, or an
   *     address nobody listens on) wait, for that client alone, before being dropped; they never
   *     stop a node taking input
   * @param sendTimeoutMillis how long a client's send waits for room in a full outbox
   * @param aeronDirectory an external driver's directory, or null to embed one
   * @param cpuAccounting whether agents measure their busy CPU time
   * @param durableStore where nodes keep their {@code @Durable} relations
   * @param firstClientId the location id of the first client; later clients count up from it
   * @param keys what frames are authenticated with; {@link FrameKeys#none()} (CRC32C only) by default.
   *     A client process's keys ({@link FrameKeys#forClient}) serve a cluster that runs clients only;
   *     a node started with them fails, as it has no cluster key
   */
  public record Options(
      int threads,
      int termLength,
      int fragmentLimit,
      int outboxCapacity,
      int maxFrameSize,
      Supplier<IdleStrategy> idleStrategy,
      ChannelMap channelMap,
      EpochClock clock,
      long clientLingerMillis,
      long clientConnectWaitMillis,
      long sendTimeoutMillis,
      String aeronDirectory,
      boolean cpuAccounting,
      DurableStore durableStore,
      long firstClientId,
      FrameKeys keys) {

    /** The smallest term length: 64 KiB. */
    public static final int MIN_TERM_LENGTH = 64 * 1024;
    /** The largest term length: 1 GiB. */
    public static final int MAX_TERM_LENGTH = 1024 * 1024 * 1024;

    /**
     * Checks the options; the components are described on the record.
     *
     * @param threads agent threads; 0 means min(nodes, available processors)
     * @param termLength IPC and UDP publication term length
     * @param fragmentLimit fragments an agent reads per duty cycle
     * @param outboxCapacity frames an endpoint may hold unsent
     * @param maxFrameSize the largest frame
     * @param idleStrategy makes one idle strategy per agent thread and per client
     * @param channelMap where each location listens
     * @param clock the time stages tick at
     * @param clientLingerMillis how long frames to an unconnected node wait
     * @param clientConnectWaitMillis how long frames to an unconnected client wait
     * @param sendTimeoutMillis how long a client's send waits for room
     * @param aeronDirectory an external driver's directory, or null to embed one
     * @param cpuAccounting whether agents measure their busy CPU time
     * @param durableStore where nodes keep their {@code @Durable} relations
     * @param firstClientId the location id of the first client
     * @param keys what frames are authenticated with
     * @throws NullPointerException if {@code idleStrategy}, {@code channelMap}, {@code durableStore},
     *     {@code keys} or {@code clock} is null
     * @throws IllegalArgumentException if {@code firstClientId} is below
     *     {@link Topology#FIRST_CLIENT_ID}, {@code threads} is negative, {@code termLength} is not a
     *     power of two from {@link #MIN_TERM_LENGTH} to {@link #MAX_TERM_LENGTH},
     *     {@code maxFrameSize} exceeds {@code termLength / 8}, or the endpoint settings are invalid
     *     (see {@link EndpointSettings})
     */
    public Options {
      Objects.requireNonNull(idleStrategy, "idleStrategy");
      Objects.requireNonNull(channelMap, "channelMap");
      Objects.requireNonNull(durableStore, "durableStore");
      Objects.requireNonNull(keys, "keys");
      if (firstClientId < Topology.FIRST_CLIENT_ID) {
        throw new IllegalArgumentException("client locations start at " + Topology.FIRST_CLIENT_ID + " or above: " + firstClientId);
      }
      if (threads < 0) {
        throw new IllegalArgumentException("threads must not be negative: " + threads);
      }
      if (termLength < MIN_TERM_LENGTH || termLength > MAX_TERM_LENGTH || Integer.bitCount(termLength) != 1) {
        throw new IllegalArgumentException("termLength must be a power of two from 64 KiB to 1 GiB: " + termLength);
      }
      if (maxFrameSize > termLength / 8) {
        throw new IllegalArgumentException("maxFrameSize " + maxFrameSize + " exceeds Aeron's max message length for a term of "
            + termLength + " bytes (" + termLength / 8 + ")");
      }
      new EndpointSettings(maxFrameSize, outboxCapacity, fragmentLimit, clientLingerMillis, clientConnectWaitMillis, sendTimeoutMillis, clock); // validates
    }

    /**
     * {@return 1 MiB terms, 16 KiB frames, 64-frame outboxes, 256 fragments per poll, IPC, backoff
     * idling} Also: as many threads as nodes up to the processors, a 10 s linger, the default client
     * connect wait, a 30 s send timeout, an embedded driver, CPU accounting, no durable store and
     * no keys.
     */
    public static Options defaults() {
      return new Options(0, 1024 * 1024, 256, 64, 16 * 1024,
          () -> new BackoffIdleStrategy(10, 5, 1_000, 1_000_000),
          ChannelMap.ipc(), SystemEpochClock.INSTANCE, 10_000,
          EndpointSettings.DEFAULT_CLIENT_CONNECT_WAIT_MILLIS, 30_000, null, true, DurableStore.NONE, Topology.FIRST_CLIENT_ID, FrameKeys.none());
    }

    /**
     * {@return a copy with {@code cpuAccounting} set: whether agents measure their busy CPU time (a
     * thread-CPU clock read per duty cycle, a second one per productive cycle)}
     *
     * @param v the new {@code cpuAccounting}
     */
    public Options withCpuAccounting(boolean v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock,
          clientLingerMillis, clientConnectWaitMillis, sendTimeoutMillis, aeronDirectory, v, durableStore, firstClientId, keys);
    }

    EndpointSettings endpointSettings() {
      return new EndpointSettings(maxFrameSize, outboxCapacity, fragmentLimit, clientLingerMillis, clientConnectWaitMillis, sendTimeoutMillis, clock);
    }

    /**
     * {@return a copy with {@code threads} set}
     *
     * @param v the new {@code threads}
     * @throws IllegalArgumentException if the copy's options are invalid (see the constructor)
     */
    public Options withThreads(int v) {
      return new Options(v, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, clientConnectWaitMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting, durableStore, firstClientId, keys);
    }

    /**
     * {@return a copy with {@code termLength} set}
     *
     * @param v the new {@code termLength}
     * @throws IllegalArgumentException if the copy's options are invalid (see the constructor)
     */
    public Options withTermLength(int v) {
      return new Options(threads, v, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, clientConnectWaitMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting, durableStore, firstClientId, keys);
    }

    /**
     * {@return a copy with {@code fragmentLimit} set}
     *
     * @param v the new {@code fragmentLimit}
     * @throws IllegalArgumentException if the copy's options are invalid (see the constructor)
     */
    public Options withFragmentLimit(int v) {
      return new Options(threads, termLength, v, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, clientConnectWaitMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting, durableStore, firstClientId, keys);
    }

    /**
     * {@return a copy with {@code outboxCapacity} set}
     *
     * @param v the new {@code outboxCapacity}
     * @throws IllegalArgumentException if the copy's options are invalid (see the constructor)
     */
    public Options withOutboxCapacity(int v) {
      return new Options(threads, termLength, fragmentLimit, v, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, clientConnectWaitMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting, durableStore, firstClientId, keys);
    }

    /**
     * {@return a copy with {@code maxFrameSize} set}
     *
     * @param v the new {@code maxFrameSize}
     * @throws IllegalArgumentException if the copy's options are invalid (see the constructor)
     */
    public Options withMaxFrameSize(int v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, v, idleStrategy, channelMap, clock, clientLingerMillis, clientConnectWaitMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting, durableStore, firstClientId, keys);
    }

    /**
     * {@return a copy with {@code idleStrategy} set}
     *
     * @param v the new {@code idleStrategy}
     * @throws NullPointerException if {@code v} is null
     */
    public Options withIdleStrategy(Supplier<IdleStrategy> v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, v, channelMap, clock, clientLingerMillis, clientConnectWaitMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting, durableStore, firstClientId, keys);
    }

    /**
     * {@return a copy with {@code channelMap} set}
     *
     * @param v the new {@code channelMap}
     * @throws NullPointerException if {@code v} is null
     */
    public Options withChannelMap(ChannelMap v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, v, clock, clientLingerMillis, clientConnectWaitMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting, durableStore, firstClientId, keys);
    }

    /**
     * {@return a copy with {@code clock} set}
     *
     * @param v the new {@code clock}
     * @throws NullPointerException if {@code v} is null
     */
    public Options withClock(EpochClock v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, v, clientLingerMillis, clientConnectWaitMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting, durableStore, firstClientId, keys);
    }

    /**
     * {@return a copy with {@code clientLingerMillis} set}
     *
     * @param v the new {@code clientLingerMillis}
     * @throws IllegalArgumentException if the copy's options are invalid (see the constructor)
     */
    public Options withClientLingerMillis(long v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, v, clientConnectWaitMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting, durableStore, firstClientId, keys);
    }

    /**
     * {@return a copy with {@code clientConnectWaitMillis} set}
     *
     * @param v the new {@code clientConnectWaitMillis}
     * @throws IllegalArgumentException if the copy's options are invalid (see the constructor)
     */
    public Options withClientConnectWaitMillis(long v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, v, sendTimeoutMillis, aeronDirectory, cpuAccounting, durableStore, firstClientId, keys);
    }

    /**
     * {@return a copy with {@code sendTimeoutMillis} set}
     *
     * @param v the new {@code sendTimeoutMillis}
     * @throws IllegalArgumentException if the copy's options are invalid (see the constructor)
     */
    public Options withSendTimeoutMillis(long v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, clientConnectWaitMillis, v, aeronDirectory, cpuAccounting, durableStore, firstClientId, keys);
    }

    /**
     * {@return a copy with {@code durableStore} set: where nodes keep their durable relations}
     * {@link DurableStore#NONE} keeps them in memory only.
     *
     * @param v the new {@code durableStore}
     * @throws NullPointerException if {@code v} is null
     */
    public Options withDurableStore(DurableStore v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, clientConnectWaitMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting, v, firstClientId, keys);
    }

    /**
     * {@return a copy with {@code firstClientId} set: where client locations start} Runs against one
     * durable state give their clients locations of their own, so that a reply the recovered state
     * sends to a client of an earlier run reaches nobody rather than a client of this run.
     *
     * @param v the new {@code firstClientId}
     * @throws IllegalArgumentException if the copy's options are invalid (see the constructor)
     */
    public Options withFirstClientId(long v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, clientConnectWaitMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting, durableStore, v, keys);
    }

    /**
     * {@return a copy with {@code keys} set: what frames are authenticated with} A node's keys
     * ({@link FrameKeys#forNode}) make every frame carry a MAC; {@link FrameKeys#none()} a CRC32C.
     *
     * @param v the new {@code keys}
     * @throws NullPointerException if {@code v} is null
     */
    public Options withKeys(FrameKeys v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, clientConnectWaitMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting, durableStore, firstClientId, v);
    }

    /**
     * {@return a copy with {@code aeronDirectory} set}
     *
     * @param v the new {@code aeronDirectory}
     */
    public Options withAeronDirectory(String v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, clientConnectWaitMillis, sendTimeoutMillis, v, cpuAccounting, durableStore, firstClientId, keys);
    }
  }
}
