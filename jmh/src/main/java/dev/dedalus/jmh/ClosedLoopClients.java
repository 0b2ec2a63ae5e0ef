package dev.dedalus.jmh;

import dev.dedalus.Location;
import dev.dedalus.protocols.load.Workload;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.aeron.ClientEndpoint;
import dev.dedalus.runtime.aeron.LocalCluster;

/**
 * Closed-loop clients driven by the benchmark thread: each keeps one request outstanding and sends
 * the next when its reply arrives. Clients live for the whole trial, so an invocation measures
 * requests, not client setup.
 */
final class ClosedLoopClients implements AutoCloseable {
  private final Workload workload;
  private final ClientEndpoint[] endpoints;
  private final long[] outstanding;
  private final long[] nextId;
  /** Replies still awaited for each client's outstanding request. */
  private final int[] awaited;
  private final Location target;
  private final RelationCodec<Object> codec;
  private long committed;
  private int current;

  @SuppressWarnings("unchecked")
  ClosedLoopClients(LocalCluster cluster, Workload workload, int clients) {
    this.workload = workload;
    this.endpoints = new ClientEndpoint[clients];
    this.outstanding = new long[clients];
    this.nextId = new long[clients];
    this.awaited = new int[clients];
    for (int i = 0; i < clients; i++) {
      endpoints[i] = cluster.newClient();
      outstanding[i] = -1;
      nextId[i] = (long) i << 32;
    }
    this.target = cluster.inputLocation(workload.requestType(), 0);
    this.codec = (RelationCodec<Object>) cluster.program().codecFor(workload.requestType());
  }

  long committed() {
    return committed;
  }

  /** Runs until {@code requests} more requests are answered; every client keeps one outstanding. */
  void run(int requests) {
    long goal = committed + requests;
    while (committed < goal) {
      for (int i = 0; i < endpoints.length; i++) {
        if (outstanding[i] < 0) {
          long id = nextId[i]++;
          outstanding[i] = id;
          awaited[i] = workload.repliesPerRequest();
          endpoints[i].send(target, codec, workload.request(endpoints[i].location(), id));
          endpoints[i].flush();
        }
        current = i;
        endpoints[i].poll(this::onReply, 64);
      }
    }
  }

  private void onReply(int relationId, Object fact) {
    long id = workload.answeredRequest(fact);
    if (id >= 0 && id == outstanding[current]) {
      if (--awaited[current] == 0) {
        outstanding[current] = -1;
        committed++;
      }
    } else if (id >= 0) {
      throw new IllegalStateException("client " + current + " got a reply to " + id + " while waiting for " + outstanding[current]);
    }
  }

  /** Waits for every outstanding reply, so the next trial starts clean. */
  void drain() {
    boolean open = true;
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (open && System.nanoTime() < deadline) {
      open = false;
      for (int i = 0; i < endpoints.length; i++) {
        current = i;
        endpoints[i].poll(this::onReply, 64);
        open |= outstanding[i] >= 0;
      }
    }
  }

  @Override
  public void close() {
    drain();
    for (ClientEndpoint e : endpoints) {
      e.close();
    }
  }
}
