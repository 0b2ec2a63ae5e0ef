package dev.dedalus.protocols.cli;

import dev.dedalus.protocols.load.Workload;
import dev.dedalus.protocols.paxos.PaxosWorkload;
import dev.dedalus.protocols.twopc.TwoPhaseCommitWorkload;
import dev.dedalus.protocols.voting.VotingWorkload;
import java.util.LinkedHashMap;
import java.util.Map;

/** The protocols the main job can run, by name. */
final class Protocols {
  private static final Map<String, Workload> ALL = new LinkedHashMap<>();

  static {
    Workload voting = new VotingWorkload();
    ALL.put(voting.name(), voting);
    Workload twoPhaseCommit = new TwoPhaseCommitWorkload();
    ALL.put(twoPhaseCommit.name(), twoPhaseCommit);
    Workload paxos = new PaxosWorkload();
    ALL.put(paxos.name(), paxos);
  }

  private Protocols() {}

  static Workload get(String name) {
    Workload w = ALL.get(name);
    if (w == null) {
      throw new IllegalArgumentException("unknown protocol '" + name + "'; available: " + String.join(", ", ALL.keySet()));
    }
    return w;
  }

  static boolean has(String name) {
    return ALL.containsKey(name);
  }

  static Iterable<String> names() {
    return ALL.keySet();
  }
}
