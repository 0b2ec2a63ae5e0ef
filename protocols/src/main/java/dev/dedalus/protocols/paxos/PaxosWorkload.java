package dev.dedalus.protocols.paxos;

import dev.dedalus.Location;
import dev.dedalus.protocols.load.Workload;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.aeron.Counter;
import dev.dedalus.runtime.aeron.LocalCluster;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop load for Multi-Paxos on its key-value store: 2 proposers, 3 acceptors, 3 replicas
 * (f = 1). Requests alternate puts and gets over {@value #KEYS} keys by id ({@link #putPercent}% puts),
 * go to both proposers (the leader proposes them), and are sent again after
 * {@value #RESEND_MILLIS} ms without an answer, which a leader change needs.
 */
public final class PaxosWorkload implements Workload {
  static final int KEYS = 64;
  static final long RESEND_MILLIS = 500;
  private static final List<String> OUTCOMES = List.of("put", "get");

  private final int putPercent;

  public PaxosWorkload() {
    this(50);
  }

  /** @param putPercent the share of puts among requests, 0 to 100 */
  public PaxosWorkload(int putPercent) {
    if (putPercent < 0 || putPercent > 100) {
      throw new IllegalArgumentException("the share of puts is a percentage, 0 to 100: " + putPercent);
    }
    this.putPercent = putPercent;
  }

  @Override
  public String name() {
    return "paxos";
  }

  @Override
  public List<String> plans() {
    return List.of("base");
  }

  @Override
  public Topology topology(String plan, int partitions) {
    // No rewrite hints yet: the base plan only.
    return Workload.deployment(this, plan, partitions, p -> Paxos_Program.INSTANCE,
        t -> t.instances("Proposer", 2).instances("Acceptor", 3).instances("Replica", 3));
  }

  boolean isPut(long id) {
    return Math.floorMod(id * 0x9E3779B97F4A7C15L, 100) < putPercent;
  }

  @Override
  public Object request(Location client, long id) {
    String key = "k" + Math.floorMod(id, KEYS);
    return isPut(id)
        ? new Paxos.Request(client, id, "put", key, value(id), "")
        : new Paxos.Request(client, id, "get", key, "", "");
  }

  /** A 16-character value naming its request. */
  static String value(long id) {
    return String.format("v%015x", id);
  }

  @Override
  public Class<?> requestType() {
    return Paxos.Request.class;
  }

  @Override
  public long answeredRequest(Object output) {
    if (!(output instanceof Paxos.Reply reply)) {
      return -1;
    }
    if (isPut(reply.id()) && !(reply.ok() && reply.value().equals(value(reply.id())))) {
      throw new IllegalStateException("put " + reply.id() + " answered " + reply);
    }
    return reply.id();
  }

  @Override
  public List<String> outcomes() {
    return OUTCOMES;
  }

  @Override
  public int outcomeOf(Object output) {
    return isPut(((Paxos.Reply) output).id()) ? 0 : 1;
  }

  /** The proposer that sent the most: the leader sends every proposal, the other only heartbeats' answers. */
  @Override
  public Optional<Location> leader(LocalCluster cluster) {
    return cluster.topology().addressesOf("Proposer").stream()
        .filter(cluster::isRunning)
        .max(Comparator.comparingLong(p -> cluster.counters(p).get(Counter.FACTS_SENT)));
  }

  @Override
  public boolean sendToEveryReceiver() {
    return true;
  }

  @Override
  public long resendAfterNanos() {
    return TimeUnit.MILLISECONDS.toNanos(RESEND_MILLIS);
  }
}
