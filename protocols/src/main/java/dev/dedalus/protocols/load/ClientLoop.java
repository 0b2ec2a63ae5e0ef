package dev.dedalus.protocols.load;

import dev.dedalus.Location;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.aeron.ClientEndpoint;
import dev.dedalus.runtime.aeron.FactHandler;
import dev.dedalus.runtime.aeron.LocalCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop clients driven by one thread: each keeps one request outstanding and sends the next
 * when its reply (or replies) arrived. Every reply is checked: it must answer the client's
 * outstanding request; anything else counts as wrong. Request ids are unique over all clients, so a
 * reply delivered to the wrong client never matches. Latency runs from a request's first send to its
 * (last) reply. Not thread-safe: one thread per loop, except {@link #intervals()}.
 */
public final class ClientLoop implements AutoCloseable {
  private static final int POLL_FRAGMENTS = 64;
  private static final BooleanSupplier NEVER = () -> false;

  private final Workload workload;
  private final ClientEndpoint[] endpoints;
  private final long[] outstanding;
  private final int[] awaited;
  private final long[] sentAt;
  private final long[] nextId;
  private final Location[] targets;
  private final long resendNanos;
  private final long[] lastSentAt;
  private final long[] firstId;
  private final RelationCodec<Object> codec;
  private final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
  /** The same latencies again, for a benchmark's profiler to take per iteration from its own thread. */
  private final Recorder intervals = new Recorder(latency.getHighestTrackableValue(), 3);
  private final List<String> errors = new ArrayList<>();
  private final Runnable onCommit;
  /** Answered requests per kind of answer ({@link Workload#outcomes()}). */
  private final long[] byOutcome;
  private final ReplyListener replies;
  /** {@link #onReply}, made once: a method reference written in {@link #step} would be a new object every call. */
  private final FactHandler onReply = this::onReply;
  private long sent;
  private long committed;
  private long wrong;
  private long lastReplyNanos;
  private int current;
  /** Requests sent (first sends and resends) and fragments received by the last {@link #step}. */
  private int work;

  /**
   * @param firstClient the index of this loop's first client among all clients, for unique ids
   * @param onCommit called for every committed request, e.g. to feed a shared counter
   */
  public ClientLoop(LocalCluster cluster, Workload workload, int firstClient, int clients, Runnable onCommit) {
    this(cluster, workload, firstClient, clients, 0, onCommit, ReplyListener.NONE);
  }

  /**
   * @param idBase added to every request id, so runs against one durable state use fresh ids
   * @param replies told of every answered request, as it is answered
   */
  @SuppressWarnings("unchecked")
  public ClientLoop(LocalCluster cluster, Workload workload, int firstClient, int clients, long idBase, Runnable onCommit,
      ReplyListener replies) {
    this.workload = workload;
    this.onCommit = onCommit;
    this.replies = replies;
    this.byOutcome = new long[workload.outcomes().size()];
    this.endpoints = new ClientEndpoint[clients];
    this.outstanding = new long[clients];
    this.awaited = new int[clients];
    this.sentAt = new long[clients];
    this.nextId = new long[clients];
    for (int i = 0; i < clients; i++) {
      endpoints[i] = cluster.newClient();
      outstanding[i] = -1;
      nextId[i] = idBase + ((long) (firstClient + i) << 32);
    }
    List<Location> receivers = cluster.inputLocations(workload.requestType());
    this.targets = workload.sendToEveryReceiver() ? receivers.toArray(new Location[0]) : new Location[] {receivers.get(0)};
    this.resendNanos = workload.resendAfterNanos();
    this.lastSentAt = new long[clients];
    this.firstId = nextId.clone();
    this.codec = (RelationCodec<Object>) cluster.program().codecFor(workload.requestType());
  }

  /**
   * One pass over the clients: each idle client sends its next request if {@code mayStart} allows
   * one more, then every client polls its replies.
   *
   * @return how many clients still wait for a reply
   */
  public int step(BooleanSupplier mayStart) {
    int open = 0;
    work = 0;
    for (int i = 0; i < endpoints.length; i++) {
      if (outstanding[i] < 0 && mayStart.getAsBoolean()) {
        long id = nextId[i]++;
        outstanding[i] = id;
        awaited[i] = workload.repliesPerRequest();
        sentAt[i] = System.nanoTime();
        Object request = send(i, id, sentAt[i]);
        replies.called(endpoints[i].location(), id, request, sentAt[i]);
        sent++;
      } else if (outstanding[i] >= 0 && resendNanos > 0 && System.nanoTime() - lastSentAt[i] >= resendNanos
          && !endpoints[i].isBackPressured()) {
        // Never resend into a full outbox: a send that waits for room would stop this client
        // polling its answers, and a node blocked on sending to it would then block in turn.
        send(i, outstanding[i], System.nanoTime());
      }
      current = i;
      work += endpoints[i].poll(onReply, POLL_FRAGMENTS);
      if (outstanding[i] >= 0) {
        open++;
      }
    }
    return open;
  }

  private Object send(int client, long id, long now) {
    Object request = workload.request(endpoints[client].location(), id);
    for (Location target : targets) {
      endpoints[client].send(target, codec, request);
    }
    endpoints[client].flush();
    lastSentAt[client] = now;
    work++;
    return request;
  }

  /** Polls without sending for {@code nanos}: late or duplicate replies show up as wrong. */
  public void listen(long nanos) {
    long until = System.nanoTime() + nanos;
    while (System.nanoTime() < until) {
      step(NEVER);
    }
  }

  private void onReply(int relationId, Object fact) {
    long id;
    try {
      id = workload.answeredRequest(fact);
    } catch (IllegalStateException e) {
      wrong++;
      note(e.getMessage());
      return;
    }
    if (id < 0) {
      return;
    }
    if (outstanding[current] != id) {
      if (resendNanos > 0 && id >= firstId[current] && id < nextId[current]) {
        return; // a late answer to a resent request that was answered already
      }
      wrong++;
      note("client " + endpoints[current].location() + " got a reply to request " + id + " while waiting for "
          + (outstanding[current] < 0 ? "nothing" : String.valueOf(outstanding[current])));
      return;
    }
    if (--awaited[current] > 0) {
      return;
    }
    long now = System.nanoTime();
    long nanos = Math.min(now - sentAt[current], latency.getHighestTrackableValue());
    latency.recordValue(nanos);
    intervals.recordValue(nanos);
    outstanding[current] = -1;
    lastReplyNanos = now;
    committed++;
    int outcome = workload.outcomeOf(fact);
    byOutcome[outcome]++;
    replies.answered(endpoints[current].location(), id, workload.outcomes().get(outcome));
    replies.returned(endpoints[current].location(), id, fact, now);
    onCommit.run();
  }

  /** Answered requests per kind of answer, in the order of {@link Workload#outcomes()}. */
  public long[] byOutcome() {
    return byOutcome.clone();
  }

  private void note(String error) {
    if (errors.size() < 10) {
      errors.add(error);
    }
  }

  public long sent() {
    return sent;
  }

  public long committed() {
    return committed;
  }

  public long wrong() {
    return wrong;
  }

  /** Requests still waiting for a reply. */
  public long outstanding() {
    long open = 0;
    for (long o : outstanding) {
      if (o >= 0) {
        open++;
      }
    }
    return open;
  }

  public long lastReplyNanos() {
    return lastReplyNanos;
  }

  public Histogram latency() {
    return latency;
  }

  /** The latencies of {@link #latency()}, as interval histograms that any thread may take. */
  public Recorder intervals() {
    return intervals;
  }

  /**
   * Requests sent and reply fragments received by the last {@link #step}: zero means the pass found
   * nothing to do, so a driver may idle before the next.
   */
  public int workDone() {
    return work;
  }

  /** The first few wrong replies, described. */
  public List<String> errors() {
    return errors;
  }

  @Override
  public void close() {
    for (ClientEndpoint e : endpoints) {
      e.close();
    }
  }
}
