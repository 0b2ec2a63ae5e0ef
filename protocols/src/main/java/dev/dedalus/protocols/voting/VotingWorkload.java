package dev.dedalus.protocols.voting;

import dev.dedalus.Location;
import dev.dedalus.protocols.load.Workload;
import dev.dedalus.runtime.Topology;
import java.util.List;

/** Closed-loop load for voting: each request carries a payload derived from its id, checked in the reply. */
public final class VotingWorkload implements Workload {
  /** Participants in the paper's base voting. */
  public static final int PARTICIPANTS = 3;

  @Override
  public String name() {
    return "voting";
  }

  @Override
  public List<String> plans() {
    return Voting_Plans.NAMES;
  }

  @Override
  public Topology topology(String plan, int partitions) {
    return Workload.deployment(this, plan, partitions, Voting_Plans::plan, t -> t.instances("Participant", PARTICIPANTS));
  }

  @Override
  public Object request(Location client, long id) {
    return new Voting.ClientIn(client, id, payload(client, id));
  }

  @Override
  public Class<?> requestType() {
    return Voting.ClientIn.class;
  }

  @Override
  public long answeredRequest(Object output) {
    if (!(output instanceof Voting.ClientOut reply)) {
      return -1;
    }
    String payload = reply.payload();
    int dash = payload.lastIndexOf('-');
    if (dash < 0 || !payload.substring(dash + 1).equals(Long.toString(reply.id()))) {
      throw new IllegalStateException("reply to request " + reply.id() + " carries payload '" + payload + "'");
    }
    return reply.id();
  }

  /** A 16-byte-ish payload naming the client and the request, so a mixed-up reply is caught. */
  static String payload(Location client, long id) {
    return "c" + client.id() + "-" + id;
  }
}
