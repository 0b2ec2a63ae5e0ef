package dev.dedalus.protocols.semantics;

import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/**
 * Sends whose head drops part of the body's binding, or that two rules share: a tick's heads are a
 * set, so each fact goes to each destination once per tick however many derivations give it.
 */
@Dedalus
public interface Projection {
  @Input record Hello(Location client, long worker, long id) {}
  @Output record Known(long id) {}
  @Output record Seen(long id, long worker) {}

  @Role
  interface Front {
    /** Drops the worker: two workers' hellos for one id give one answer. */
    @Rule("Known@c(id) :~ Hello(c, _, id)")
    void known();

    /** A second rule sending Known: the same id again. */
    @Rule("Known@c(id) :~ Hello(c, w, id), w > 0")
    void knownAgain();

    /** Keeps the whole binding: one answer per hello. */
    @Rule("Seen@c(id, w) :~ Hello(c, w, id)")
    void seen();
  }
}
