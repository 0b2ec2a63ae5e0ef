package dev.dedalus.runtime.aeron;

import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.DurableLog;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.wire.FrameBatcher;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one role instance: each duty cycle it (a) retries frames waiting in the outbox, (b) unless
 * the outbox is full, polls its subscription and delivers valid frames' facts to the stage, (c)
 * ticks the stage when it has input, asked for another tick, or a timer is due, batching the tick's
 * sends into one frame per destination, and (d) offers those frames.
 *
 * <p>A node with a {@link DurableLog} logs ahead: the tick's frames stay in the outbox until the
 * facts its durable relations gained in the tick are committed (one commit per tick, however many
 * facts: group commit), so nothing the tick sends can get ahead of the state it depends on. A
 * commit that fails stops the node: its held frames are dropped, and it takes no more input.
 *
 * <p>While the outbox is full the agent takes no input and does not tick, so a slow destination
 * slows its senders instead of growing memory: back-pressure travels upstream through Aeron.
 * {@link #doWork} returns the work done, 0 when idle, so the idle strategy can back off.
 */
public final class StageAgent implements Agent {
  private static final Logger LOG = LoggerFactory.getLogger(StageAgent.class);

  private final Topology.Node node;
  private final Stage stage;
  private final Subscription subscription;
  private final EndpointCounters counters;
  private final Outbox outbox;
  private final FrameBatcher batcher;
  private final FragmentAssembler assembler;
  private final int fragmentLimit;
  private final EpochClock clock;
  private final LogThrottle acceptFailures;
  /** Where the stage's durable facts are committed after each tick; null if it keeps none on disk. */
  private final DurableLog log;
  /** Set when a commit failed: the node sends nothing more. */
  private boolean failed;
  /** The first tick runs without input: it evaluates the stage's {@code @Config} facts. */
  private boolean tickRequested = true;
  private ThreadMXBean cpu;

  /**
   * An agent for a node that keeps nothing on disk, counting in memory.
   *
   * @param node the node this agent runs
   * @param stage the node's stage
   * @param program the compiled program, whose codecs decode received frames
   * @param subscription the node's subscription, which its frames arrive on
   * @param publications where the node's frames are offered, by destination
   * @param settings how the agent batches, buffers and polls
   * @param security seals the node's frames and judges the frames it receives
   * @throws IllegalStateException if {@code security} holds a client's keys, not a node's
   */
  public StageAgent(
      Topology.Node node,
      Stage stage,
      DedalusProgram program,
      Subscription subscription,
      PublicationRegistry publications,
      EndpointSettings settings,
      FrameSecurity security) {
    this(node, stage, null, program, subscription, publications, settings, security, new EndpointCounters(node.toString()));
  }

  /**
   * @param node the node this agent runs
   * @param stage the node's stage
   * @param log the durable log the stage journals to, already recovered into it; null if the node
   *     keeps nothing on disk
   * @param program the compiled program, whose codecs decode received frames
   * @param subscription the node's subscription, which its frames arrive on
   * @param publications where the node's frames are offered, by destination
   * @param settings how the agent batches, buffers and polls
   * @param security seals the node's frames and judges the frames it receives
   * @param counters where the agent counts (in memory, or published: {@link PublishedNodeCounters});
   *     only the agent's thread writes them
   * @throws IllegalStateException if {@code security} holds a client's keys, not a node's
   */
  public StageAgent(
      Topology.Node node,
      Stage stage,
      DurableLog log,
      DedalusProgram program,
      Subscription subscription,
      PublicationRegistry publications,
      EndpointSettings settings,
      FrameSecurity security,
      EndpointCounters counters) {
    this.node = node;
    this.log = log;
    this.stage = stage;
    this.subscription = subscription;
    this.counters = counters;
    this.outbox = new Outbox(node.toString(), publications, counters, settings);
    this.batcher = new FrameBatcher(security.newSeal(node.location()), settings.maxFrameSize(), outbox);
    this.acceptFailures = new LogThrottle(settings.clock(), 1_000);
    FrameReceiver receiver = new FrameReceiver(node.toString(), node.location(), program, security, counters, this::deliver,
        settings.clock());
    this.assembler = new FragmentAssembler(receiver, settings.maxFrameSize(), false);
    this.fragmentLimit = settings.fragmentLimit();
    this.clock = settings.clock();
  }

  /** {@return the node this agent runs} */
  public Topology.Node node() {
    return node;
  }

  /** {@return where this agent counts} */
  public EndpointCounters counters() {
    return counters;
  }

  /** Frames waiting to be sent; read only on the agent's thread (or when it is not running). */
  int pendingFrames() {
    return outbox.pendingFrames();
  }

  @Override
  public int doWork() {
    if (cpu == null) {
      return cycle();
    }
    // Two reads per cycle, and only productive cycles count: idle spinning is not the node's cost.
    long start = cpu.getCurrentThreadCpuTime();
    int work = cycle();
    if (work > 0) {
      counters.add(Counter.BUSY_CPU_NANOS, cpu.getCurrentThreadCpuTime() - start);
    }
    return work;
  }

  /**
   * Turns on busy-CPU accounting ({@link Counter#BUSY_CPU_NANOS}) where the JVM measures thread
   * CPU time.
   *
   * @return this agent
   */
  public StageAgent withCpuAccounting() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (threads.isCurrentThreadCpuTimeSupported()) {
      if (!threads.isThreadCpuTimeEnabled()) {
        threads.setThreadCpuTimeEnabled(true);
      }
      this.cpu = threads;
    } else {
      LOG.warn("{}: this JVM cannot measure thread CPU time; busy CPU is not reported", node);
    }
    return this;
  }

  private int cycle() {
    if (failed) {
      return 0;
    }
    int work = outbox.drain();
    if (outbox.isFull()) {
      counters.increment(Counter.OUTBOX_FULL_CYCLES);
      return work;
    }
    work += subscription.poll(assembler, fragmentLimit);
    long now = clock.time();
    if (tickRequested || stage.hasInput() || now >= stage.nextTimerMillis()) {
      if (log == null) {
        tickRequested = stage.tick(now, batcher);
        batcher.flush();
      } else {
        outbox.hold();
        tickRequested = stage.tick(now, batcher);
        batcher.flush();
        if (!commit()) {
          return work;
        }
        outbox.release();
        work += outbox.drain();
      }
      counters.increment(Counter.TICKS);
      work++;
    }
    return work;
  }

  /** Commits the tick's durable facts; on failure drops the held frames and stops the node. */
  private boolean commit() {
    try {
      int facts = log.commit();
      if (facts > 0) {
        counters.increment(Counter.LOG_COMMITS);
        counters.add(Counter.LOG_FACTS, facts);
      }
      return true;
    } catch (RuntimeException e) {
      failed = true;
      long dropped = outbox.abandon();
      LOG.error("{}: committing durable facts failed; the node stops and its tick's {} facts are not sent", node, dropped, e);
      return false;
    }
  }

  /** {@return whether the node stopped because its durable log failed} */
  public boolean failed() {
    return failed;
  }

  /**
   * A stage that throws from {@code accept} has a bug, but one fact must not stop a node: the fact
   * counts as refused and the error is logged.
   */
  private boolean deliver(int relationId, Object fact) {
    try {
      return stage.accept(relationId, fact);
    } catch (RuntimeException e) {
      if (acceptFailures.allow()) {
        LOG.error("{}: stage.accept failed on relation {} ({} similar errors suppressed)",
            node, relationId, acceptFailures.suppressed(), e);
      }
      return false;
    }
  }

  @Override
  public void onClose() {
    outbox.abandon();
  }

  @Override
  public String roleName() {
    return "dedalus-" + node.role() + "-" + node.instance() + (node.partition() > 0 ? "." + node.partition() : "");
  }
}
