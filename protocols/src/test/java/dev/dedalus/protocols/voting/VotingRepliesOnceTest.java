package dev.dedalus.protocols.voting;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.Location;
import dev.dedalus.protocols.rewrites.Differential;
import dev.dedalus.protocols.rewrites.RepliesTwice;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.ClientOutput;
import dev.dedalus.runtime.sim.SimClient;
import dev.dedalus.runtime.sim.Simulation;
import dev.dedalus.runtime.sim.SimulationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Voting promises one reply per request. Under schedules that reorder, delay and batch but never
 * duplicate a message (so a second reply could only be the plan's doing), every request is
 * answered exactly once, with its own payload, over 300 seeds: for the base plan, and for the
 * optimized plan at 1, 3 and 5 partitions. Output-set comparison would pass a plan that replied
 * twice; counting replies per (client, id) does not, as the negative controls show.
 */
class VotingRepliesOnceTest {
  private static final int SEEDS = 300;
  private static final int CLIENTS = 3;
  private static final int REQUESTS_PER_CLIENT = 8;

  /** A request, as its reply identifies it. */
  record Request(Location client, long id) {}

  private static Topology topology(DedalusProgram plan, int partitions) {
    Topology.Builder b = Topology.builder(plan).instances("Participant", VotingWorkload.PARTICIPANTS);
    plan.partitionedRoles().forEach(role -> b.partitions(role, partitions));
    return b.build();
  }

  private static SimulationResult run(DedalusProgram plan, int partitions, long seed) {
    Simulation sim = new Simulation(topology(plan, partitions), seed, Differential.NON_DUPLICATING);
    Location leader = sim.node(plan.inputRole(Voting.ClientIn.class), 0);
    for (int c = 0; c < CLIENTS; c++) {
      SimClient client = sim.client();
      for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
        long id = c * 1_000L + r;
        client.sendAt(r * 3L, leader, new Voting.ClientIn(client.location(), id, "payload-" + id));
      }
    }
    SimulationResult result = sim.run(1_000_000);
    assertWithMessage("seed %s: %s", seed, result).that(result.quiescent()).isTrue();
    return result;
  }

  /** Every request that was not answered exactly once with its own payload, and every stray reply. */
  static List<String> violations(SimulationResult result) {
    Map<Request, Integer> replies = new LinkedHashMap<>();
    List<String> found = new ArrayList<>();
    for (ClientOutput o : result.outputs()) {
      Voting.ClientOut reply = (Voting.ClientOut) o.fact();
      replies.merge(new Request(o.client(), reply.id()), 1, Integer::sum);
      if (!reply.payload().equals("payload-" + reply.id())) {
        found.add("reply " + reply + " to client " + o.client().id() + " carries another request's payload");
      }
    }
    for (int c = 0; c < CLIENTS; c++) {
      Location client = new Location(Topology.FIRST_CLIENT_ID + c);
      for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
        Integer n = replies.remove(new Request(client, c * 1_000L + r));
        if (n == null || n != 1) {
          found.add("request " + (c * 1_000L + r) + " of client " + client.id() + " answered " + (n == null ? 0 : n) + " times");
        }
      }
    }
    replies.forEach((request, n) -> found.add("reply to " + request + ", which was never sent, " + n + " times"));
    return found;
  }

  private static void assertEveryRequestAnsweredOnce(String plan, int partitions) {
    for (long seed = 1; seed <= SEEDS; seed++) {
      List<String> violations = violations(run(Voting_Plans.plan(plan), partitions, seed));
      assertWithMessage("%s plan at %s partition(s), seed %s", plan, partitions, seed).that(violations).isEmpty();
    }
  }

  @Test
  void basePlanAnswersEveryRequestOnce() {
    assertEveryRequestAnsweredOnce("base", 1);
  }

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {1, 3, 5})
  void optimizedPlanAnswersEveryRequestOnce(int partitions) {
    assertEveryRequestAnsweredOnce("optimized", partitions);
  }

  @Test
  void theScheduleReordersDelaysAndBatchesButNeverDuplicates() {
    SimulationResult result = run(Voting_Plans.plan("optimized"), 3, 42);
    assertThat(result.counters().duplicated()).isEqualTo(0L);
    assertThat(result.counters().reordered()).isGreaterThan(0L);
    assertThat(result.counters().delayed()).isGreaterThan(0L);
    assertThat(result.counters().batchedTicks()).isGreaterThan(0L);
  }

  // ---- negative controls: the count catches a second reply that the output set hides

  @Test
  void aPlanThatRepliesTwiceInOneTickIsCaught() {
    SimulationResult result = run(new RepliesTwice(Voting_Plans.plan("optimized"), RepliesTwice.When.SAME_TICK), 3, 1);
    assertThat(violations(result)).hasSize(CLIENTS * REQUESTS_PER_CLIENT);
    assertThat(violations(result)).contains("request 1003 of client 1000001 answered 2 times");
  }

  @Test
  void aPlanThatRepliesAgainLaterIsCaught() {
    SimulationResult result = run(new RepliesTwice(Voting_Plans.plan("base"), RepliesTwice.When.NEXT_TICK), 1, 1);
    assertThat(violations(result)).hasSize(CLIENTS * REQUESTS_PER_CLIENT);
    assertThat(violations(result)).contains("request 5 of client 1000000 answered 2 times");
  }
}
