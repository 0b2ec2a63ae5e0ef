package dev.dedalus.runtime.aeron;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.dedalus.runtime.aeron.RoleCounters.sum;

import dev.dedalus.Location;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.wire.EchoProgram;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cluster's node counters are Aeron counters in the driver's CnC file, read from outside as
 * AeronStat reads them, and MBeans; both follow the node through stop and restart, and go when the
 * cluster closes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublishedNodeCountersTest {
  /** EchoProgram's name is test.Echo: labels and MBean names show only the simple name. */
  private static final String PROGRAM = "Echo";
  private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
  private static final List<Counter> COMPARED =
      List.of(Counter.FRAMES_SENT, Counter.FACTS_SENT, Counter.FRAMES_RECEIVED, Counter.FACTS_RECEIVED, Counter.TICKS);

  private static Topology topology() {
    return Topology.builder(new EchoProgram()).instances(EchoProgram.FRONT, 1).instances(EchoProgram.BACK, 2).build();
  }

  private static LocalCluster start() {
    return LocalCluster.start(topology(), LocalCluster.Options.defaults().withThreads(1));
  }

  private static String label(Topology.Node node, Counter counter) {
    return "dedalus " + PROGRAM + " " + node + " " + counter.label();
  }

  /** Runs {@code requests} echo requests, then waits until every reply has been counted as sent. */
  private static void echo(LocalCluster cluster, int clientIndex, int requests) {
    long repliedBefore = sum(cluster, EchoProgram.BACK, Counter.FACTS_SENT);
    assertThat(EchoClient.run(cluster, clientIndex, requests)).isEqualTo(requests);
    Await.until(() -> sum(cluster, EchoProgram.BACK, Counter.FACTS_SENT) == repliedBefore + requests, cluster::report);
  }

  @Test
  void theCncFileHoldsEveryNodesCountersWithTheValuesTheClusterReports() {
    try (LocalCluster cluster = start()) {
      echo(cluster, 0, 500);

      Map<String, CncFileCounters.Entry> cnc = CncFileCounters.read(cluster.aeronDirectory());
      assertThat(cnc).hasSize(topology().nodes().size() * Counter.values().length);
      long repliesInCnc = 0;
      for (Topology.Node node : topology().nodes()) {
        EndpointCounters counters = cluster.counters(node.location());
        for (Counter counter : COMPARED) {
          CncFileCounters.Entry entry = cnc.get(label(node, counter));
          assertWithMessage("%s in %s", label(node, counter), cnc.keySet()).that(entry).isNotNull();
          assertWithMessage(label(node, counter)).that(entry.value()).isEqualTo(counters.get(counter));
          assertThat(entry.location()).isEqualTo(node.location().id());
          assertThat(entry.counterOrdinal()).isEqualTo(counter.ordinal());
        }
        assertThat(cnc.get(label(node, Counter.TICKS)).value()).isGreaterThan(0L);
        if (node.role().equals(EchoProgram.BACK)) {
          repliesInCnc += cnc.get(label(node, Counter.FACTS_SENT)).value();
        }
      }
      // Independent of cluster.counters(): the CnC file alone accounts for every reply.
      assertThat(repliesInCnc).isEqualTo(500);
      assertThat(cnc.get(label(topology().nodes().get(0), Counter.FACTS_RECEIVED)).value()).isEqualTo(500);
    }
  }

  @Test
  void eachRunningNodeIsAnMBeanWhoseAttributesAreItsCounters() throws Exception {
    try (LocalCluster cluster = start()) {
      echo(cluster, 0, 300);

      ObjectName front = new ObjectName("dev.dedalus:type=Node,program=Echo,node=front[0]@1");
      assertThat(JMX.getAttribute(front, "factsReceived")).isEqualTo(300L);
      for (Topology.Node node : topology().nodes()) {
        ObjectName name = NodeMBeanRegistration.objectName(PROGRAM, node);
        for (Counter counter : COMPARED) {
          assertWithMessage("%s %s", name, counter.label())
              .that(JMX.getAttribute(name, counter.label())).isEqualTo(cluster.counters(node.location()).get(counter));
        }
      }
      assertThat(JMX.queryNames(new ObjectName("dev.dedalus:type=Node,program=" + PROGRAM + ",*"), null))
          .hasSize(topology().nodes().size());
    }
    assertThat(JMX.queryNames(new ObjectName("dev.dedalus:type=Node,*"), null)).isEmpty();
  }

  @Test
  void aStoppedNodeLeavesJmxAndTheCncFileKeepsItsLastValuesAndComesBackFromZeroOnRestart() throws Exception {
    try (LocalCluster cluster = start()) {
      echo(cluster, 0, 200);
      Topology.Node front = topology().nodes().get(0);
      Location at = front.location();
      ObjectName name = NodeMBeanRegistration.objectName(PROGRAM, front);
      EndpointCounters heldWhileRunning = cluster.counters(at);
      CncFileCounters.Entry before = CncFileCounters.read(cluster.aeronDirectory()).get(label(front, Counter.FACTS_RECEIVED));
      assertThat(before.value()).isEqualTo(200L);

      cluster.stop(at);

      assertThat(JMX.isRegistered(name)).isFalse();
      Await.until(() -> !CncFileCounters.read(cluster.aeronDirectory()).containsKey(label(front, Counter.FACTS_RECEIVED)),
          () -> "the stopped node's counters are still allocated: " + CncFileCounters.read(cluster.aeronDirectory()).keySet());
      Map<String, CncFileCounters.Entry> stopped = CncFileCounters.read(cluster.aeronDirectory());
      assertThat(stopped).hasSize((topology().nodes().size() - 1) * Counter.values().length);
      assertThat(stopped.values().stream().noneMatch(e -> e.location() == at.id())).isTrue();
      assertThat(cluster.counters(at).get(Counter.FACTS_RECEIVED)).isEqualTo(200L);
      assertThat(heldWhileRunning.get(Counter.FACTS_RECEIVED)).isEqualTo(200L);

      cluster.restart(at);

      assertThat(JMX.isRegistered(name)).isTrue();
      assertThat(JMX.getAttribute(name, "factsReceived")).isEqualTo(0L);
      CncFileCounters.Entry restarted = CncFileCounters.read(cluster.aeronDirectory()).get(label(front, Counter.FACTS_RECEIVED));
      assertThat(restarted).isNotNull();
      assertThat(restarted.registrationId()).isNotEqualTo(before.registrationId());
      assertThat(restarted.value()).isEqualTo(0L);

      echo(cluster, 1, 50);
      assertThat(CncFileCounters.read(cluster.aeronDirectory()).get(label(front, Counter.FACTS_RECEIVED)).value()).isEqualTo(50L);
      assertThat(JMX.getAttribute(name, "factsReceived")).isEqualTo(50L);
      assertThat(heldWhileRunning.get(Counter.FACTS_RECEIVED)).isEqualTo(200L); // the earlier run's
    }
  }

  @Test
  void closingAClusterFreesItsCountersInAnExternalDriverAndKeepsTheirValuesReadable() {
    MediaDriver.Context driverContext = new MediaDriver.Context()
        .aeronDirectoryName(AeronMedia.uniqueDirectory())
        .dirDeleteOnStart(true)
        .dirDeleteOnShutdown(true)
        .ipcTermBufferLength(1024 * 1024)
        .termBufferSparseFile(true)
        .threadingMode(ThreadingMode.SHARED);
    try (MediaDriver driver = MediaDriver.launch(driverContext)) {
      LocalCluster cluster = LocalCluster.start(topology(),
          LocalCluster.Options.defaults().withThreads(1).withAeronDirectory(driver.aeronDirectoryName()));
      try {
        echo(cluster, 0, 100);
        assertThat(CncFileCounters.read(driver.aeronDirectoryName())).hasSize(topology().nodes().size() * Counter.values().length);
      } finally {
        cluster.close();
      }
      Await.until(() -> CncFileCounters.read(driver.aeronDirectoryName()).isEmpty(),
          () -> "counters left in the external driver: " + CncFileCounters.read(driver.aeronDirectoryName()).keySet());
      assertThat(cluster.counters(topology().nodes().get(0).location()).get(Counter.FACTS_RECEIVED)).isEqualTo(100L);
    }
  }

  @Test
  void labelsFitTheCncFile() {
    Topology.Node node = new Topology.Node("r".repeat(500), 0, Location.of(1));
    assertThat(CncCounters.label(PROGRAM, node, Counter.TICKS)).hasLength(CountersReader.MAX_LABEL_LENGTH);
    assertThat(CncCounters.label(PROGRAM, topology().nodes().get(0), Counter.TICKS)).isEqualTo("dedalus Echo front[0]@1 ticks");
  }
}
