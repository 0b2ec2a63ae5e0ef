package dev.dedalus.jmh.isolation;

import dev.dedalus.Config;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Partition;
import dev.dedalus.Pure;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/**
 * Partitioning with a dependency in isolation: work is keyed by a bucket computed from the id, and
 * requests, which carry only the id, are routed by bucket(id).
 */
@Partition(role = "Worker", key = "Keyed.k")
@Dedalus
public interface DependencySplit {
  @Input record In(Location client, long id, String payload) {}
  @Output record Out(long id, String h) implements Work.Reply {}
  @Config(addressesOf = "Worker") record Workers(Location addr) {}
  record A(Location client, long id, String payload) {}
  record Keyed(long k, Location client, long id, String payload) {}

  @Pure
  static String digest(String s) {
    return Work.digest(s);
  }

  @Pure
  static long bucket(long id) {
    return id * 31 + 7;
  }

  @Role
  interface Front {
    @Rule("A@w(c, id, p) :~ In(c, id, p), Workers(w)")
    void toA();
  }

  @Role
  interface Worker {
    @Rule("Keyed(k, c, id, p) :- A(c, id, p), k = bucket(id)")
    void key();

    @Rule("Out@c(id, digest(digest(p))) :~ Keyed(k, c, id, p)")
    void work();
  }
}
