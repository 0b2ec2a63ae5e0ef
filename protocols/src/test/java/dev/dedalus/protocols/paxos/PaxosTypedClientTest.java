package dev.dedalus.protocols.paxos;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.Location;
import dev.dedalus.protocols.rewrites.Differential;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.ClientOutput;
import dev.dedalus.runtime.sim.SimDurability;
import dev.dedalus.runtime.sim.Simulation;
import dev.dedalus.runtime.sim.SimulationOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paxos driven through its generated typed client, {@code Paxos_Client}, whose {@code Request} is
 * {@code @Answered} by {@code Reply}: each call goes to both proposers, and {@code resendDue}, called
 * as virtual time passes, sends unanswered calls again. Messages are delayed, duplicated and lost,
 * and the leader is stopped mid-run for good, so calls it took are lost with it and only a resend to
 * the new leader gets them answered. Every call must reach the listener exactly once, with the value
 * the client's own puts and gets imply.
 */
class PaxosTypedClientTest {
  static final int SEEDS = 20;
  static final int CLIENTS = 3;
  /** Put, then get, of one key per client, this many times over. */
  static final int ROUNDS = 4;
  /** How often the clients look for calls to send again; a client's own timer would do the same. */
  static final long RESEND_CHECK_MILLIS = 50;
  /** When the leader is stopped, for good: while every seed's clients still have calls to make. */
  static final long STOP_LEADER_AT_MILLIS = 400;
  /** Past this, a run whose calls are not all answered has failed; timers still fire until the horizon. */
  static final long DEADLINE_MILLIS = 6_000;

  static final SimulationOptions FAULTY = Differential.HOSTILE.toBuilder()
      .lossProbability(0.02)
      .timerHorizonMillis(DEADLINE_MILLIS + 1_000)
      .build();

  /** What one run left: per client, every answer the listener got, and how the client got there. */
  record Run(List<ClientDriver> clients, boolean takenOver) {
    int unanswered() {
      return clients.stream().mapToInt(c -> c.client.pending() + c.notCalled()).sum();
    }

    long resent() {
      return clients.stream().mapToLong(c -> c.resent).sum();
    }

    long droppedAnswers() {
      return clients.stream().mapToLong(c -> c.dropped).sum();
    }

    long lastAnswerMillis() {
      return clients.stream().mapToLong(c -> c.lastAnswerMillis).max().orElse(0);
    }
  }

