package dev.dedalus.protocols.rewrites;

import dev.dedalus.Config;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Partition;
import dev.dedalus.Persist;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/**
 * The negative control for partitioning: the hint keys Left by x, but the rule joins Left with
 * Right on k, so matching facts may sit on different partitions. The processor refuses it; the
 * test build forces it ({@code -Adedalus.unsafeForceRewrites=UnsafeJoin}) and the differential
 * test must catch the lost matches.
 */
@Partition(role = "Joiner", key = "Left.x")
@Dedalus
public interface UnsafeJoin {
  @Input record LeftIn(Location client, long x, long k) {}
  @Input record RightIn(Location client, long k, long y) {}
  @Output record Matched(long x, long y) {}
  @Config(addressesOf = "Joiner") record Joiners(Location addr) {}

  @Persist record Left(Location client, long x, long k) {}
  @Persist record Right(long k, long y) {}

  @Role
  interface Front {
    @Rule("Left@j(c, x, k) :~ LeftIn(c, x, k), Joiners(j)")
    void left();

    @Rule("Right@j(k, y) :~ RightIn(_, k, y), Joiners(j)")
    void right();
  }

  @Role
  interface Joiner {
    @Rule("Matched@c(x, y) :~ Left(c, x, k), Right(k, y)")
    void match();
  }
}
