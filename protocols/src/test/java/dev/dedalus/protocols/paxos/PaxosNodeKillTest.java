package dev.dedalus.protocols.paxos;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.protocols.deploy.DeployedNodes;
import dev.dedalus.protocols.deploy.DeploymentFile;
import dev.dedalus.protocols.deploy.NodeProcesses;
import dev.dedalus.protocols.lin.CheckResult;
import dev.dedalus.protocols.lin.KvInput;
import dev.dedalus.protocols.lin.KvModel;
import dev.dedalus.protocols.lin.KvOutput;
import dev.dedalus.protocols.lin.Linearizability;
import dev.dedalus.protocols.lin.Operation;
import dev.dedalus.protocols.load.ClosedLoop;
import dev.dedalus.protocols.load.LoadResult;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.aeron.CncCounters;
import dev.dedalus.runtime.aeron.Counter;
import dev.dedalus.runtime.aeron.LocalCluster;
import dev.dedalus.runtime.deploy.Clients;
import dev.dedalus.runtime.deploy.TopologyFile;
import io.aeron.CncFileDescriptor;
import java.io.File;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paxos deployed as one process per node on loopback UDP (two proposers, three acceptors, three
 * replicas; durable relations on Chronicle queues, {@code sync = os}), driven by closed-loop clients
 * in this JVM that connect to the deployment as {@code dedalus run --topology} does and record every
 * operation's call and return for the linearizability checker. Mid-run, the leading proposer or an
 * acceptor (a seeded choice) is killed with SIGKILL and started again on its data directory. Every
 * request must be answered, none wrongly, and the history must be linearizable; the checker is
 * shown to reject the same history with one read changed.
 */
@Timeout(value = 110, unit = TimeUnit.SECONDS) // guards against a hang, not a speed goal
class PaxosNodeKillTest {
  /** Picks the node to kill; printed, and settable with -Ddedalus.kill.seed=N to replay a run. */
  static final long SEED = Long.getLong("dedalus.kill.seed", System.currentTimeMillis());
  static final PaxosWorkload PAXOS = new PaxosWorkload();
  static final int CLIENTS = 8;
  static final int REQUESTS = 1_500;
  static final int ANSWERED_BEFORE_KILL = 500;

  @TempDir
  Path work;

