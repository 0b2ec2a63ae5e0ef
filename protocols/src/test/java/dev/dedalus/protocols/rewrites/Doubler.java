package dev.dedalus.protocols.rewrites;

import dev.dedalus.Decouple;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/**
 * Functional decoupling: doubling reads one per-tick relation that the rules staying behind derive,
 * with no negation or aggregation, so it moves to a Doubler that receives the accepted requests.
 */
@Decouple(role = "Hub", rules = {"doubleIt"}, into = "DoublerNode")
@Dedalus
public interface Doubler {
  @Input record Req(Location client, long x) {}
  @Output record Ack(long x) {}
  @Output record Doubled(long x, long twice) {}

  record Accepted(Location client, long x) {}

  @Role
  interface Hub {
    @Rule("Accepted(c, x) :- Req(c, x), x > 0")
    void accept();

    @Rule("Ack@c(x) :~ Accepted(c, x)")
    void ack();

    @Rule("Doubled@c(x, x * 2) :~ Accepted(c, x)")
    void doubleIt();
  }
}
