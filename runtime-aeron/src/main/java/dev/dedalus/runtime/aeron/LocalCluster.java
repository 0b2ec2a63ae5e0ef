package dev.dedalus.runtime.aeron;

import dev.dedalus.Location;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
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
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole program in one JVM: a media driver (embedded unless an external one is named), one
 * {@link StageAgent} per node of the topology, spread over a few threads with
 * {@link CompositeAgent}, and clients on demand. For tests, the main job and benchmarks.
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
  private final Options options;
  private final EndpointSettings settings;
  private final AeronMedia media;
  private final PublicationRegistry publications;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final List<StageAgent> agents = new ArrayList<>();
  private final List<AgentRunner> runners = new ArrayList<>();
  private final Set<ClientEndpoint> clients = ConcurrentHashMap.newKeySet();
  private final AtomicLong nextClientId = new AtomicLong(Topology.FIRST_CLIENT_ID);
  private volatile boolean closed;

  private LocalCluster(Topology topology, Options options) {
    this.topology = topology;
    this.options = options;
    this.settings = options.endpointSettings();
    this.media = options.aeronDirectory() == null
        ? AeronMedia.launchEmbedded(options.termLength())
        : AeronMedia.connectTo(options.aeronDirectory());
    this.publications = new PublicationRegistry(media.aeron(), options.channelMap());
  }

  /** Starts every node of {@code topology} and returns once their agents run. */
  public static LocalCluster start(Topology topology, Options options) {
    LocalCluster cluster = new LocalCluster(topology, options);
    try {
      cluster.startAgents();
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  public static LocalCluster start(Topology topology) {
    return start(topology, Options.defaults());
  }

  private void startAgents() {
    DedalusProgram program = topology.program();
    for (Topology.Node node : topology.nodes()) {
      ChannelMap.Endpoint endpoint = endpointOf(node.location());
      Subscription subscription = media.aeron().addSubscription(endpoint.channel(), endpoint.streamId());
      subscriptions.add(subscription);
      StageAgent agent = new StageAgent(node, topology.newStage(node), program, subscription, publications, settings);
      agents.add(options.cpuAccounting() ? agent.withCpuAccounting() : agent);
    }
    // Publications to nodes up front, so no agent blocks on the driver in its first duty cycle.
    for (Topology.Node node : topology.nodes()) {
      publications.publicationTo(node.location());
    }
    int threads = Math.min(options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors(), agents.size());
    List<List<Agent>> groups = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      groups.add(new ArrayList<>());
    }
    for (int i = 0; i < agents.size(); i++) {
      groups.get(i % threads).add(agents.get(i));
    }
    AtomicInteger threadNumber = new AtomicInteger();
    for (List<Agent> group : groups) {
      Agent agent = group.size() == 1 ? group.get(0) : new CompositeAgent(group);
      AgentRunner runner = new AgentRunner(options.idleStrategy().get(), errorHandler(agent.roleName()), null, agent);
      runners.add(runner);
      AgentRunner.startOnThread(runner, r -> {
        Thread thread = new Thread(r, "dedalus-agents-" + threadNumber.getAndIncrement());
        thread.setDaemon(true);
        return thread;
      });
    }
    LOG.info("started {} nodes of {} on {} threads over {}, aeron dir {}",
        agents.size(), program.name(), threads, options.channelMap(), media.directory());
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

  /** A new client with a fresh location; close it when done. Use it from one thread. */
  public ClientEndpoint newClient() {
    if (closed) {
      throw new IllegalStateException("cluster is closed");
    }
    Location location = new Location(nextClientId.getAndIncrement());
    ChannelMap.Endpoint endpoint = endpointOf(location);
    Subscription subscription = media.aeron().addSubscription(endpoint.channel(), endpoint.streamId());
    ClientEndpoint[] self = new ClientEndpoint[1];
    self[0] = new ClientEndpoint(location, topology.program(), subscription, publications, settings,
        options.idleStrategy().get(), () -> clients.remove(self[0]));
    clients.add(self[0]);
    return self[0];
  }

  public Topology topology() {
    return topology;
  }

  public DedalusProgram program() {
    return topology.program();
  }

  /** The location of instance {@code instance} of the role that receives {@code inputType}. */
  public Location inputLocation(Class<?> inputType, int instance) {
    return inputLocations(inputType).get(instance);
  }

  /** The locations of every instance of the role that receives {@code inputType}. */
  public List<Location> inputLocations(Class<?> inputType) {
    return topology.addressesOf(topology.program().inputRole(inputType));
  }

  public ChannelMap channelMap() {
    return options.channelMap();
  }

  /** The Aeron directory of the driver, for tools and extra clients. */
  public String aeronDirectory() {
    return media.directory();
  }

  /** Live counters of every node, in location order. */
  public Map<Topology.Node, EndpointCounters> counters() {
    Map<Topology.Node, EndpointCounters> all = new LinkedHashMap<>();
    for (StageAgent agent : agents) {
      all.put(agent.node(), agent.counters());
    }
    return Collections.unmodifiableMap(all);
  }

  /** The counters of one node. */
  public EndpointCounters counters(Location node) {
    for (StageAgent agent : agents) {
      if (agent.node().location().equals(node)) {
        return agent.counters();
      }
    }
    throw new IllegalArgumentException("no node at " + node);
  }

  /**
   * Per node busy CPU time and facts, and the projected throughput for {@code committed} requests:
   * committed requests / the largest busy CPU time of any node, which is the rate if every node
   * had a core of its own and the network were free.
   */
  public CpuReport cpuReport(long committed) {
    return CpuReport.of(counters(), committed);
  }

  /** One line per node with its non-zero counters. */
  public String report() {
    StringBuilder sb = new StringBuilder();
    for (StageAgent agent : agents) {
      sb.append(agent.counters().snapshot()).append('\n');
    }
    return sb.toString();
  }

  /** Stops the agents, then closes clients, publications, subscriptions, the client and the driver. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = runners.size() - 1; i >= 0; i--) {
      CloseHelper.quietClose(runners.get(i));
    }
    for (ClientEndpoint client : List.copyOf(clients)) {
      CloseHelper.quietClose(client);
    }
    CloseHelper.quietClose(publications);
    for (int i = subscriptions.size() - 1; i >= 0; i--) {
      CloseHelper.quietClose(subscriptions.get(i));
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
   * @param clientLingerMillis how long frames to an unconnected client wait before being dropped
   * @param sendTimeoutMillis how long a client's send waits for room in a full outbox
   * @param aeronDirectory an external driver's directory, or null to embed one
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
      long sendTimeoutMillis,
      String aeronDirectory,
      boolean cpuAccounting) {

    public static final int MIN_TERM_LENGTH = 64 * 1024;
    public static final int MAX_TERM_LENGTH = 1024 * 1024 * 1024;

    public Options {
      Objects.requireNonNull(idleStrategy, "idleStrategy");
      Objects.requireNonNull(channelMap, "channelMap");
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
      new EndpointSettings(maxFrameSize, outboxCapacity, fragmentLimit, clientLingerMillis, sendTimeoutMillis, clock); // validates
    }

    /** 1 MiB terms, 16 KiB frames, 64-frame outboxes, 256 fragments per poll, IPC, backoff idling. */
    public static Options defaults() {
      return new Options(0, 1024 * 1024, 256, 64, 16 * 1024,
          () -> new BackoffIdleStrategy(10, 5, 1_000, 1_000_000),
          ChannelMap.ipc(), SystemEpochClock.INSTANCE, 10_000, 30_000, null, true);
    }

    /** Whether agents measure their busy CPU time (two thread-CPU clock reads per productive duty cycle). */
    public Options withCpuAccounting(boolean v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock,
          clientLingerMillis, sendTimeoutMillis, aeronDirectory, v);
    }

    EndpointSettings endpointSettings() {
      return new EndpointSettings(maxFrameSize, outboxCapacity, fragmentLimit, clientLingerMillis, sendTimeoutMillis, clock);
    }

    public Options withThreads(int v) {
      return new Options(v, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting);
    }

    public Options withTermLength(int v) {
      return new Options(threads, v, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting);
    }

    public Options withFragmentLimit(int v) {
      return new Options(threads, termLength, v, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting);
    }

    public Options withOutboxCapacity(int v) {
      return new Options(threads, termLength, fragmentLimit, v, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting);
    }

    public Options withMaxFrameSize(int v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, v, idleStrategy, channelMap, clock, clientLingerMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting);
    }

    public Options withIdleStrategy(Supplier<IdleStrategy> v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, v, channelMap, clock, clientLingerMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting);
    }

    public Options withChannelMap(ChannelMap v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, v, clock, clientLingerMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting);
    }

    public Options withClock(EpochClock v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, v, clientLingerMillis, sendTimeoutMillis, aeronDirectory, cpuAccounting);
    }

    public Options withClientLingerMillis(long v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, v, sendTimeoutMillis, aeronDirectory, cpuAccounting);
    }

    public Options withSendTimeoutMillis(long v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, v, aeronDirectory, cpuAccounting);
    }

    public Options withAeronDirectory(String v) {
      return new Options(threads, termLength, fragmentLimit, outboxCapacity, maxFrameSize, idleStrategy, channelMap, clock, clientLingerMillis, sendTimeoutMillis, v, cpuAccounting);
    }
  }
}
