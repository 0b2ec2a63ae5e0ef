package dev.dedalus.jmh.isolation;

import dev.dedalus.Config;
import dev.dedalus.Decouple;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Pure;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/** Mutually independent decoupling in isolation: two independent digests; one moves to its own node. */
@Decouple(role = "Worker", rules = {"digestB"}, into = "WorkerB")
@Dedalus
public interface MiSplit {
  @Input record In(Location client, long id, String payload) {}
  @Output record OutA(long id, String h) implements Work.Reply {}
  @Output record OutB(long id, String h) implements Work.Reply {}
  @Config(addressesOf = "Worker") record Workers(Location addr) {}
  record A(Location client, long id, String payload) {}
  record B(Location client, long id, String payload) {}

  @Pure
  static String digest(String s) {
    return Work.digest(s);
  }

  @Role
  interface Front {
    @Rule("A@w(c, id, p) :~ In(c, id, p), Workers(w)")
    void toA();

    @Rule("B@w(c, id, p) :~ In(c, id, p), Workers(w)")
    void toB();
  }

  @Role
  interface Worker {
    @Rule("OutA@c(id, digest(digest(p))) :~ A(c, id, p)")
    void digestA();

    @Rule("OutB@c(id, digest(digest(p))) :~ B(c, id, p)")
    void digestB();
  }
}
