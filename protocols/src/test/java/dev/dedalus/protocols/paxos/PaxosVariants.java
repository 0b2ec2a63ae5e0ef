package dev.dedalus.protocols.paxos;

import dev.dedalus.protocols.variants.ProgramVariant;
import java.nio.file.Path;

/** The broken versions of {@link Paxos} that its negative controls must catch. */
final class PaxosVariants {
  private static final String SOURCE = "dev/dedalus/protocols/paxos/Paxos.java";

  private PaxosVariants() {}

  /** Chooses a slot on one acceptance instead of f + 1. */
  static ProgramVariant commitsOnOneAcceptance(Path work) {
    return ProgramVariant.compile(work, SOURCE, "PaxosCommitsOnOne",
        "n >= na / 2 + 1, \"\n        + \"Pending(b, s, c, id, op, k, v, e)\")\n    void choose();",
        "n >= 1, \"\n        + \"Pending(b, s, c, id, op, k, v, e)\")\n    void choose();");
  }

  /** A new leader does not adopt the values it recovered: it proposes no-ops in their slots. */
  static ProgramVariant skipsReconciliation(Path work) {
    return ProgramVariant.compile(work, SOURCE, "PaxosSkipsReconciliation",
        "@Rule(\"Proposal(b, s, c, id, op, k, v, e) :- NewlyLeading(b), Recovered(s, c, id, op, k, v, e)\")",
        "@Rule(\"Proposal(b, s, c, -1, \\\"noop\\\", \\\"\\\", \\\"\\\", \\\"\\\") :- NewlyLeading(b), Recovered(s, c, id, op, k, v, e)\")");
  }

  /**
   * A new leader fills holes down to slot 0 instead of its quorum's floor: it proposes no-ops in
   * slots that were chosen, executed and dropped from the acceptors' logs.
   */
  static ProgramVariant fillsBelowTheFloor(Path work) {
    return ProgramVariant.compile(work, SOURCE, "PaxosFillsBelowTheFloor",
        "SlotBelow(s) :- SlotBelow(t), RecoveredFloor(f), t > f, s = t - 1",
        "SlotBelow(s) :- SlotBelow(t), RecoveredFloor(f), t > 0, s = t - 1");
  }

  /** The leader never tells acceptors what every replica executed: their logs only grow. */
  static ProgramVariant neverTruncates(Path work) {
    return ProgramVariant.compile(work, SOURCE, "PaxosNeverTruncates",
        "Truncate@a(m) :~ HeartbeatTick(), Leading(_), SlowestReplica(m),",
        "Truncate@a(m) :~ HeartbeatTick(), Leading(_), SlowestReplica(m), m < 0,");
  }
}
