package dev.dedalus.jmh;

import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Persist;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/** The tick engine's workload: a join, an anti-join and a count over a persisted relation. */
@Dedalus
public interface TickBench {
  @Input record Load(long k, long v) {}
  @Input record Probe(Location client, long k) {}
  @Output record Joined(long k, long v) {}
  @Output record Missing(long k) {}
  @Output record Total(long n) {}

  @Persist record State(long k, long v) {}
  record Distinct(long n) {}

  @Role
  interface Engine {
    @Rule("State(k, v) :- Load(k, v)")
    void load();

    /** A join of this tick's probes with the persisted state, by key. */
    @Rule("Joined@c(k, v) :~ Probe(c, k), State(k, v)")
    void join();

    /** An anti-join: probes whose key has no state. */
    @Rule("Missing@c(k) :~ Probe(c, k), !State(k, _)")
    void anti();

    /** A count over the persisted relation, maintained as facts arrive. */
    @Rule("Distinct(count(v)) :- State(_, v)")
    void count();

    @Rule("Total@c(n) :~ Distinct(n), Probe(c, _)")
    void total();
  }
}
