package dev.dedalus.runtime.aeron;

import dev.dedalus.runtime.Topology;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node's {@link CountersMBean} on the platform MBean server, named
 * {@code dev.dedalus:type=Node,program=<program>,node=<role>[<instance>]@<location>} (the node as
 * logs and AeronStat labels show it), registered from {@link #register} until {@link #close()}.
 *
 * <p>A name that is already registered is replaced: a node restarted after a crash takes its name
 * back, whoever held it. So that a replaced registration's late close does not remove its
 * successor, a registration unregisters its name only while it is the one this class last put there.
 * JMX failures are logged, never thrown: monitoring must not stop a node.
 */
public final class NodeMBeanRegistration implements AutoCloseable {
  /** The JMX domain of Dedalus MBeans. */
  public static final String DOMAIN = "dev.dedalus";
  private static final Logger LOG = LoggerFactory.getLogger(NodeMBeanRegistration.class);
  /** Which registration currently holds each name this class registered. Guarded by the class. */
  private static final Map<ObjectName, NodeMBeanRegistration> HOLDERS = new HashMap<>();

  private final MBeanServer server;
  private final ObjectName name;

  private NodeMBeanRegistration(MBeanServer server, ObjectName name) {
    this.server = server;
    this.name = name;
  }

  /**
   * The name of {@code node}'s MBean.
   *
   * @param program the program's name as the MBean's {@code program} key shows it
   * @param node the node
   * @return {@code dev.dedalus:type=Node,program=<program>,node=<node>}, values quoted only where JMX needs it
   */
  public static ObjectName objectName(String program, Topology.Node node) {
    try {
      return new ObjectName(DOMAIN + ":type=Node,program=" + value(program) + ",node=" + value(node.toString()));
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException("no MBean name for " + program + " " + node, e);
    }
  }

  /** Quoted only where JMX needs it, so names stay plain to read and to type. */
  private static String value(String s) {
    return s.matches("[^,=:\"*?\\n\\\\]*") ? s : ObjectName.quote(s);
  }

  /**
   * Registers {@code counters} as {@code node}'s MBean, replacing one already there.
   *
   * @param program the program's name as the MBean's {@code program} key shows it
   * @param node the node
   * @param counters the node's live counters
   * @return the registration, to close when the node stops
   */
  public static NodeMBeanRegistration register(String program, Topology.Node node, EndpointCounters counters) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    NodeMBeanRegistration registration = new NodeMBeanRegistration(server, objectName(program, node));
    synchronized (NodeMBeanRegistration.class) {
      try {
        registration.unregisterQuietly();
        server.registerMBean(new CountersMBean(counters), registration.name);
        HOLDERS.put(registration.name, registration);
      } catch (JMException | RuntimeException e) {
        LOG.warn("{}: could not register {}; its counters are not in JMX", node, registration.name, e);
      }
    }
    return registration;
  }

  /** @return the name this registration holds (or held) */
  public ObjectName name() {
    return name;
  }

  /** Unregisters the MBean unless a later registration has replaced it. */
  @Override
  public void close() {
    synchronized (NodeMBeanRegistration.class) {
      if (HOLDERS.remove(name, this)) {
        unregisterQuietly();
      }
    }
  }

  /** Unregisters whatever holds the name, if anything; logs a failure. */
  private void unregisterQuietly() {
    try {
      server.unregisterMBean(name);
    } catch (InstanceNotFoundException e) {
      // Nothing holds the name: nothing to do.
    } catch (JMException | RuntimeException e) {
      LOG.warn("could not unregister {}", name, e);
    }
  }
}
