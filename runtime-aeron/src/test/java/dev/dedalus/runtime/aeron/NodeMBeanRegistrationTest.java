package dev.dedalus.runtime.aeron;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.Location;
import dev.dedalus.runtime.Topology;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeMBeanRegistrationTest {
  private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
  private static final Topology.Node NODE = new Topology.Node("Leader", 0, Location.of(1));
  private static final ObjectName NAME = NodeMBeanRegistration.objectName("Voting", NODE);

  /** Something else's MBean, to take a name before a node does. */
  public interface SquatterMBean {
    int getAnswer();
  }

  @AfterEach
  void freeTheName() throws Exception {
    if (JMX.isRegistered(NAME)) {
      JMX.unregisterMBean(NAME);
    }
  }

  @Test
  void theNameSaysProgramAndNodeAsLogsShowThem() throws Exception {
    assertThat(NAME).isEqualTo(new ObjectName("dev.dedalus:type=Node,program=Voting,node=Leader[0]@1"));
    assertThat(NodeMBeanRegistration.objectName("a,b", NODE).getKeyProperty("program")).isEqualTo("\"a,b\"");
  }

  @Test
  void attributesAreTheCountersByLabel() throws Exception {
    EndpointCounters counters = new EndpointCounters(NODE.toString());
    counters.add(Counter.FRAMES_SENT, 3);
    try (NodeMBeanRegistration registration = NodeMBeanRegistration.register("Voting", NODE, counters)) {
      assertThat(JMX.getAttribute(NAME, "framesSent")).isEqualTo(3L);
      counters.increment(Counter.FRAMES_SENT);
      assertThat(JMX.getAttribute(NAME, "framesSent")).isEqualTo(4L);
      assertThat(JMX.getMBeanInfo(NAME).getAttributes()).hasLength(Counter.values().length);
    }
    assertThat(JMX.isRegistered(NAME)).isFalse();
  }

  @Test
  void aLaterRegistrationReplacesTheNameAndTheEarlierOnesCloseLeavesIt() throws Exception {
    EndpointCounters first = new EndpointCounters("first");
    EndpointCounters second = new EndpointCounters("second");
    second.add(Counter.TICKS, 2);
    NodeMBeanRegistration earlier = NodeMBeanRegistration.register("Voting", NODE, first);
    try (NodeMBeanRegistration later = NodeMBeanRegistration.register("Voting", NODE, second)) {
      earlier.close();
      assertThat(JMX.getAttribute(NAME, "ticks")).isEqualTo(2L);
    }
    assertThat(JMX.isRegistered(NAME)).isFalse();
  }

  @Test
  void aNameSomethingElseHoldsIsTaken() throws Exception {
    JMX.registerMBean(new StandardMBean((SquatterMBean) () -> 42, SquatterMBean.class), NAME);
    try (NodeMBeanRegistration registration = NodeMBeanRegistration.register("Voting", NODE, new EndpointCounters("n"))) {
      assertThat(JMX.getAttribute(NAME, "ticks")).isEqualTo(0L);
    }
  }
}
