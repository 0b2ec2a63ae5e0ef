package dev.dedalus.runtime.aeron;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.Location;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.wire.EchoProgram;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The same program with every node and client on its own UDP endpoint on 127.0.0.1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpClusterTest {
  private static final String HOST = "127.0.0.1";

  @Test
  void udpChannelMapRunsEndToEndOnLoopback() throws Exception {
    Topology topology = Topology.builder(new EchoProgram()).instances(EchoProgram.BACK, 2).build();
    int nodePorts = freePortRange(topology.nodes().size());
    int clientPorts = freePortRange(2);
    UdpChannelMap channels = UdpChannelMap.forTopology(topology, HOST, nodePorts, clientPorts, 2);
    assertThat(channels.endpointOf(Location.of(1)).channel()).isEqualTo("aeron:udp?endpoint=127.0.0.1:" + nodePorts);
    assertThat(channels.endpointOf(Location.of(Topology.FIRST_CLIENT_ID + 1)).channel())
        .isEqualTo("aeron:udp?endpoint=127.0.0.1:" + (clientPorts + 1));
    // Client locations wrap around the client ports.
    assertThat(channels.endpointOf(Location.of(Topology.FIRST_CLIENT_ID + 2)).channel())
        .isEqualTo("aeron:udp?endpoint=127.0.0.1:" + clientPorts);
    assertThat(channels.endpointOf(Location.of(5))).isNull();

    LocalCluster.Options options = LocalCluster.Options.defaults().withThreads(2).withChannelMap(channels);
    try (LocalCluster cluster = LocalCluster.start(topology, options)) {
      assertThat(EchoClient.run(cluster, 0, 2_000)).isEqualTo(2_000);
      assertThat(EchoClient.run(cluster, 1, 500)).isEqualTo(500);
      for (EndpointCounters counters : cluster.counters().values()) {
        assertThat(counters.get(Counter.FRAMES_DROPPED_BAD)).isEqualTo(0);
        assertThat(counters.get(Counter.FACTS_DROPPED)).isEqualTo(0);
      }
    }
  }

  /** The first of {@code n} consecutive UDP ports that are free on the loopback address now. */
  private static int freePortRange(int n) {
    Random random = new Random();
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 20_000 + random.nextInt(30_000);
      if (allFree(base, n)) {
        return base;
      }
    }
    throw new IllegalStateException("no " + n + " consecutive free UDP ports");
  }

  private static boolean allFree(int base, int n) {
    DatagramSocket[] sockets = new DatagramSocket[n];
    try {
      for (int i = 0; i < n; i++) {
        sockets[i] = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + i));
      }
      return true;
    } catch (SocketException e) {
      return false;
    } finally {
      for (DatagramSocket s : sockets) {
        if (s != null) {
          s.close();
        }
      }
    }
  }
}
