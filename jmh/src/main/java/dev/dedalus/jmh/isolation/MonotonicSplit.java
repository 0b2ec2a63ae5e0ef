package dev.dedalus.jmh.isolation;

import dev.dedalus.Config;
import dev.dedalus.Decouple;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Persist;
import dev.dedalus.Pure;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/** Monotonic decoupling in isolation: a second digest over a persisted first one moves to its own node. */
@Decouple(role = "Worker", rules = {"second"}, into = "WorkerB")
@Dedalus
public interface MonotonicSplit {
  @Input record In(Location client, long id, String payload) {}
  @Output record OutA(long id, String h) implements Work.Reply {}
  @Output record OutB(long id, String h) implements Work.Reply {}
  @Config(addressesOf = "Worker") record Workers(Location addr) {}
  record A(Location client, long id, String payload) {}
  @Persist record Hashed(Location client, long id, String h) {}

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
    @Rule("Hashed(c, id, h) :- A(c, id, p), h = digest(p)")
    void first();

    @Rule("OutA@c(id, h) :~ Hashed(c, id, h)")
    void replyA();

    @Rule("OutB@c(id, digest(h)) :~ Hashed(c, id, h)")
    void second();
  }
}