  @Test
  void everyRequestIsAnsweredLinearizablyAcrossTheKillOfANode() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    boolean leader = random.nextBoolean();
    int acceptor = random.nextInt(3);
    try (NodeProcesses processes = new NodeProcesses(work.resolve("logs"))) {
      DeploymentFile file = DeployedNodes.loopback(work, PAXOS, "base", 1, 32);
      DeployedNodes deployed = new DeployedNodes(processes, file, index -> List.of());
      processes.check(() -> {
        deployed.startAll();
        PaxosLocalClusterTest.History history = new PaxosLocalClusterTest.History();
        LoadResult result;
        String victim;
        try (LocalCluster clients = Clients.connect(TopologyFile.read(file.file()), Topology.FIRST_CLIENT_ID)) {
          ClosedLoop load = new ClosedLoop(clients, PAXOS, CLIENTS, 1, 0, history);
          LoadResult[] done = new LoadResult[1];
          Throwable[] failed = new Throwable[1];
          Thread driver = new Thread(() -> {
            try {
              done[0] = load.run(TimeUnit.SECONDS.toNanos(80), REQUESTS, TimeUnit.SECONDS.toNanos(20));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
              failed[0] = e;
            }
          }, "paxos-clients");
          driver.setDaemon(true);
          driver.start();
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (load.committed() < ANSWERED_BEFORE_KILL) {
            assertWithMessage("the clients answered %s of %s requests in 60 s", load.committed(), ANSWERED_BEFORE_KILL)
                .that(System.nanoTime() < deadline).isTrue();
            assertWithMessage("the clients failed: %s", failed[0]).that(failed[0]).isNull();
            Thread.sleep(10);
          }
          victim = leader ? leadingProposer(deployed) : "Acceptor/" + acceptor;
          System.out.println("PaxosNodeKillTest: seed " + SEED + " kills " + victim + " after " + load.committed() + " answers");
          deployed.kill(victim);
          deployed.restart(victim);
          driver.join(TimeUnit.SECONDS.toMillis(100));
          assertWithMessage("the clients failed: %s", failed[0]).that(failed[0]).isNull();
          assertWithMessage("the clients did not finish").that(done[0]).isNotNull();
          result = done[0];
        }
        String report = "after the kill of " + victim + " (seed " + SEED + "): " + result.describe() + result.errors();
        assertWithMessage(report).that(result.wrong()).isEqualTo(0);
        assertWithMessage(report).that(result.committed()).isEqualTo(REQUESTS);
        assertWithMessage(report).that(result.unanswered()).isEqualTo(0);
        List<Operation<KvInput, KvOutput>> operations = history.operations();
        CheckResult<KvInput, KvOutput> check = Linearizability.check(new KvModel(), operations);
        assertWithMessage("%s\n%s", report, check).that(check.isLinearizable()).isTrue();
        deployed.stopAll();

        // The checker is not vacuous here: the same history with one read changed is rejected.
        assertThat(Linearizability.check(new KvModel(), withOneReadChanged(operations)).isLinearizable()).isFalse();
      });
    }
  }

  /**
   * The proposer that has sent the most facts, as {@link PaxosWorkload#leader} finds it in one JVM:
   * the leader sends every proposal, the other proposer little but heartbeats. Read from each
   * proposer's counters in its media driver's CnC file.
   */
  private static String leadingProposer(DeployedNodes deployed) {
    String best = null;
    long most = -1;
    StringBuilder seen = new StringBuilder();
    for (String id : deployed.file().idsOf("Proposer")) {
      long sent = 0;
      for (File dir : deployed.node(id).aeronDirectories()) {
        sent += factsSent(dir);
      }
      seen.append(id).append(": ").append(sent).append(" facts sent; ");
      if (sent > most) {
        most = sent;
        best = id;
      }
    }
    System.out.println("PaxosNodeKillTest: " + seen);
    return best;
  }

  /** The {@link Counter#FACTS_SENT} counter of the node whose driver's directory is {@code dir}. */
  private static long factsSent(File dir) {
    MappedByteBuffer cnc = IoUtil.mapExistingFile(new File(dir, CncFileDescriptor.CNC_FILE), "cnc");
    try {
      DirectBuffer meta = CncFileDescriptor.createMetaDataBuffer(cnc);
      CountersReader counters = new CountersReader(CncFileDescriptor.createCountersMetaDataBuffer(cnc, meta),
          CncFileDescriptor.createCountersValuesBuffer(cnc, meta));
      long[] sent = new long[1];
      counters.forEach((counterId, typeId, key, label) -> {
        if (typeId == CncCounters.TYPE_ID
            && key.getInt(CncCounters.KEY_COUNTER_OFFSET, ByteOrder.nativeOrder()) == Counter.FACTS_SENT.ordinal()) {
          sent[0] += counters.getCounterValue(counterId);
        }
      });
      return sent[0];
    } finally {
      IoUtil.unmap(cnc);
    }
  }

  /** The history with the first completed read of a written value changed to a value never written. */
  private static List<Operation<KvInput, KvOutput>> withOneReadChanged(List<Operation<KvInput, KvOutput>> operations) {
    List<Operation<KvInput, KvOutput>> changed = new ArrayList<>(operations);
    for (int i = 0; i < changed.size(); i++) {
      Operation<KvInput, KvOutput> op = changed.get(i);
      if (!op.isPending() && op.input().op() == KvInput.Op.GET && op.output().value() != null) {
        changed.set(i, Operation.completed(op.clientId(), op.callTime(), op.returnTime(), op.input(),
            KvOutput.read(op.output().value() + "-never-written")));
        return changed;
      }
    }
    throw new AssertionError("no read of a written value in the history: " + operations.size() + " operations");
  }
}