  @Test
  void everyCallIsAnsweredOnceWithItsValueDespiteLossAndALostLeader() {
    long dropped = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      Run run = run(seed, true);
      for (ClientDriver c : run.clients()) {
        assertWithMessage("seed %s, client %s: answers the listener got", seed, c.index)
            .that(c.answers).containsExactlyElementsIn(c.expected()).inOrder();
        assertWithMessage("seed %s, client %s: calls still pending", seed, c.index).that(c.client.pending()).isEqualTo(0);
      }
      // The run must have outlived its leader and needed resends, or it tested neither.
      assertWithMessage("seed %s: another proposer took over from the stopped leader", seed).that(run.takenOver()).isTrue();
      assertWithMessage("seed %s: last answer", seed).that(run.lastAnswerMillis()).isGreaterThan(STOP_LEADER_AT_MILLIS);
      assertWithMessage("seed %s: calls sent again", seed).that(run.resent()).isGreaterThan(0L);
      dropped += run.droppedAnswers();
    }
    // Duplicate answers came (the network duplicates, and a resent call may be answered twice) and were dropped.
    assertThat(dropped).isGreaterThan(0L);
  }

  /** The negative control: the same runs without resends leave calls unanswered. */
  @Test
  void withoutResendsSomeCallsStayUnanswered() {
    int seedsWithUnanswered = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      Run run = run(seed, false);
      assertWithMessage("seed %s: nothing was resent", seed).that(run.resent()).isEqualTo(0L);
      if (run.unanswered() > 0) {
        seedsWithUnanswered++;
      }
    }
    // Calls sent before any proposer leads, or taken by the stopped leader, are lost without a resend.
    assertThat(seedsWithUnanswered).isAtLeast(SEEDS / 2);
  }

  /**
   * Without a network: a call goes to both proposers, and again to both once it has waited 500 ms;
   * a call to one proposer goes, and goes again, to that one; its answer reaches the listener once.
   */
  @Test
  void callsGoToTheirDestinationsAgainAfterTheResendTimeAndAreAnsweredOnce() {
    Topology topology = PaxosScenario.topology(Paxos_Program.INSTANCE);
    List<Location> proposers = topology.addressesOf("Proposer");
    List<String> sent = new ArrayList<>();
    Outbound recording = new Outbound() {
      @Override
      public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
        sent.add(((Paxos.Request) fact).id() + "->" + destination.id());
      }
    };
    Location self = new Location(Topology.FIRST_CLIENT_ID);
    Paxos_Client client = new Paxos_Client(self, recording, topology);
    List<Paxos.Reply> heard = new ArrayList<>();
    Paxos_Client.Listener listener = new Paxos_Client.Listener() {
      @Override
      public void onReply(Paxos.Reply fact) {
        heard.add(fact);
      }
    };

    client.call(new Paxos.Request(self, 7, "get", "k", "", ""), 100);
    client.call(1, new Paxos.Request(self, 8, "get", "k", "", ""), 300);
    String sevenToFirst = "7->" + proposers.get(0).id();
    String sevenToSecond = "7->" + proposers.get(1).id();
    String eightToSecond = "8->" + proposers.get(1).id();
    assertThat(sent).containsExactly(sevenToFirst, sevenToSecond, eightToSecond).inOrder();
    assertThat(client.pending()).isEqualTo(2);
    assertThat(client.nextResendMillis()).isEqualTo(600);

    assertThat(client.resendDue(599)).isEqualTo(0);
    assertThat(client.resendDue(600)).isEqualTo(1);
    assertThat(client.resendDue(800)).isEqualTo(1);
    assertThat(sent).containsExactly(sevenToFirst, sevenToSecond, eightToSecond, sevenToFirst, sevenToSecond, eightToSecond).inOrder();

    int replyId = Paxos_Codecs.REPLY.relationId();
    Paxos.Reply answer = new Paxos.Reply(7, true, "x");
    assertThat(client.accept(replyId, answer, listener)).isTrue();
    assertThat(client.accept(replyId, answer, listener)).isFalse();
    assertThat(heard).containsExactly(answer);
    assertThat(client.pending()).isEqualTo(1);
    assertThat(client.resendDue(5_000)).isEqualTo(1);
    assertThat(sent.subList(6, sent.size())).containsExactly(eightToSecond);
    // The static dispatch is unchanged: it hands every output over, answered or not.
    assertThat(Paxos_Client.dispatch(replyId, answer, listener)).isTrue();
    assertThat(heard).containsExactly(answer, answer);
  }

  /** Runs one seed; with {@code resend} false, {@code resendDue} is never called. */
  static Run run(long seed, boolean resend) {
    Topology topology = PaxosScenario.topology(Paxos_Program.INSTANCE);
    SimDurability durability = new SimDurability();
    Simulation sim = new Simulation(topology, seed, FAULTY, durability.stageFactory(topology));
    PaxosScenario.LeaderTracker leader = new PaxosScenario.LeaderTracker();
    sim.watchSends((at, from, to, fact) -> {
      if (fact instanceof Paxos.Heartbeat) {
        leader.heartbeat(at, from.location());
      }
    });
    List<ClientDriver> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      ClientDriver driver = new ClientDriver(c, sim, topology);
      clients.add(driver);
      sim.at(10 + c * 7L, "client " + c + " starts", driver::callNext);
      if (resend) {
        sim.at(RESEND_CHECK_MILLIS, "client " + c + " resends", () -> driver.resendDue(sim));
      }
    }
    Location[] stopped = new Location[1];
    sim.at(STOP_LEADER_AT_MILLIS, "stop the leader", () -> {
      stopped[0] = leader.current;
      if (stopped[0] != null) {
        sim.stop(stopped[0]);
      }
    });
    sim.run(20_000_000);
    return new Run(clients, stopped[0] != null && !stopped[0].equals(leader.current));
  }

  /** Call {@code 2i} of client {@code c} puts {@code c<c>v<i>} under its own key {@code k<c>}, call {@code 2i + 1} gets it. */
  static Paxos.Request request(int client, Location self, int call) {
    String key = "k" + client;
    String value = "c" + client + "v" + (call / 2);
    return call % 2 == 0
        ? new Paxos.Request(self, call, "put", key, value, "")
        : new Paxos.Request(self, call, "get", key, "", "");
  }

  /** The answers to a client's first {@code calls} calls: a put is ok with the value written, the get after it reads it. */
  static List<Paxos.Reply> expected(int client, int calls) {
    List<Paxos.Reply> out = new ArrayList<>();
    for (int call = 0; call < calls; call++) {
      out.add(new Paxos.Reply(call, true, "c" + client + "v" + (call / 2)));
    }
    return out;
  }

  /**
   * One closed-loop client on its own key: put a fresh value, get it back, {@link #ROUNDS} times;
   * the next call goes out when the listener gets the previous one's answer.
   */
  static final class ClientDriver implements Paxos_Client.Listener {
    final int index;
    final Simulation sim;
    final Paxos_Client client;
    final List<Paxos.Reply> answers = new ArrayList<>();
    long resent;
    long dropped;
    long lastAnswerMillis;
    int next;

    ClientDriver(int index, Simulation sim, Topology topology) {
      this.index = index;
      this.sim = sim;
        // The simulated client's handler hands outputs to the typed client, which is built on it.
      Paxos_Client[] typed = new Paxos_Client[1];
      var simClient = sim.client((c, out) -> accept(typed[0], out));
      typed[0] = new Paxos_Client(simClient.location(), simClient.outbound(), topology);
      this.client = typed[0];
    }

    private void accept(Paxos_Client typed, ClientOutput out) {
      if (!typed.accept(out.relationId(), out.fact(), this)) {
        dropped++;
      }
    }

    List<Paxos.Reply> expected() {
      return PaxosTypedClientTest.expected(index, 2 * ROUNDS);
    }

    int notCalled() {
      return 2 * ROUNDS - next;
    }

    void callNext() {
      client.call(request(index, client.self(), next++), sim.nowMillis());
    }

    @Override
    public void onReply(Paxos.Reply fact) {
      answers.add(fact);
      lastAnswerMillis = sim.nowMillis();
      if (next < 2 * ROUNDS) {
        callNext();
      }
    }

    /** Resends what is due, then looks again later while calls remain, until the deadline. */
    void resendDue(Simulation sim) {
      resent += client.resendDue(sim.nowMillis());
      long later = sim.nowMillis() + RESEND_CHECK_MILLIS;
      if ((client.pending() > 0 || notCalled() > 0) && later <= DEADLINE_MILLIS) {
        sim.at(later, "client " + index + " resends", () -> resendDue(sim));
      }
    }
  }
}
