package dev.dedalus.protocols.rewrites;

import dev.dedalus.Decouple;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Partition;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/**
 * One relation read by two partitioned roles (issue 9, class 8): the leader forwards requests to two
 * decoupled roles, both partitioned, so each forwarding rule routes through both partitionings,
 * {@code partition(B, partition(A, forward(..), ..), ..)}. The generated stage must compile and
 * route each request to the one partition of the role it is sent to.
 */
@Decouple(role = "Leader", rules = {"echo"}, into = "Echoer")
@Decouple(role = "Leader", rules = {"square"}, into = "Squarer")
@Partition(role = "Echoer", key = "Req.id")
@Partition(role = "Squarer", key = "Req.id")
@Dedalus
public interface NestedRouting {
  @Input record Req(Location client, long id) {}
  @Output record Echo(long id) {}
  @Output record Square(long id, long sq) {}

  @Role
  interface Leader {
    @Rule("Echo@c(id) :~ Req(c, id)")
    void echo();

    @Rule("Square@c(id, s) :~ Req(c, id), s = id * id")
    void square();
  }
}
