package dev.dedalus.protocols.semantics;

import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Persist;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/**
 * Transitive closure twice: over a persisted relation (accumulated semi-naively across ticks) and
 * over a per-tick relation (recomputed every tick), so tests can compare both with a reference.
 */
@Dedalus
public interface Closure {
  @Input @Persist record Edge(long from, long to) {}
  @Input record Ask(Location client) {}
  @Output record Reach(long from, long to) {}
  @Output record TickReach(long from, long to) {}

  @Persist record Path(long from, long to) {}
  record TickPath(long from, long to) {}

  @Role
  interface Graph {
    @Rule("Path(a, b) :- Edge(a, b)")
    void base();

    @Rule("Path(a, c) :- Path(a, b), Edge(b, c)")
    void extend();

    @Rule("TickPath(a, b) :- Edge(a, b)")
    void tickBase();

    @Rule("TickPath(a, c) :- Edge(a, b), TickPath(b, c)")
    void tickExtend();

    @Rule("Reach@c(a, b) :~ Ask(c), Path(a, b)")
    void report();

    @Rule("TickReach@c(a, b) :~ Ask(c), TickPath(a, b)")
    void tickReport();
  }
}
