package dev.dedalus.protocols.paxos;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.Location;
import dev.dedalus.protocols.lin.KvInput;
import dev.dedalus.protocols.lin.KvOutput;
import dev.dedalus.protocols.lin.Operation;
import dev.dedalus.protocols.variants.ProgramVariant;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.ClientOutput;
import dev.dedalus.runtime.sim.SimClient;
import dev.dedalus.runtime.sim.SimDurability;
import dev.dedalus.runtime.sim.Simulation;
import dev.dedalus.runtime.sim.SimulationOptions;
import dev.dedalus.runtime.sim.SimulationResult;
import dev.dedalus.runtime.sim.StageFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A Paxos run in the simulator with closed-loop clients on the key-value store, recording each
 * operation's call and return in virtual time for the linearizability checker, every value
 * proposers commit per slot, and every reply each replica sends, by tick.
 *
 * <p>Each client of the {@link Workload} performs its planned operations one at a time: it sends an
 * operation to every proposer (only the leader proposes it) and again at each of the workload's
 * resend offsets, then the next once it is answered. The resends are scheduled when the operation
 * is first sent, so those after its answer arrive as stale duplicates. An operation is called when
 * first sent and returns at its first reply; one never answered stays pending.
 */
final class PaxosScenario {
  /** Plans one client's operations. */
  interface Planner {
    List<KvInput> plan(SplittableRandom random, int client, int operations);
  }

  /**
   * What the clients do.
   *
   * @param resendOffsets when a client sends each operation, in milliseconds after its first send
   *     (which is offset 0)
   */
  record Workload(int clients, int operations, Planner planner, long[] resendOffsets) {
    /** How many operations all clients perform. */
    int requests() {
      return clients * operations;
    }
  }

  /** Three clients of six operations on two keys, sent every 300 ms, 30 times. */
  static final Workload THREE_CLIENTS = new Workload(3, 6, PaxosScenario::plan, every(300, 30));

  /** {@code count} offsets {@code millis} apart, from 0. */
  static long[] every(long millis, int count) {
    long[] offsets = new long[count];
    for (int k = 0; k < count; k++) {
      offsets[k] = k * millis;
    }
    return offsets;
  }

  /** A chosen command, as a replica executes it. */
  record Command(Location client, long id, String op, String key, String value, String expected) {}

  /** A reply a replica sent: the replica's index, its tick, and the reply. */
  record ReplicaReply(int replica, long tick, Location client, long id, boolean ok, String value) {}

