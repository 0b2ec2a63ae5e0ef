package dev.dedalus.protocols.paxos;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.Location;
import dev.dedalus.protocols.lin.KvInput;
import dev.dedalus.protocols.variants.ProgramVariant;
import dev.dedalus.runtime.sim.SimulationOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica executes a run of consecutive chosen slots per tick; a run must answer exactly as
 * executing its slots one per tick, in slot order, would. The workload is made to put much into one
 * run: six clients on two keys, puts, gets and compare-and-sets that mostly expect the client's own
 * last write to the key, and every request resent every 20 ms at first, so the leader chooses one
 * request in several slots close together, and a client's older requests are chosen again after its
 * newer ones (stale duplicates). The faults are {@link PaxosFaultsTest}'s, so leader changes add
 * re-proposals and no-ops.
 *
 * <p>The oracle is a sequential replay of the chosen log ({@link OneSlotPerTick}): every reply a replica
 * sends must be the one replay gives for a slot that replica answers ({@code slot % 3}), no more often
 * than such slots. That catches what a linearizability check can miss: a stale duplicate answered, a
 * duplicate applied twice whose effect no later read observes, a wrong value in an answer to a retry
 * the client had already stopped waiting for. The history must also be linearizable and fully
 * answered, and runs must really have been formed (replica ticks that answer two requests on one
 * key), or none of this tested batching.
 *
 * <p>Teeth: the negative controls below compile {@link Paxos} with one replica rule broken (a get
 * that reads the store, ignoring the writes earlier in its run; a request chosen twice in a run
 * applied twice), and the sweep must catch each. While this test was written, the first break was
 * also made by hand in {@code Paxos.java}, and this test failed until it was restored; so did these
 * breaks, each one line changed: a cas that ignores the puts earlier in its run ({@code casAfterPut}
 * never matching), a second cas of a key taken into the run of the first ({@code casWaits} never
 * matching), the store keeping the first write of a run to a key instead of the last ({@code
 * lastWrite} with {@code min}), a retry answered after a newer request of its client in the run
 * ({@code repeat} without {@code !Superseded}). On the seeds that caught them, the history was
 * linearizable and fully answered: only the replay oracle saw them. Breaks that closed-loop clients
 * cannot expose are {@link PaxosReplicaTest}'s.
 */
class PaxosReplicaRunsTest {
  static final int SEEDS = 30;

  /** Five sends 20 ms apart, to be chosen close together, then six every 300 ms to outlast the faults. */
  static final long[] RESENDS = {0, 20, 40, 60, 80, 300, 600, 900, 1_200, 1_500, 1_800};

  static final PaxosScenario.Workload FEW_KEYS = new PaxosScenario.Workload(6, 8, PaxosReplicaRunsTest::plan, RESENDS);

  /**
   * {@link PaxosFaultsTest#FAULTY} without loss: a workload that chooses so many slots fills the
   * acceptors' logs, and a new leader must receive every entry of f + 1 of them to be elected.
   */
  static final SimulationOptions HOSTILE = PaxosFaultsTest.FAULTY.toBuilder().lossProbability(0).build();

  /**
   * One client's operations on two keys: a quarter puts of fresh values, a quarter gets, half cas,
   * which expect the client's own last write to the key (so that some swap) or, one in four, absence.
   */
  static List<KvInput> plan(SplittableRandom random, int client, int operations) {
    List<KvInput> ops = new ArrayList<>();
    Map<String, String> mine = new HashMap<>();
    for (int i = 0; i < operations; i++) {
      String key = "k" + random.nextInt(2);
      int kind = random.nextInt(4);
      if (kind == 0) {
        String value = "c" + client + "v" + i;
        mine.put(key, value);
        ops.add(KvInput.put(key, value));
      } else if (kind == 1) {
        ops.add(KvInput.get(key));
      } else {
        String expected = random.nextInt(4) == 0 ? null : mine.get(key);
        String value = "c" + client + "x" + i;
        mine.put(key, value);
        ops.add(KvInput.cas(key, expected, value));
      }
    }
    return ops;
  }

  /** Replies that replay does not give, at the replica that sent them, or sent more often. */
  static String unexpectedReplies(PaxosScenario.Run run) {
    Map<List<Object>, Integer> allowed = new HashMap<>();
    OneSlotPerTick.answers(run.log()).forEach((slot, a) ->
        allowed.merge(List.of((int) (slot % 3), a.client(), a.id(), a.ok(), a.value()), 1, Integer::sum));
    StringBuilder problems = new StringBuilder();
    for (PaxosScenario.ReplicaReply r : run.replies()) {
      List<Object> reply = List.of(r.replica(), r.client(), r.id(), r.ok(), r.value());
      if (allowed.merge(reply, -1, Integer::sum) < 0) {
        problems.append("replica ").append(r.replica()).append(" tick ").append(r.tick()).append(" replied ")
            .append(r.client()).append(" id ").append(r.id()).append(": ").append(r.ok()).append(' ').append(r.value())
            .append(", which one-at-a-time execution does not; that request's slots: ")
            .append(slotsOf(run.log(), r.client(), r.id())).append('\n');
      }
    }
    return problems.toString();
  }

  private static List<Long> slotsOf(Map<Long, PaxosScenario.Command> log, Location client, long id) {
    return log.entrySet().stream().filter(e -> e.getValue().client().equals(client) && e.getValue().id() == id)
        .map(Map.Entry::getKey).sorted().toList();
  }

  /** Replica ticks that answered two different requests on one key: runs with a key twice. */
  static long sameKeyRuns(PaxosScenario.Run run) {
    Map<List<Object>, String> keyOf = new HashMap<>();
    run.log().values().forEach(c -> keyOf.put(List.of(c.client(), c.id()), c.key()));
    Map<List<Object>, Map<String, Long>> perTick = new HashMap<>();
    for (PaxosScenario.ReplicaReply r : run.replies()) {
      String key = keyOf.get(List.of(r.client(), r.id()));
      perTick.computeIfAbsent(List.of(r.replica(), r.tick()), t -> new HashMap<>()).merge(key, 1L, Long::sum);
    }
    return perTick.values().stream().filter(keys -> keys.values().stream().anyMatch(n -> n >= 2)).count();
  }

  static String check(PaxosScenario.Run run) {
    return PaxosFaultsTest.check(run) + unexpectedReplies(run);
  }

  @Test
  void runsAnswerAsOneSlotPerTickWould() {
    long sameKeyRuns = PaxosScenario.assertEverySeedPasses(FEW_KEYS, SEEDS, HOSTILE, PaxosFaultsTest.ACCEPTOR_AND_LEADER,
        PaxosReplicaRunsTest::check, PaxosReplicaRunsTest::sameKeyRuns);
    // Replicas must have executed runs with a key twice, or the sweep never tested batching.
    assertThat(sameKeyRuns).isAtLeast(SEEDS);
  }

  @Test
  void aGetThatIgnoresTheWritesEarlierInItsRunIsCaught(@TempDir Path work) {
    assertCaught(PaxosVariants.getIgnoresEarlierWritesOfItsRun(work));
  }

  @Test
  void aRequestAppliedAgainInItsRunIsCaught(@TempDir Path work) {
    assertCaught(PaxosVariants.appliesRepeatsInARun(work));
  }

  /** The same sweep, on a broken variant: some seed must give a reply one slot per tick does not. */
  private static void assertCaught(ProgramVariant variant) {
    PaxosScenario.assertCaught(variant, FEW_KEYS, SEEDS, HOSTILE, PaxosFaultsTest.ACCEPTOR_AND_LEADER,
        PaxosReplicaRunsTest::check);
  }
}
