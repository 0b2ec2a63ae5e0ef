package dev.dedalus.protocols.paxos;

import dev.dedalus.Location;
import dev.dedalus.protocols.lin.KvInput;
import dev.dedalus.protocols.lin.KvOutput;
import dev.dedalus.protocols.lin.Operation;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.ClientOutput;
import dev.dedalus.runtime.sim.SimClient;
import dev.dedalus.runtime.sim.SimDurability;
import dev.dedalus.runtime.sim.Simulation;
import dev.dedalus.runtime.sim.SimulationOptions;
import dev.dedalus.runtime.sim.SimulationResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A Paxos run in the simulator with closed-loop clients on the key-value store, recording each
 * operation's call and return in virtual time for the linearizability checker, and every value
 * proposers commit per slot.
 *
 * <p>Each client performs {@link #OPERATIONS} random operations on two keys, one at a time: it
 * sends an operation to every proposer (only the leader proposes it) and again every
 * {@link #RESEND_MILLIS} until it is answered, then the next. An operation is called when first
 * sent and returns at its first reply; one never answered stays pending.
 */
final class PaxosScenario {
  static final int CLIENTS = 3;
  static final int OPERATIONS = 6;
  static final long RESEND_MILLIS = 300;
  static final int RESENDS = 30;

  /**
   * What a run left: its result, its history, the values committed per slot, who led when, and the
   * simulation and durable logs as they ended, to look into the nodes' state.
   */
  record Run(SimulationResult result, List<Operation<KvInput, KvOutput>> history, Map<Long, List<String>> committedPerSlot,
      List<String> leaders, Topology topology, Simulation sim, SimDurability durability) {

    /** Slots for which two different commands were committed. */
    List<String> conflictingSlots() {
      List<String> out = new ArrayList<>();
      committedPerSlot.forEach((slot, values) -> {
        if (values.stream().distinct().count() > 1) {
          out.add("slot " + slot + ": " + values.stream().distinct().toList());
        }
      });
      return out;
    }

    long answered() {
      return history.stream().filter(o -> !o.isPending()).count();
    }
  }

  /** One fault plan: what to do to the nodes at which times, given the running simulation. */
  interface Faults {
    void schedule(Simulation sim, Topology topology, LeaderTracker leader);
  }

  /** Remembers which proposer sent the latest heartbeat: the leader, as far as anyone can tell. */
  static final class LeaderTracker {
    Location current;
    final List<String> changes = new ArrayList<>();

    void heartbeat(long at, Location proposer) {
      if (!proposer.equals(current)) {
        changes.add(at + "ms: n" + proposer.id());
        current = proposer;
      }
    }
  }

  private PaxosScenario() {}

  static Topology topology(DedalusProgram program) {
    return Topology.builder(program).instances("Proposer", 2).instances("Acceptor", 3).instances("Replica", 3).build();
  }

  static Run run(DedalusProgram program, long seed, SimulationOptions options, Faults faults) {
    return run(program, seed, options, faults, r -> r);
  }

  /**
   * @param request builds the program's request fact from this test's (so a variant program with
   *     its own records can be driven the same way); identity for {@link Paxos}
   */
  static Run run(DedalusProgram program, long seed, SimulationOptions options, Faults faults,
      Function<Paxos.Request, Object> request) {
    return run(program, seed, options, faults, request, OPERATIONS, RESENDS);
  }

  /**
   * @param operations how many operations each client performs
   * @param resends how many times each operation is sent, every {@link #RESEND_MILLIS}, answered or not
   */
  static Run run(DedalusProgram program, long seed, SimulationOptions options, Faults faults,
      Function<Paxos.Request, Object> request, int operations, int resends) {
    Topology topology = topology(program);
    SimDurability durability = new SimDurability();
    Simulation sim = new Simulation(topology, seed, options, durability.stageFactory(topology));
    LeaderTracker leader = new LeaderTracker();
    Map<Long, List<String>> committed = new HashMap<>();
    sim.watchSends((at, from, to, fact) -> {
      String name = fact.getClass().getSimpleName();
      if (name.equals("Heartbeat")) {
        leader.heartbeat(at, from.location());
      } else if (name.equals("Commit")) {
        String text = fact.toString();
        long slot = slotOf(text);
        committed.computeIfAbsent(slot, s -> new ArrayList<>()).add(text.substring(text.indexOf(',') + 1));
      }
    });
    SplittableRandom random = new SplittableRandom(seed * 31 + 7);
    List<ClientRun> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      clients.add(new ClientRun(c, plan(random, c, operations), topology.addressesOf("Proposer"), request, resends));
    }
    for (ClientRun client : clients) {
      client.start(sim);
    }
    faults.schedule(sim, topology, leader);
    SimulationResult result = sim.run(20_000_000);
    List<Operation<KvInput, KvOutput>> history = new ArrayList<>();
    clients.forEach(c -> c.record(history));
    return new Run(result, history, committed, leader.changes, topology, sim, durability);
  }

  private static long slotOf(String commitText) {
    // Commit[slot=3, client=..]: the record's own toString
    int eq = commitText.indexOf('=');
    int comma = commitText.indexOf(',');
    return Long.parseLong(commitText.substring(eq + 1, comma));
  }

  /** A client's operations: puts of fresh values, gets, and compare-and-sets on two keys. */
  private static List<KvInput> plan(SplittableRandom random, int client, int operations) {
    List<KvInput> ops = new ArrayList<>();
    List<String> written = new ArrayList<>();
    for (int i = 0; i < operations; i++) {
      String key = "k" + random.nextInt(2);
      int kind = random.nextInt(3);
      if (kind == 0 || written.isEmpty()) {
        String value = "c" + client + "v" + i;
        written.add(value);
        ops.add(KvInput.put(key, value));
      } else if (kind == 1) {
        ops.add(KvInput.get(key));
      } else {
        String expected = random.nextInt(3) == 0 ? null : written.get(random.nextInt(written.size()));
        ops.add(KvInput.cas(key, expected, "c" + client + "x" + i));
      }
    }
    return ops;
  }

  /** One closed-loop client: the next operation goes out when the previous one is answered. */
  private static final class ClientRun {
    final int index;
    final List<KvInput> ops;
    final List<Location> proposers;
    final Function<Paxos.Request, Object> request;
    final int resends;
    final long[] called;
    final long[] returned;
    final KvOutput[] outputs;
    SimClient client;
    int next;

    ClientRun(int index, List<KvInput> ops, List<Location> proposers, Function<Paxos.Request, Object> request,
        int resends) {
      this.index = index;
      this.ops = ops;
      this.proposers = proposers;
      this.request = request;
      this.resends = resends;
      this.called = new long[ops.size()];
      this.returned = new long[ops.size()];
      this.outputs = new KvOutput[ops.size()];
      java.util.Arrays.fill(returned, Operation.PENDING);
    }

    void start(Simulation sim) {
      client = sim.client(this::onOutput);
      send(sim.nowMillis() + 10 + index * 7L);
    }

    /** Sends operation {@code next} at {@code at}, and again every RESEND_MILLIS. */
    private void send(long at) {
      int i = next;
      called[i] = at;
      KvInput op = ops.get(i);
      Paxos.Request r = new Paxos.Request(client.location(), i, op.op().name().toLowerCase(java.util.Locale.ROOT), op.key(),
          op.value() == null ? "" : op.value(), op.expected() == null ? "" : op.expected());
      for (int k = 0; k < resends; k++) {
        for (Location p : proposers) {
          client.sendAt(at + k * RESEND_MILLIS, p, request.apply(r));
        }
      }
    }

    private void onOutput(SimClient c, ClientOutput out) {
      long id = (Long) component(out.fact(), "id");
      if (id != next || returned[next] != Operation.PENDING) {
        return; // an answer to a resend of an earlier operation
      }
      boolean ok = (Boolean) component(out.fact(), "ok");
      String value = (String) component(out.fact(), "value");
      KvInput op = ops.get(next);
      outputs[next] = switch (op.op()) {
        case PUT -> KvOutput.ok();
        case GET -> KvOutput.read(ok ? value : null);
        case CAS -> KvOutput.cas(ok);
      };
      returned[next] = out.atMillis();
      next++;
      if (next < ops.size()) {
        send(out.atMillis());
      }
    }

    void record(List<Operation<KvInput, KvOutput>> history) {
      for (int i = 0; i < ops.size() && i <= next && i < ops.size(); i++) {
        if (i < next) {
          history.add(Operation.completed(index, called[i], returned[i], ops.get(i), outputs[i]));
        } else {
          history.add(Operation.pending(index, called[i], ops.get(i)));
        }
      }
    }
  }

  static Object component(Object fact, String name) {
    try {
      return fact.getClass().getMethod(name).invoke(fact);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(fact + " has no " + name, e);
    }
  }
}
