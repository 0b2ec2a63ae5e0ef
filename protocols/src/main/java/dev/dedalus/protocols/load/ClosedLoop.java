package dev.dedalus.protocols.load;

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
  private final LocalCluster cluster;
  private final Workload workload;
  private final int clients;
  private final int threads;
  private final AtomicLong committed = new AtomicLong();
  private final long idBase;
  private final ReplyListener replies;

  public ClosedLoop(LocalCluster cluster, Workload workload, int clients, int threads) {
    this(cluster, workload, clients, threads, 0, ReplyListener.NONE);
  }

  /**
   * @param idBase added to every request id, so that runs against one durable state use fresh ids
   * @param replies told of every answered request; called from several driver threads at once
   */
  public ClosedLoop(LocalCluster cluster, Workload workload, int clients, int threads, long idBase, ReplyListener replies) {
    if (clients < 1 || threads < 1) {
      throw new IllegalArgumentException("need at least one client and one thread, not " + clients + " and " + threads);
    }
    this.cluster = cluster;
    this.workload = workload;
    this.clients = clients;
    this.threads = Math.min(threads, clients);
    this.committed.set(0);
    if (idBase < 0) {
      throw new IllegalArgumentException("the request id base must not be negative: " + idBase);
    }
    this.idBase = idBase;
    this.replies = replies;
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
      Thread thread = new Thread(() -> {
        try {
          d.run(deadline, drainNanos);
        } catch (RuntimeException | Error e) {
          d.failure = e;
        }
      }, "closed-loop-" + t);
      thread.setDaemon(true);
      running.add(thread);
      thread.start();
    }
    for (Thread thread : running) {
      thread.join();
    }
    for (Driver d : drivers) {
      if (d.failure != null) {
        throw new IllegalStateException("a client driver thread failed: " + d.failure.getMessage(), d.failure);
      }
    }
    long elapsed = drivers.stream().mapToLong(d -> d.lastReplyNanos).max().orElse(start) - start;
    Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    long sent = 0;
    long wrong = 0;
    long unanswered = 0;
    long[] byOutcome = new long[workload.outcomes().size()];
    List<String> errors = new ArrayList<>();
    for (Driver d : drivers) {
      for (int i = 0; i < byOutcome.length; i++) {
        byOutcome[i] += d.byOutcome[i];
      }
      latency.add(d.latency);
      sent += d.sent;
      wrong += d.wrong;
      unanswered += d.outstandingAtEnd;
      errors.addAll(d.errors);
    }
    return new LoadResult(sent, committed.get(), wrong, unanswered, Math.max(elapsed, 1), latency, errors,
        workload.outcomes(), byOutcome);
  }

  /** One thread's clients, until the deadline or the budget, then draining. */
  private final class Driver {
    private final ClientLoop loop;
    private final AtomicLong budget;
    long sent;
    long wrong;
    long outstandingAtEnd;
    long lastReplyNanos;
    long[] byOutcome;
    /** What stopped this driver's thread, if it did not finish. */
    volatile Throwable failure;
    Histogram latency;
    List<String> errors;

    Driver(int firstClient, int count, AtomicLong budget) {
      this.loop = new ClientLoop(cluster, workload, firstClient, count, idBase, committed::incrementAndGet, replies);
      this.budget = budget;
    }

    void run(long deadline, long drainNanos) {
      try (loop) {
        long drainUntil = Long.MAX_VALUE;
        while (true) {
          long now = System.nanoTime();
          boolean sending = now < deadline;
          int open = loop.step(() -> sending && budget.getAndDecrement() > 0);
          boolean done = !sending || budget.get() <= 0;
          if (open == 0 && done) {
            break;
          }
          if (done) {
            drainUntil = Math.min(drainUntil, now + drainNanos);
            if (now > drainUntil) {
              break;
            }
          }
        }
        lastReplyNanos = Math.max(loop.lastReplyNanos(), System.nanoTime());
        loop.listen(TimeUnit.MILLISECONDS.toNanos(100)); // late duplicates would show up now
        sent = loop.sent();
        wrong = loop.wrong();
        outstandingAtEnd = loop.outstanding();
        latency = loop.latency();
        byOutcome = loop.byOutcome();
        errors = loop.errors();
      }
    }
  }
}
