package dev.dedalus.protocols.twopc;

import dev.dedalus.Location;
import dev.dedalus.protocols.load.Workload;
import dev.dedalus.runtime.Topology;
import java.util.List;

/**
 * Closed-loop load for two-phase commit: one coordinator, three participants. Every
 * {@value #ABORT_EVERY}th transaction is voted down by one participant, so both outcomes are
 * exercised and reported.
 */
public final class TwoPhaseCommitWorkload implements Workload {
  /** Participants in the paper's base 2PC. */
  public static final int PARTICIPANTS = 3;
  /** One transaction in this many is voted down. */
  public static final int ABORT_EVERY = 16;

  private static final List<String> OUTCOMES = List.of("committed", "aborted");

  @Override
  public String name() {
    return "2pc";
  }

  @Override
  public List<String> plans() {
    return TwoPhaseCommit_Plans.NAMES;
  }

  @Override
  public Topology topology(String plan, int partitions) {
    return Workload.deployment(this, plan, partitions, TwoPhaseCommit_Plans::plan, t -> t.instances("Participant", PARTICIPANTS));
  }

  @Override
  public Object request(Location client, long id) {
    return new TwoPhaseCommit.ClientIn(client, id, payload(id));
  }

  /** The payload of transaction {@code id}: participant 1 votes no on every {@value #ABORT_EVERY}th. */
  public static String payload(long id) {
    return id % ABORT_EVERY == ABORT_EVERY - 1 ? "abort@1" : "tx-" + id;
  }

  @Override
  public Class<?> requestType() {
    return TwoPhaseCommit.ClientIn.class;
  }

  @Override
  public long answeredRequest(Object output) {
    if (!(output instanceof TwoPhaseCommit.ClientOut reply)) {
      return -1;
    }
    boolean expected = TwoPhaseCommit.votesYes(payload(reply.id()), 1);
    if (reply.committed() != expected) {
      throw new IllegalStateException("transaction " + reply.id() + " was " + (reply.committed() ? "committed" : "aborted")
          + ", but participant 1 votes " + (expected ? "yes" : "no") + " on it");
    }
    return reply.id();
  }

  @Override
  public List<String> outcomes() {
    return OUTCOMES;
  }

  @Override
  public int outcomeOf(Object output) {
    return ((TwoPhaseCommit.ClientOut) output).committed() ? 0 : 1;
  }
}