  /**
   * What a run left: its result, how many operations its clients planned, its history, the values
   * committed per slot, who led when, the command chosen per slot (the first committed), the
   * replies replicas sent, and the simulation and durable logs as they ended, to look into the
   * nodes' state.
   */
  record Run(SimulationResult result, int requests, List<Operation<KvInput, KvOutput>> history,
      Map<Long, List<String>> committedPerSlot, List<String> leaders, Map<Long, Command> log, List<ReplicaReply> replies,
      Topology topology, Simulation sim, SimDurability durability) {

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

  /**
   * @param request builds the program's request fact from this test's (so a variant program with
   *     its own records can be driven the same way); identity for {@link Paxos}
   */
  static Run run(DedalusProgram program, Workload workload, long seed, SimulationOptions options, Faults faults,
      Function<Paxos.Request, Object> request) {
    Topology topology = topology(program);
    SimDurability durability = new SimDurability();
    List<ReplicaReply> replies = new ArrayList<>();
    Simulation sim = new Simulation(topology, seed, options, recordingReplies(durability.stageFactory(topology), replies));
    LeaderTracker leader = new LeaderTracker();
    Map<Long, List<String>> committed = new HashMap<>();
    Map<Long, Command> log = new HashMap<>();
    sim.watchSends((at, from, to, fact) -> {
      String name = fact.getClass().getSimpleName();
      if (name.equals("Heartbeat")) {
        leader.heartbeat(at, from.location());
      } else if (name.equals("Commit")) {
        String text = fact.toString();
        long slot = slotOf(text);
        committed.computeIfAbsent(slot, s -> new ArrayList<>()).add(text.substring(text.indexOf(',') + 1));
        log.putIfAbsent(slot, new Command((Location) component(fact, "client"), (Long) component(fact, "id"),
            (String) component(fact, "op"), (String) component(fact, "key"), (String) component(fact, "value"),
            (String) component(fact, "expected")));
      }
    });
    SplittableRandom random = new SplittableRandom(seed * 31 + 7);
    List<ClientRun> clients = new ArrayList<>();
    for (int c = 0; c < workload.clients(); c++) {
      clients.add(new ClientRun(c, workload.planner().plan(random, c, workload.operations()), workload.resendOffsets(),
          topology.addressesOf("Proposer"), request));
    }
    for (ClientRun client : clients) {
      client.start(sim);
    }
    faults.schedule(sim, topology, leader);
    SimulationResult result = sim.run(20_000_000);
    List<Operation<KvInput, KvOutput>> history = new ArrayList<>();
    clients.forEach(c -> c.record(history));
    return new Run(result, workload.requests(), history, committed, leader.changes, log, replies, topology, sim,
        durability);
  }

  /**
   * Runs {@link Paxos} seed after seed from 1 to {@code seeds}; every run must pass {@code check}.
   *
   * @return the sum over the runs of {@code measure}, for the caller to check the sweep did what it
   *     is for
   */
  static long assertEverySeedPasses(Workload workload, int seeds, SimulationOptions options, Faults faults,
      Function<Run, String> check, ToLongFunction<Run> measure) {
    long sum = 0;
    for (long seed = 1; seed <= seeds; seed++) {
      Run run = run(Paxos_Program.INSTANCE, workload, seed, options, faults, r -> r);
      String problems = check.apply(run);
      assertWithMessage("seed %s:\n%sleaders: %s\n%s", seed, problems, run.leaders(), run.result())
          .that(problems).isEmpty();
      sum += measure.applyAsLong(run);
    }
    return sum;
  }

  /**
   * Runs the broken {@code variant} of {@link Paxos} as {@link #run} runs it, seed after seed from 1,
   * until {@code check} finds a problem; fails if no seed up to {@code seeds} does.
   */
  static void assertCaught(ProgramVariant variant, Workload workload, int seeds, SimulationOptions options, Faults faults,
      Function<Run, String> check) {
    for (long seed = 1; seed <= seeds; seed++) {
      Run run = run(variant.program(), workload, seed, options, faults,
          r -> variant.fact("Request", r.client(), r.id(), r.op(), r.key(), r.value(), r.expected()));
      if (!check.apply(run).isEmpty()) {
        return;
      }
    }
    throw new AssertionError("no seed of " + seeds + " caught " + variant.program().name());
  }

  /** Builds stages as {@code stages} does, and records every reply a replica's tick sends. */
  private static StageFactory recordingReplies(StageFactory stages, List<ReplicaReply> replies) {
    return (node, incarnation) -> {
      Stage stage = stages.newStage(node, incarnation);
      return node.role().equals("Replica") ? new ReplyRecorder(stage, node.instance(), replies) : stage;
    };
  }

  /** A replica's stage that numbers its ticks and records the replies each one sends. */
  private static final class ReplyRecorder implements Stage {
    final Stage stage;
    final int replica;
    final List<ReplicaReply> replies;
    long ticks;

    ReplyRecorder(Stage stage, int replica, List<ReplicaReply> replies) {
      this.stage = stage;
      this.replica = replica;
      this.replies = replies;
    }

    @Override
    public String role() {
      return stage.role();
    }

    @Override
    public boolean accept(int relationId, Object fact) {
      return stage.accept(relationId, fact);
    }

    @Override
    public boolean tick(long nowMillis, Outbound out) {
      long tick = ticks++;
      return stage.tick(nowMillis, new Outbound() {
        @Override
        public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
          if (fact.getClass().getSimpleName().equals("Reply")) {
            replies.add(new ReplicaReply(replica, tick, destination, (Long) component(fact, "id"),
                (Boolean) component(fact, "ok"), (String) component(fact, "value")));
          }
          out.send(destination, codec, fact);
        }
      });
    }

    @Override
    public boolean hasInput() {
      return stage.hasInput();
    }

    @Override
    public long nextTimerMillis() {
      return stage.nextTimerMillis();
    }

    @Override
    public boolean restore(int relationId, Object fact) {
      return stage.restore(relationId, fact);
    }
  }

  private static long slotOf(String commitText) {
    // Commit[slot=3, client=..]: the record's own toString
    int eq = commitText.indexOf('=');
    int comma = commitText.indexOf(',');
    return Long.parseLong(commitText.substring(eq + 1, comma));
  }

  /** A client's operations: puts of fresh values, gets, and compare-and-sets on two keys. */
  static List<KvInput> plan(SplittableRandom random, int client, int operations) {
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
    final long[] resendOffsets;
    final List<Location> proposers;
    final Function<Paxos.Request, Object> request;
    final long[] called;
    final long[] returned;
    final KvOutput[] outputs;
    SimClient client;
    int next;

    ClientRun(int index, List<KvInput> ops, long[] resendOffsets, List<Location> proposers,
        Function<Paxos.Request, Object> request) {
      this.index = index;
      this.ops = ops;
      this.resendOffsets = resendOffsets;
      this.proposers = proposers;
      this.request = request;
      this.called = new long[ops.size()];
      this.returned = new long[ops.size()];
      this.outputs = new KvOutput[ops.size()];
      java.util.Arrays.fill(returned, Operation.PENDING);
    }

    void start(Simulation sim) {
      client = sim.client(this::onOutput);
      send(sim.nowMillis() + 10 + index * 7L);
    }

    /** Sends operation {@code next} at {@code at}, and again at each resend offset. */
    private void send(long at) {
      int i = next;
      called[i] = at;
      KvInput op = ops.get(i);
      Paxos.Request r = new Paxos.Request(client.location(), i, op.op().name().toLowerCase(java.util.Locale.ROOT), op.key(),
          op.value() == null ? "" : op.value(), op.expected() == null ? "" : op.expected());
      for (long offset : resendOffsets) {
        for (Location p : proposers) {
          client.sendAt(at + offset, p, request.apply(r));
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
