package dev.dedalus.jmh.acluster;

import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * Closed-loop key-value clients on an {@link AeronClusterKv}, driven by one thread: N cluster
 * sessions, each keeping one request outstanding and sending the next once its reply arrived.
 * Sessions share the cluster's client driver and Aeron client, so a session costs one publication
 * and one subscription, not a driver or a thread: 64 of them are cheap, and one outstanding request
 * per session keeps each session's requests in order without a window to manage.
 *
 * <p><b>Workload.</b> A request is a {@code put} with probability {@link Workload#putFraction},
 * else a {@code get}, of a key drawn uniformly from the session's own {@link Workload#keysPerSession}
 * keys, with values of {@link Workload#valueSize} bytes derived from the request id. A key has a
 * single writer, so every reply can be checked exactly: a reply must carry the outstanding request's
 * id, a put must be acknowledged, and a get must return the value of that session's last put to the
 * key, or absence if there was none. Anything else counts as wrong, and {@link #run} fails on it.
 *
 * <p>A request unanswered for {@link #RETRY_AFTER_NANOS} is sent again with the same id (the
 * service answers it from its kept reply); a second reply to a retried request is ignored. Latency
 * runs from the first send to the reply and is recorded in an HdrHistogram, cumulative and per
 * interval. A pass over the sessions that neither sent nor received anything is followed by
 * Agrona's back-off idle (spin, yield, park up to 1 ms), like the cluster's own threads, so the
 * driving thread leaves the cores to the cluster when it has nothing to do. Not thread-safe: one
 * thread per instance.
 */
public final class KvClients implements AutoCloseable {
  /** A request unanswered this long is sent again, same id. */
  public static final long RETRY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** {@link #run} gives up after this long without any reply. */
  public static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long HIGHEST_LATENCY = TimeUnit.SECONDS.toNanos(60);

  /**
   * What the clients send.
   *
   * @param sessions cluster sessions, one outstanding request each
   * @param putFraction probability that a request is a put; the rest are gets
   * @param valueSize bytes per value
   * @param keysPerSession keys each session reads and writes (its own)
   * @param seed of the request mix and key choice
   */
  public record Workload(int sessions, double putFraction, int valueSize, int keysPerSession, long seed) {
    public Workload {
      if (sessions < 1 || putFraction < 0 || putFraction > 1 || valueSize < 0 || keysPerSession < 1) {
        throw new IllegalArgumentException("invalid workload " + sessions + " sessions, put fraction " + putFraction
            + ", value size " + valueSize + ", " + keysPerSession + " keys per session");
      }
    }

    public static Workload of(int sessions, double putFraction, int valueSize) {
      return new Workload(sessions, putFraction, valueSize, 1024, 42);
    }
  }

  /** One session's state. */
  private static final class Client {
    final int index;
    AeronCluster session;
    final long[] lastPut;
    long nextId = 1;
    long outstanding = -1;
    long lastCompleted = -1;
    boolean retried;
    boolean unsent;
    byte op;
    int keyIndex;
    long sentAt;
    long lastSendAt;

    Client(int index, int keys) {
      this.index = index;
      this.lastPut = new long[keys];
    }
  }

  private final Workload workload;
  private final Client[] clients;
  private final SplittableRandom random;
  private final ExpandableDirectByteBuffer request = new ExpandableDirectByteBuffer(256);
  private final byte[] value;
  private final IdleStrategy idle = newIdleStrategy();
  private final Histogram latency = new Histogram(HIGHEST_LATENCY, 3);
  private final Recorder intervals = new Recorder(HIGHEST_LATENCY, 3);
  private final List<String> errors = new ArrayList<>();
  private long committed;
  private long wrong;
  private long retries;
  private long duplicates;
  private long lastReplyAt = System.nanoTime();
  /** Requests sent and fragments received by the last {@link #step}. */
  private int work;

  /**
   * The idle these clients call after a pass that sent and received nothing: Agrona's back-off with
   * its defaults. Public so that the clients of the system compared with this one idle alike.
   */
  public static IdleStrategy newIdleStrategy() {
    return new BackoffIdleStrategy();
  }

  /** Connects {@code workload.sessions()} sessions to {@code cluster}. */
  public KvClients(AeronClusterKv cluster, Workload workload) {
    this.workload = workload;
    this.random = new SplittableRandom(workload.seed());
    this.value = new byte[workload.valueSize()];
    this.clients = new Client[workload.sessions()];
    for (int i = 0; i < clients.length; i++) {
      Client c = new Client(i, workload.keysPerSession());
      clients[i] = c;
      c.session = cluster.connect(new EgressListener() {
        @Override
        public void onMessage(long clusterSessionId, long timestamp, DirectBuffer buffer, int offset, int length,
            Header header) {
          onReply(c, buffer, offset, length);
        }
      });
      c.lastSendAt = System.nanoTime();
    }
  }

  /**
   * One pass over the sessions: each idle one starts its next request if {@code mayStart} allows,
   * unsent or overdue requests are (re)sent, idle sessions are kept alive, then every session polls
   * its replies.
   *
   * @return how many sessions still wait for a reply
   * @throws IllegalStateException if the cluster closed a session
   */
  public int step(BooleanSupplier mayStart) {
    int open = 0;
    work = 0;
    for (Client c : clients) {
      long now = System.nanoTime();
      if (c.outstanding < 0 && mayStart.getAsBoolean()) {
        c.outstanding = c.nextId++;
        c.op = random.nextDouble() < workload.putFraction() ? KvCodec.PUT : KvCodec.GET;
        c.keyIndex = random.nextInt(workload.keysPerSession());
        c.retried = false;
        c.unsent = true;
        c.sentAt = now;
      } else if (c.outstanding >= 0 && !c.unsent && now - c.lastSendAt > RETRY_AFTER_NANOS) {
        c.unsent = true;
        c.retried = true;
        retries++;
      } else if (c.outstanding < 0 && now - c.lastSendAt > KEEP_ALIVE_NANOS && c.session.sendKeepAlive()) {
        c.lastSendAt = now;
      }
      if (c.unsent) {
        send(c, now);
      }
      work += c.session.pollEgress();
      if (c.session.isClosed()) {
        throw new IllegalStateException("the cluster closed session " + c.index);
      }
      if (c.outstanding >= 0) {
        open++;
      }
    }
    return open;
  }

  private void send(Client c, long now) {
    long key = key(c, c.keyIndex);
    int length;
    if (c.op == KvCodec.PUT) {
      fillValue(c.outstanding);
      length = KvCodec.put(request, 0, c.outstanding, key, value);
    } else {
      length = KvCodec.get(request, 0, c.outstanding, key);
    }
    long result = c.session.offer(request, 0, length);
    if (result > 0) {
      c.unsent = false;
      c.lastSendAt = now;
      work++;
    } else if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED) {
      throw new IllegalStateException("session " + c.index + " cannot send: " + Publication.errorString(result));
    }
  }

  private long key(Client c, int keyIndex) {
    return (long) c.index * workload.keysPerSession() + keyIndex;
  }

  /** The value a put with {@code requestId} writes: every byte derived from the id. */
  private void fillValue(long requestId) {
    for (int i = 0; i < value.length; i++) {
      value[i] = valueByte(requestId, i);
    }
  }

  static byte valueByte(long requestId, int i) {
    return (byte) ((requestId >>> ((i & 7) << 3)) + (i >>> 3));
  }

  private void onReply(Client c, DirectBuffer buffer, int offset, int length) {
    long id = length >= KvCodec.REPLY_HEADER_LENGTH ? KvCodec.replyId(buffer, offset) : -1;
    if (id != c.outstanding || c.outstanding < 0) {
      if (id == c.lastCompleted && c.retried) {
        duplicates++;
        return;
      }
      wrong("session " + c.index + " got a reply to request " + id + " while waiting for "
          + (c.outstanding < 0 ? "nothing" : String.valueOf(c.outstanding)));
      return;
    }
    String problem = check(c, buffer, offset, length);
    if (problem != null) {
      wrong("session " + c.index + ", request " + id + ": " + problem);
    } else if (c.op == KvCodec.PUT) {
      c.lastPut[c.keyIndex] = id;
    }
    long now = System.nanoTime();
    long nanos = Math.min(now - c.sentAt, HIGHEST_LATENCY);
    latency.recordValue(nanos);
    intervals.recordValue(nanos);
    lastReplyAt = now;
    c.lastCompleted = id;
    c.outstanding = -1;
    committed++;
  }

  /** What is wrong with the reply to {@code c}'s outstanding request, or null. */
  private String check(Client c, DirectBuffer buffer, int offset, int length) {
    byte status = KvCodec.replyStatus(buffer, offset);
    if (c.op == KvCodec.PUT) {
      return status == KvCodec.OK && length == KvCodec.REPLY_HEADER_LENGTH ? null : "put answered with status " + status;
    }
    long expected = c.lastPut[c.keyIndex];
    if (expected == 0) {
      return status == KvCodec.ABSENT ? null : "get of a key never written answered with status " + status;
    }
    if (status != KvCodec.FOUND) {
      return "get of a key last written by request " + expected + " answered with status " + status;
    }
    if (length - KvCodec.REPLY_HEADER_LENGTH != value.length) {
      return "get returned " + (length - KvCodec.REPLY_HEADER_LENGTH) + " bytes, not " + value.length;
    }
    for (int i = 0; i < value.length; i++) {
      if (buffer.getByte(offset + KvCodec.REPLY_HEADER_LENGTH + i) != valueByte(expected, i)) {
        return "get returned a value other than that of request " + expected;
      }
    }
    return null;
  }

  private void wrong(String error) {
    wrong++;
    if (errors.size() < 10) {
      errors.add(error);
    }
  }

  /**
   * Runs until {@code requests} more requests are answered, every session keeping one outstanding.
   *
   * @throws IllegalStateException on a wrong reply, or after {@link #STALL_NANOS} without a reply
   */
  public void run(long requests) {
    long goal = committed + requests;
    idle.reset();
    while (committed < goal) {
      step(() -> true);
      if (work > 0) {
        idle.reset();
      } else {
        idle.idle();
      }
      if (System.nanoTime() - lastReplyAt > STALL_NANOS) {
        throw new IllegalStateException("no reply for " + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS) + " s; "
            + committed + " answered so far");
      }
    }
    if (wrong > 0) {
      throw new IllegalStateException(wrong + " wrong replies: " + errors);
    }
  }

  public long committed() {
    return committed;
  }

  public long wrong() {
    return wrong;
  }

  /** The first few wrong replies, described. */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  /** Requests sent again after {@link #RETRY_AFTER_NANOS}. */
  public long retries() {
    return retries;
  }

  /** Second replies to retried requests, ignored. */
  public long duplicates() {
    return duplicates;
  }

  /** Latency of every answered request so far, in nanoseconds. Read it from the driving thread. */
  public Histogram latency() {
    return latency;
  }

  /** The same latencies, for interval histograms read from any thread. */
  public Recorder intervals() {
    return intervals;
  }

  /** Waits (up to 10 s) for every outstanding reply, then closes the sessions. */
  @Override
  public void close() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try {
      while (step(() -> false) > 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
    } finally {
      for (Client c : clients) {
        if (c.session != null) {
          c.session.close();
        }
      }
    }
  }
}
