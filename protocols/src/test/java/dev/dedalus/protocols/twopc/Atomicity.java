package dev.dedalus.protocols.twopc;

import dev.dedalus.Location;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.ClientOutput;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What atomic commitment promises, checked on what a run left behind: the durable facts every node
 * kept (after its last recovery) and the replies clients saw. Facts are found by relation name,
 * {@code Prepared}, {@code Committed} (a participant's) and {@code CommitRecord} (the
 * coordinator's), and read through their {@code client()} and {@code id()} components, so any
 * variant of the protocol with those relations can be checked.
 *
 * <ul>
 *   <li>A transaction the coordinator has a commit record for is committed at every participant:
 *       each holds its prepare record (the data it commits) and its commit record.
 *   <li>A transaction the coordinator has no commit record for is committed at no participant.
 *   <li>A {@code committed} reply is backed by the coordinator's commit record (and so by every
 *       participant's); no transaction is answered both committed and aborted.
 * </ul>
 *
 * A node's durable facts count for the role instance it serves: decoupled roles (an acker, a
 * committer) and every partition count for the instance of the role they came from.
 */
final class Atomicity {
  /** A transaction: the client it came from and its id. */
  record Tx(Location client, long id) implements Comparable<Tx> {
    @Override
    public int compareTo(Tx o) {
      return client.id() != o.client.id() ? Long.compare(client.id(), o.client.id()) : Long.compare(id, o.id);
    }
  }

  private Atomicity() {}

  /** Every broken promise of a run, or none. */
  static List<String> violations(TwoPcScenario.Run run) {
    Topology topology = run.topology();
    DedalusProgram program = topology.program();
    Set<Tx> coordinatorCommits = new HashSet<>();
    Map<Integer, Set<Tx>> prepared = new TreeMap<>();
    Map<Integer, Set<Tx>> committed = new TreeMap<>();
    for (int i = 0; i < TwoPcScenario.PARTICIPANTS; i++) {
      prepared.put(i, new HashSet<>());
      committed.put(i, new HashSet<>());
    }
    for (Topology.Node node : topology.nodes()) {
      String root = rootRole(program, node.role());
      for (Object fact : run.durability().facts(node.location(), Object.class)) {
        String relation = fact.getClass().getSimpleName();
        if (root.equals("Coordinator") && relation.equals("CommitRecord")) {
          coordinatorCommits.add(tx(fact));
        } else if (root.equals("Participant") && relation.equals("Prepared")) {
          prepared.get(node.instance()).add(tx(fact));
        } else if (root.equals("Participant") && relation.equals("Committed")) {
          committed.get(node.instance()).add(tx(fact));
        }
      }
    }
    Map<Tx, Set<Boolean>> replies = new HashMap<>();
    for (ClientOutput o : run.result().outputs()) {
      Tx tx = new Tx(o.client(), (Long) component(o.fact(), "id"));
      replies.computeIfAbsent(tx, t -> new HashSet<>()).add((Boolean) component(o.fact(), "committed"));
    }
    return violations(coordinatorCommits, prepared, committed, replies);
  }

  /**
   * Every broken promise, given what survived at each node and what clients saw.
   *
   * @param coordinatorCommits the transactions of the coordinator's commit records
   * @param prepared each participant's prepare records, by participant instance
   * @param committed each participant's commit records, by participant instance
   * @param replies the answers clients saw per transaction: true for committed, false for aborted
   */
  static List<String> violations(Set<Tx> coordinatorCommits, Map<Integer, Set<Tx>> prepared,
      Map<Integer, Set<Tx>> committed, Map<Tx, Set<Boolean>> replies) {
    List<String> found = new ArrayList<>();
    Set<Tx> all = new java.util.TreeSet<>(coordinatorCommits);
    committed.values().forEach(all::addAll);
    for (Tx tx : all) {
      for (int i : committed.keySet()) {
        boolean hasCommit = committed.get(i).contains(tx);
        if (coordinatorCommits.contains(tx) && !(hasCommit && prepared.get(i).contains(tx))) {
          found.add(tx + " has the coordinator's commit record but participant " + i + " holds "
              + (hasCommit ? "a commit record without the prepare record it commits" : "no commit record"));
        } else if (!coordinatorCommits.contains(tx) && hasCommit) {
          found.add(tx + " is committed at participant " + i + " but the coordinator has no commit record");
        }
      }
    }
    new java.util.TreeMap<>(replies).forEach((tx, outcomes) -> {
      if (outcomes.contains(true) && !coordinatorCommits.contains(tx)) {
        found.add("the client saw " + tx + " committed, but no commit record of it survived at the coordinator");
      }
      if (outcomes.size() > 1) {
        found.add(tx + " was answered both committed and aborted");
      }
    });
    return found;
  }

  /** The role a role's instances serve: itself, or the role it was decoupled from, transitively. */
  static String rootRole(DedalusProgram program, String role) {
    String r = role;
    while (program.instanceSources().containsKey(r)) {
      r = program.instanceSources().get(r);
    }
    return r;
  }

  private static Tx tx(Object fact) {
    return new Tx((Location) component(fact, "client"), (Long) component(fact, "id"));
  }

  /** A record component by name: the check reads the facts of any variant of the protocol. */
  private static Object component(Object fact, String name) {
    try {
      Method accessor = fact.getClass().getMethod(name);
      return accessor.invoke(fact);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(fact + " has no component " + name, e);
    }
  }
}
