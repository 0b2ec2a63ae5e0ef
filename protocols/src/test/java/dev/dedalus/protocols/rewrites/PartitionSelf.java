package dev.dedalus.protocols.rewrites;

import dev.dedalus.Config;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Partition;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/**
 * {@code self} in a partitioned role (issue 9, class 6). Each worker answers only if it finds itself
 * among the configured workers, and tells the front who it is; the front answers only for workers
 * it knows. On a partition, {@code self} must be its instance's location, the one configuration
 * lists, or partitions other than the first fail both checks.
 */
@Partition(role = "Worker", key = "Task.id")
@Dedalus
public interface PartitionSelf {
  @Input record Req(Location client, long id) {}
  @Output record Mine(long id) {}
  @Output record Known(long id) {}
  @Config(addressesOf = "Worker") record Workers(Location addr) {}
  @Config(addressesOf = "Front") record Fronts(Location addr) {}
  record Task(Location client, long id) {}
  record Hello(Location worker, Location client, long id) {}
  record FromWorker(Location client, long id) {}

  @Role
  interface Front {
    @Rule("Task@w(c, id) :~ Req(c, id), Workers(w)")
    void fan();

    /** Through a local relation, a set: two workers' hellos in one tick give one answer. */
    @Rule("FromWorker(c, id) :- Hello(w, c, id), Workers(w)")
    void fromWorker();

    @Rule("Known@c(id) :~ FromWorker(c, id)")
    void known();
  }

  @Role
  interface Worker {
    @Rule("Mine@c(id) :~ Task(c, id), Workers(w), w == self")
    void mine();

    @Rule("Hello@f(self, c, id) :~ Task(c, id), Fronts(f)")
    void hello();
  }
}
