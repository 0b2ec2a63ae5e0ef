package dev.dedalus.protocols.rewrites;

import dev.dedalus.Config;
import dev.dedalus.Decouple;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/**
 * A role decoupled from a role with several instances (issue 9, class 7). Every worker answers each
 * task with its own instance index; the answering rule moves to a Replier, which must run one
 * instance per worker, or the answers of all workers but one are lost.
 */
@Decouple(role = "Worker", rules = {"done"}, into = "Replier")
@Dedalus
public interface FollowedInstances {
  @Input record Req(Location client, long id) {}
  @Output record Done(long id, int worker) {}
  @Output record Noted(long id) {}
  @Config(addressesOf = "Worker") record Workers(Location addr) {}
  @Config(instanceIndex = true) record Me(int index) {}
  record Task(Location client, long id) {}
  record Note(Location client, long id) {}

  @Role
  interface Front {
    @Rule("Task@w(c, id) :~ Req(c, id), Workers(w)")
    void fan();

    @Rule("Note@w(c, id) :~ Req(c, id), Workers(w)")
    void note();
  }

  @Role
  interface Worker {
    @Rule("Done@c(id, i) :~ Task(c, id), Me(i)")
    void done();

    @Rule("Noted@c(id) :~ Note(c, id)")
    void noted();
  }
}
