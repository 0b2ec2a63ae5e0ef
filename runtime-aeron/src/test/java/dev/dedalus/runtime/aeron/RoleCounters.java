package dev.dedalus.runtime.aeron;

/** Sums of one counter over every node of a role, for tests that count a role's work. */
final class RoleCounters {
  private RoleCounters() {}

  static long sum(LocalCluster cluster, String role, Counter counter) {
    return cluster.counters().entrySet().stream()
        .filter(e -> e.getKey().role().equals(role))
        .mapToLong(e -> e.getValue().get(counter))
        .sum();
  }
}
