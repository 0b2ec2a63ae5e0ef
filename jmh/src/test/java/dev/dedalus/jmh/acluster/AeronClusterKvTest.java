package dev.dedalus.jmh.acluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three-member Aeron Cluster key-value store: put, get and cas through a client session, a
 * retried request answered again but applied once, a stale duplicate dropped, every member applying
 * the same commands, a snapshot restoring the map on restart, and the closed-loop clients.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AeronClusterKvTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  /** A session and the replies it received. */
  private static final class Client implements EgressListener {
    final List<byte[]> replies = new ArrayList<>();
    final ExpandableArrayBuffer request = new ExpandableArrayBuffer();
    AeronCluster session;

    @Override
    public void onMessage(long clusterSessionId, long timestamp, DirectBuffer buffer, int offset, int length,
        Header header) {
      byte[] reply = new byte[length];
      buffer.getBytes(offset, reply);
      replies.add(reply);
    }

    /** Sends the request of {@code length} bytes in {@link #request} and returns its one reply. */
    byte[] call(int length) {
      send(length);
      long id = KvCodec.requestId(request, 0);
      poll(() -> !replies.isEmpty());
      byte[] reply = replies.remove(0);
      assertEquals(id, KvCodec.replyId(new UnsafeBuffer(reply), 0), "reply to the request");
      return reply;
    }

    void send(int length) {
      poll(() -> session.offer(request, 0, length) > 0);
    }

    void poll(BooleanSupplier done) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!done.getAsBoolean()) {
        session.pollEgress();
        assertTrue(System.nanoTime() < deadline, "no reply in time");
        Thread.onSpinWait();
      }
    }
  }

  private static byte status(byte[] reply) {
    return reply[KvCodec.REPLY_STATUS_OFFSET];
  }

  private static byte[] value(byte[] reply) {
    return KvCodec.replyValue(new UnsafeBuffer(reply), 0, reply.length);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static void awaitAll(AeronClusterKv cluster, String what, ToLongFunction<KvService> count,
      long expected) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    for (int m = 0; m < AeronClusterKv.MEMBERS; m++) {
      while (count.applyAsLong(cluster.service(m)) != expected) {
        assertTrue(System.nanoTime() < deadline, "member " + m + ": " + what + " is "
            + count.applyAsLong(cluster.service(m)) + ", expected " + expected);
        Thread.onSpinWait();
      }
    }
  }

  @Test
  void putGetCasAndARetriedRequestIsAnsweredAgainButAppliedOnce() {
    try (AeronClusterKv cluster = AeronClusterKv.start(AeronClusterKv.Options.defaults().withDirectory(dir, true))) {
      Client c = new Client();
      c.session = cluster.connect(c);
      ExpandableArrayBuffer r = c.request;

      assertEquals(KvCodec.ABSENT, status(c.call(KvCodec.get(r, 0, 1, 7))));
      assertEquals(KvCodec.OK, status(c.call(KvCodec.put(r, 0, 2, 7, bytes("a")))));
      byte[] found = c.call(KvCodec.get(r, 0, 3, 7));
      assertEquals(KvCodec.FOUND, status(found));
      assertArrayEquals(bytes("a"), value(found));
      assertEquals(KvCodec.NOT_SWAPPED, status(c.call(KvCodec.cas(r, 0, 4, 7, bytes("x"), bytes("c")))));
      int casLength = KvCodec.cas(r, 0, 5, 7, bytes("a"), bytes("b"));
      assertEquals(KvCodec.SWAPPED, status(c.call(casLength)));
      // The same request again: applied twice it would find "b" and not swap.
      assertEquals(KvCodec.SWAPPED, status(c.call(casLength)));
      assertEquals(KvCodec.SWAPPED, status(c.call(KvCodec.cas(r, 0, 6, 8, null, bytes("x")))));
      assertEquals(KvCodec.NOT_SWAPPED, status(c.call(KvCodec.cas(r, 0, 7, 8, null, bytes("y")))));
      // A stale duplicate (an id older than the session's last) is dropped unanswered and unapplied.
      c.send(KvCodec.put(r, 0, 2, 7, bytes("a")));
      byte[] after = c.call(KvCodec.get(r, 0, 8, 7));
      assertArrayEquals(bytes("b"), value(after));
      assertArrayEquals(bytes("x"), value(c.call(KvCodec.get(r, 0, 9, 8))));

      awaitAll(cluster, "applied", KvService::applied, 9);
      awaitAll(cluster, "retried", KvService::retried, 1);
      awaitAll(cluster, "stale", KvService::stale, 1);
      for (int m = 0; m < AeronClusterKv.MEMBERS; m++) {
        assertArrayEquals(bytes("b"), cluster.service(m).valueOf(7), "member " + m);
        assertArrayEquals(bytes("x"), cluster.service(m).valueOf(8), "member " + m);
      }
      assertEquals(List.of(), cluster.errors());
    }
  }

  @Test
  void aSnapshotAndTheLogAfterItRestoreTheMapOnRestart() {
    AeronClusterKv cluster = AeronClusterKv.start(AeronClusterKv.Options.defaults().withSync(AeronClusterKv.Sync.DISK)
        .withDirectory(dir, true));
    try {
      Client c = new Client();
      c.session = cluster.connect(c);
      for (int k = 0; k < 100; k++) {
        assertEquals(KvCodec.OK, status(c.call(KvCodec.put(c.request, 0, k + 1, k, bytes("v" + k)))));
      }
      cluster.takeSnapshot(WAIT);
      awaitAll(cluster, "snapshots taken", KvService::snapshotsTaken, 1);
      assertEquals(KvCodec.OK, status(c.call(KvCodec.put(c.request, 0, 101, 0, bytes("after")))));
      awaitAll(cluster, "applied", KvService::applied, 101);

      cluster = cluster.restart();
      awaitAll(cluster, "snapshots loaded", KvService::snapshotsLoaded, 1);
      awaitAll(cluster, "applied after the snapshot", KvService::applied, 1);
      Client d = new Client();
      d.session = cluster.connect(d);
      assertArrayEquals(bytes("after"), value(d.call(KvCodec.get(d.request, 0, 1, 0))));
      for (int k = 1; k < 100; k++) {
        assertArrayEquals(bytes("v" + k), value(d.call(KvCodec.get(d.request, 0, k + 1, k))), "key " + k);
      }
      assertEquals(List.of(), cluster.errors());
    } finally {
      cluster.close();
    }
  }

  @Test
  void closedLoopClientsGetCheckedAnswers() {
    try (AeronClusterKv cluster = AeronClusterKv.start(AeronClusterKv.Options.defaults().withDirectory(dir, true));
        KvClients load = new KvClients(cluster, new KvClients.Workload(8, 0.5, 16, 4, 7))) {
      load.run(2_000);
      assertEquals(0, load.wrong(), () -> load.errors().toString());
      assertTrue(load.committed() >= 2_000);
      assertTrue(load.latency().getTotalCount() >= 2_000);
      assertEquals(List.of(), cluster.errors());
    }
  }
}
