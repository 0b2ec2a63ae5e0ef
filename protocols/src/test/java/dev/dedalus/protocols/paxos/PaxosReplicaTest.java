package dev.dedalus.protocols.paxos;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.Location;
import dev.dedalus.protocols.variants.ProgramVariant;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three replica stages of {@link Paxos}, driven by hand with random chosen logs: each replica
 * receives the log's commits in its own random order and chunks (gaps filled later, commits again,
 * sometimes the whole log at once, past the run's cap), and must answer exactly what executing the
 * log one slot per tick answers ({@link OneSlotPerTick}) for its slots, and report it executed the
 * whole log.
 *
 * <p>The logs go beyond what the closed-loop clients of the simulator tests produce: up to four
 * clients on one or two keys, retries of any recent request, requests whose client skipped an id
 * and sent the older one later (so a run may carry a client's newer request before its older one),
 * cas expecting any value written so far, and no-ops. The negative control compiles a replica that
 * applies a request although an earlier slot of its run carries a newer one of its client; closed-loop
 * clients never produce that, so only this test catches it. While this test was written, it also
 * caught, each within a few seeds, every break listed in {@link PaxosReplicaRunsTest} and one more
 * that sweep misses: the applied request remembered for a client whose run applies two being the
 * older ({@code lastApplied} with {@code min}). The replicas as they were before runs, one slot per
 * tick, pass it.
 */
class PaxosReplicaTest {
  static final int SEEDS = 300;

  /** A random chosen log of {@code slots} slots. */
  static Map<Long, PaxosScenario.Command> randomLog(SplittableRandom random, int slots) {
    int clients = 1 + random.nextInt(4);
    int keys = 1 + random.nextInt(2);
    Map<Long, PaxosScenario.Command> log = new TreeMap<>();
    List<List<PaxosScenario.Command>> issued = new ArrayList<>();
    List<List<Long>> skipped = new ArrayList<>();
    long[] next = new long[clients];
    for (int c = 0; c < clients; c++) {
      issued.add(new ArrayList<>());
      skipped.add(new ArrayList<>());
    }
    Map<String, List<String>> written = new HashMap<>();
    for (long slot = 0; slot < slots; slot++) {
      int c = random.nextInt(clients);
      Location client = new Location(Topology.FIRST_CLIENT_ID + c);
      List<PaxosScenario.Command> mine = issued.get(c);
      int draw = random.nextInt(20);
      if (draw == 0) {
        log.put(slot, new PaxosScenario.Command(client, -1, "noop", "", "", ""));
        continue;
      }
      if (draw < 8 && !mine.isEmpty()) {
        log.put(slot, mine.get(mine.size() - 1 - random.nextInt(Math.min(3, mine.size()))));
        continue;
      }
      long id;
      if (draw == 8 && !skipped.get(c).isEmpty()) {
        id = skipped.get(c).remove(0); // an older request, after a newer one
      } else {
        if (random.nextInt(6) == 0) {
          skipped.get(c).add(next[c]++);
        }
        id = next[c]++;
      }
      String key = "k" + random.nextInt(keys);
      List<String> values = written.computeIfAbsent(key, k -> new ArrayList<>());
      PaxosScenario.Command command = switch (random.nextInt(3)) {
        case 0 -> new PaxosScenario.Command(client, id, "put", key, "v" + slot, "");
        case 1 -> new PaxosScenario.Command(client, id, "get", key, "", "");
        default -> new PaxosScenario.Command(client, id, "cas", key, "x" + slot,
            values.isEmpty() || random.nextInt(4) == 0 ? "" : values.get(random.nextInt(values.size())));
      };
      if (!command.op().equals("get")) {
        values.add(command.value());
      }
      mine.add(command);
      log.put(slot, command);
    }
    return log;
  }

  /** One replica stage, fed commits of {@code program} and watched for replies and reports. */
  static final class Replica {
    final Stage stage;
    final RelationCodec<?> commit;
    final List<OneSlotPerTick.Answer> replies = new ArrayList<>();
    final List<Long> progress = new ArrayList<>();
    long nowMillis;

    Replica(DedalusProgram program, int instance) {
      Topology topology = PaxosScenario.topology(program);
      this.stage = topology.newStage(topology.nodes().stream()
          .filter(n -> n.role().equals("Replica") && n.instance() == instance).findFirst().orElseThrow());
      this.commit = program.codecs().stream().filter(c -> c.relationName().equals("Commit")).findFirst().orElseThrow();
    }

    void deliver(long slot, PaxosScenario.Command c) {
      try {
        Object fact = commit.type().getConstructors()[0].newInstance(slot, c.client(), c.id(), c.op(), c.key(), c.value(),
            c.expected());
        if (!stage.accept(commit.relationId(), fact)) {
          throw new IllegalStateException("the replica refused " + fact);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * Ticks until the stage needs no further tick, 50 ms after the previous settle, so that the
     * report timer fires at the first of these ticks (and reports where that tick starts).
     */
    void settle() {
      Outbound out = new Outbound() {
        @Override
        public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
          if (codec.relationName().equals("Reply")) {
            replies.add(new OneSlotPerTick.Answer(destination, (Long) PaxosScenario.component(fact, "id"),
                (Boolean) PaxosScenario.component(fact, "ok"), (String) PaxosScenario.component(fact, "value")));
          } else if (codec.relationName().equals("Progress")) {
            progress.add((Long) PaxosScenario.component(fact, "next"));
          }
        }
      };
      nowMillis += 50;
      for (int ticks = 0; ticks < 10_000; ticks++) {
        if (!stage.tick(nowMillis, out)) {
          return;
        }
      }
      throw new IllegalStateException("the replica never settles");
    }
  }

  /**
   * What is wrong with replica {@code instance} of {@code program} fed {@code log} in a random
   * order: replies that executing one slot per tick does not give for its slots (or gives fewer
   * times), replies it does give that are missing, and a last report that is not the log's end.
   */
  static String check(DedalusProgram program, int instance, Map<Long, PaxosScenario.Command> log, SplittableRandom random) {
    Replica replica = new Replica(program, instance);
    replica.settle(); // the first tick starts the replica at slot 0
    List<Long> order = new ArrayList<>(log.keySet());
    int spread = 1 + random.nextInt(80);
    Map<Long, Long> rank = new HashMap<>();
    order.forEach(s -> rank.put(s, s + random.nextInt(spread)));
    order.sort(Comparator.comparing(rank::get));
    int at = 0;
    while (at < order.size()) {
      int chunk = random.nextInt(10) == 0 ? order.size() : 1 + random.nextInt(40);
      for (int i = at; i < Math.min(order.size(), at + chunk); i++) {
        replica.deliver(order.get(i), log.get(order.get(i)));
        if (random.nextInt(10) == 0) { // a commit again, maybe of a slot executed already
          long again = order.get(random.nextInt(i + 1));
          replica.deliver(again, log.get(again));
        }
      }
      at += chunk;
      replica.settle();
    }
    replica.settle(); // reports where the replica stopped
    Map<OneSlotPerTick.Answer, Integer> allowed = new HashMap<>();
    OneSlotPerTick.answers(log).forEach((slot, a) -> {
      if (slot % 3 == instance) {
        allowed.merge(a, 1, Integer::sum);
      }
    });
    StringBuilder problems = new StringBuilder();
    Set<OneSlotPerTick.Answer> missing = new HashSet<>(allowed.keySet());
    for (OneSlotPerTick.Answer reply : replica.replies) {
      missing.remove(reply);
      if (allowed.merge(reply, -1, Integer::sum) < 0) {
        problems.append("replied ").append(reply).append(", not an answer of its slots ").append(slotsOf(log, reply))
            .append(" (or not that often)\n");
      }
    }
    missing.forEach(a -> problems.append("never replied ").append(a).append(" of slots ").append(slotsOf(log, a))
        .append('\n'));
    long reported = replica.progress.get(replica.progress.size() - 1);
    if (reported != log.size()) {
      problems.append("reports it executes slot ").append(reported).append(" next, after a log of ").append(log.size())
          .append('\n');
    }
    return problems.toString();
  }

  private static List<Long> slotsOf(Map<Long, PaxosScenario.Command> log, OneSlotPerTick.Answer a) {
    return log.entrySet().stream().filter(e -> e.getValue().client().equals(a.client()) && e.getValue().id() == a.id())
        .map(Map.Entry::getKey).toList();
  }

  /** One slot a line: slot, client and id, the operation, key, value and expected value. */
  static String describe(Map<Long, PaxosScenario.Command> log) {
    StringBuilder text = new StringBuilder();
    log.forEach((slot, c) -> text.append(slot).append(": c").append(c.client().id() - Topology.FIRST_CLIENT_ID).append('#')
        .append(c.id()).append(' ').append(c.op()).append(' ').append(c.key()).append(" \"").append(c.value())
        .append("\" \"").append(c.expected()).append("\"\n"));
    return text.toString();
  }

  /** The problems of the first seed that finds any, or "". */
  static String sweep(DedalusProgram program) {
    for (long seed = 1; seed <= SEEDS; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      Map<Long, PaxosScenario.Command> log = randomLog(random, 1 + random.nextInt(200));
      for (int instance = 0; instance < 3; instance++) {
        String problems = check(program, instance, log, random.split());
        if (!problems.isEmpty()) {
          return "seed " + seed + ", replica " + instance + ":\n" + problems + "log:\n" + describe(log);
        }
      }
    }
    return "";
  }

  @Test
  void replicasAnswerRandomLogsAsOneSlotPerTickWould() {
    assertWithMessage("replies that differ from one slot per tick").that(sweep(Paxos_Program.INSTANCE)).isEmpty();
  }

  @Test
  void applyingARequestAfterANewerOneOfItsClientIsCaught(@TempDir Path work) {
    ProgramVariant variant = PaxosVariants.appliesStaleRequestsInARun(work);
    assertWithMessage("no seed caught %s", variant.program().name()).that(sweep(variant.program())).isNotEmpty();
  }
}
