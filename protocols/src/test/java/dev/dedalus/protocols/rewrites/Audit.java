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
 * Mutually independent decoupling: the server's auditing rules share no relation with its
 * squaring rule, so they move to an Auditor and the front's audit messages are redirected there.
 */
@Decouple(role = "Server", rules = {"log", "confirm"}, into = "Auditor")
@Dedalus
public interface Audit {
  @Input record Job(Location client, long x) {}
  @Output record Result(long x, long square) {}
  @Output record Confirmed(long x) {}
  @Config(addressesOf = "Server") record Servers(Location addr) {}

  record Work(Location client, long x) {}
  record Check(Location client, long x) {}
  @Persist record Logged(Location client, long x) {}

  @Role
  interface Front {
    @Rule("Work@s(c, x) :~ Job(c, x), Servers(s)")
    void work();

    @Rule("Check@s(c, x) :~ Job(c, x), Servers(s)")
    void check();
  }

  @Role
  interface Server {
    @Rule("Result@c(x, x * x) :~ Work(c, x)")
    void square();

    @Rule("Logged(c, x) :- Check(c, x)")
    void log();

    @Rule("Confirmed@c(x) :~ Logged(c, x)")
    void confirm();
  }
}
