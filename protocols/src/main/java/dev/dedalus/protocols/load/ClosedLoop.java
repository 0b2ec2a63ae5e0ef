package dev.dedalus.protocols.load;

import dev.dedalus.Location;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.aeron.ClientEndpoint;
import dev.dedalus.runtime.aeron.LocalCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop clients: each client keeps one request outstanding and sends the next as soon as the
 * reply arrives. Clients are spread over a few driver threads, each polling its clients in turn,
 * so dozens of clients cost no more threads than the machine has cores. Every reply is checked:
 * it must answer the client's outstanding request, once.
 */
public final class ClosedLoop {
  private static final int POLL_FRAGMENTS = 64;

  private final LocalCluster cluster;
  private final Workload workload;
  private final int clients;
  private final int threads;
  private final AtomicLong committed = new AtomicLong();

  public ClosedLoop(LocalCluster cluster, Workload workload, int clients, int threads) {
    if (clients < 1 || threads < 1) {
      throw new IllegalArgumentException("need at least one client and one thread, not " + clients + " and " + threads);
    }
    this.cluster = cluster;
    this.workload = workload;
    this.clients = clients;
    this.threads = Math.min(threads, clients);
    this.committed.set(0);
  }

  /** Requests answered so far, readable while the run goes on. */
  public long committed() {
    return committed.get();
  }

  /**
   * Runs until {@code durationNanos} has passed or {@code maxRequests} requests (over all clients)
   * have been sent, then waits up to {@code drainNanos} for the outstanding replies, and a little
   * longer to catch late duplicates.
   */
  public LoadResult run(long durationNanos, long maxRequests, long drainNanos) throws InterruptedException {
    AtomicLong budget = new AtomicLong(maxRequests);
    List<Driver> drivers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int from = t * clients / threads;
      int to = (t + 1) * clients / threads;
      drivers.add(new Driver(from, to - from, budget));
    }
    long start = System.nanoTime();
    long deadline = start + durationNanos;
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < drivers.size(); t++) {
      Driver d = drivers.get(t);
      Thread thread = new Thread(() -> d.run(deadline, drainNanos), "closed-loop-" + t);
      thread.setDaemon(true);
      running.add(thread);
      thread.start();
    }
    for (Thread thread : running) {
      thread.join();
    }
    long elapsed = drivers.stream().mapToLong(d -> d.lastReplyNanos).max().orElse(start) - start;
    Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    long sent = 0;
    long wrong = 0;
    long unanswered = 0;
    List<String> errors = new ArrayList<>();
    for (Driver d : drivers) {
      latency.add(d.latency);
      sent += d.sent;
      wrong += d.wrong;
      unanswered += d.outstandingAtEnd;
      errors.addAll(d.errors);
    }
    return new LoadResult(sent, committed.get(), wrong, unanswered, Math.max(elapsed, 1), latency, errors);
  }

  /** One thread's clients. */
  private final class Driver {
    private final ClientEndpoint[] endpoints;
    private final long[] outstanding;
    private final long[] sentAt;
    private final long[] nextId;
    private final Location target;
    private final RelationCodec<Object> codec;
    private final AtomicLong budget;
    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final List<String> errors = new ArrayList<>();
    long sent;
    long wrong;
    long outstandingAtEnd;
    long lastReplyNanos;
    private int current;

    @SuppressWarnings("unchecked")
    Driver(int firstClient, int count, AtomicLong budget) {
      this.endpoints = new ClientEndpoint[count];
      this.outstanding = new long[count];
      this.sentAt = new long[count];
      this.nextId = new long[count];
      for (int i = 0; i < count; i++) {
        endpoints[i] = cluster.newClient();
        outstanding[i] = -1;
        // Ids are unique over all clients, so a reply delivered to the wrong client never matches.
        nextId[i] = (long) (firstClient + i) << 32;
      }
      this.target = cluster.inputLocation(workload.requestType(), 0);
      this.codec = (RelationCodec<Object>) cluster.program().codecFor(workload.requestType());
      this.budget = budget;
    }

    void run(long deadline, long drainNanos) {
      try {
        long drainUntil = Long.MAX_VALUE;
        while (true) {
          long now = System.nanoTime();
          boolean sending = now < deadline;
          int open = 0;
          for (int i = 0; i < endpoints.length; i++) {
            if (outstanding[i] < 0 && sending && budget.getAndDecrement() > 0) {
              long id = nextId[i]++;
              outstanding[i] = id;
              sentAt[i] = System.nanoTime();
              endpoints[i].send(target, codec, workload.request(endpoints[i].location(), id));
              endpoints[i].flush();
              sent++;
            }
            current = i;
            endpoints[i].poll(this::onReply, POLL_FRAGMENTS);
            if (outstanding[i] >= 0) {
              open++;
            }
          }
          if (open == 0 && (!sending || budget.get() <= 0)) {
            break;
          }
          if (!sending || budget.get() <= 0) {
            drainUntil = Math.min(drainUntil, now + drainNanos);
            if (now > drainUntil) {
              break;
            }
          }
        }
        lastReplyNanos = Math.max(lastReplyNanos, System.nanoTime());
        // Late duplicates would show up now: listen a little longer.
        long quietUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        while (System.nanoTime() < quietUntil) {
          for (int i = 0; i < endpoints.length; i++) {
            current = i;
            endpoints[i].poll(this::onReply, POLL_FRAGMENTS);
          }
        }
        for (long o : outstanding) {
          if (o >= 0) {
            outstandingAtEnd++;
          }
        }
      } finally {
        for (ClientEndpoint e : endpoints) {
          e.close();
        }
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
        wrong++;
        note("client " + endpoints[current].location() + " got a reply to request " + id + " while waiting for "
            + (outstanding[current] < 0 ? "nothing" : String.valueOf(outstanding[current])));
        return;
      }
      long now = System.nanoTime();
      latency.recordValue(Math.min(now - sentAt[current], latency.getHighestTrackableValue()));
      outstanding[current] = -1;
      lastReplyNanos = now;
      committed.incrementAndGet();
    }

    private void note(String error) {
      if (errors.size() < 10) {
        errors.add(error);
      }
    }
  }
}
