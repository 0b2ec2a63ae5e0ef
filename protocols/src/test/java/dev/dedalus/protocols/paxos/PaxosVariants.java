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

  /** A get reads the store before the run, ignoring the writes of the slots before it in its run. */
  static ProgramVariant getIgnoresEarlierWritesOfItsRun(Path work) {
    return ProgramVariant.compile(work, SOURCE, "PaxosGetIgnoresRun",
        "Write(t, k, _), t < s\")\n    void readsFrom();",
        "Write(t, k, _), t < s, t < 0\")\n    void readsFrom();");
  }

  /** A request chosen in two slots of one run is applied at both. */
  static ProgramVariant appliesRepeatsInARun(Path work) {
    return ProgramVariant.compile(work, SOURCE, "PaxosAppliesRepeats",
        "+ \"!Superseded(s, c, id), !Repeated(s, c, id)\")",
        "+ \"!Superseded(s, c, id)\")");
  }

  /** A request is applied although an earlier slot of its run carries a newer request of its client. */
  static ProgramVariant appliesStaleRequestsInARun(Path work) {
    return ProgramVariant.compile(work, SOURCE, "PaxosAppliesStale",
        "+ \"!Superseded(s, c, id), !Repeated(s, c, id)\")",
        "+ \"!Repeated(s, c, id)\")");
  }
}
