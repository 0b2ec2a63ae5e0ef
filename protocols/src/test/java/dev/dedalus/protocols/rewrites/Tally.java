package dev.dedalus.protocols.rewrites;

import dev.dedalus.Config;
import dev.dedalus.Decouple;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Persist;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/**
 * Two hints in sequence, and aggregation on the new node: a coordinator fans tasks out to workers
 * (functional decoupling into a Fanout) and counts their acknowledgements (mutually independent
 * decoupling into a Counter, with the workers' acks redirected), then answers once all have acked.
 */
@Decouple(role = "Coordinator", rules = {"fan"}, into = "Fanout")
@Decouple(role = "Coordinator", rules = {"log", "count", "done"}, into = "Counter")
@Dedalus
public interface Tally {
  @Input record Request(Location client, long id) {}
  @Output record Done(long id, long acks) {}
  @Config(addressesOf = "Worker") record Workers(Location addr) {}
  @Config(countOf = "Worker") record NumWorkers(long n) {}
  @Config(addressesOf = "Coordinator") record Coordinators(Location addr) {}

  record Task(Location client, long id) {}
  record AckMsg(Location worker, Location client, long id) {}
  @Persist record AckLog(Location worker, Location client, long id) {}
  record AckCount(long n, Location client, long id) {}

  @Role
  interface Coordinator {
    @Rule("Task@w(c, id) :~ Request(c, id), Workers(w)")
    void fan();

    @Rule("AckLog(w, c, id) :- AckMsg(w, c, id)")
    void log();

    @Rule("AckCount(count(w), c, id) :- AckLog(w, c, id)")
    void count();

    @Rule("Done@c(id, n) :~ AckCount(n, c, id), NumWorkers(n)")
    void done();
  }

  @Role
  interface Worker {
    @Rule("AckMsg@k(self, c, id) :~ Task(c, id), Coordinators(k)")
    void ack();
  }
}
