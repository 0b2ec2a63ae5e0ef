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

/** Partitioning by co-hashing in isolation: a digesting worker split by request id. */
@Partition(role = "Worker", key = "A.id")
@Dedalus
public interface CoHashSplit {
  @Input record In(Location client, long id, String payload) {}
  @Output record Out(long id, String h) implements Work.Reply {}
  @Config(addressesOf = "Worker") record Workers(Location addr) {}
  record A(Location client, long id, String payload) {}

  @Pure
  static String digest(String s) {
    return Work.digest(s);
  }

  @Role
  interface Front {
    @Rule("A@w(c, id, p) :~ In(c, id, p), Workers(w)")
    void toA();
  }

  @Role
  interface Worker {
    @Rule("Out@c(id, digest(digest(p))) :~ A(c, id, p)")
    void work();
  }
}
