package dev.dedalus.runtime.aeron;

import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import io.aeron.Aeron;

/**
 * A running node's counters where tools outside the process read them: Aeron counters in the
 * driver's CnC file ({@link CncCounters}, for {@code AeronStat}) and an MBean
 * ({@link NodeMBeanRegistration}, for jconsole and other JMX clients). Both go when the node stops
 * ({@link #unpublish()}); what they counted stays readable in memory.
 */
public final class PublishedNodeCounters {
  private final CncCounters cnc;
  private final NodeMBeanRegistration mbean;

  private PublishedNodeCounters(CncCounters cnc, NodeMBeanRegistration mbean) {
    this.cnc = cnc;
    this.mbean = mbean;
  }

  /**
   * Allocates {@code node}'s counters, zero, in the CnC file of {@code aeron}'s driver and registers
   * its MBean, both under the program's {@linkplain #displayName display name}.
   *
   * @param aeron a client of the driver whose CnC file gets the counters
   * @param dedalusProgram the program the node runs
   * @param node the node
   * @return the published counters, to unpublish when the node stops
   */
  public static PublishedNodeCounters publish(Aeron aeron, DedalusProgram dedalusProgram, Topology.Node node) {
    String program = displayName(dedalusProgram);
    CncCounters cnc = CncCounters.allocate(aeron, program, node);
    try {
      return new PublishedNodeCounters(cnc, NodeMBeanRegistration.register(program, node, cnc.counters()));
    } catch (RuntimeException | Error e) {
      cnc.close();
      throw e;
    }
  }

  /**
   * The program's simple name ({@code Voting}, not {@code dev.dedalus.protocols.voting.Voting}), so
   * that labels fit AeronStat's lines and names jconsole's tree; the full name is in the logs.
   *
   * @param program the program
   * @return the part of its name after the last dot
   */
  public static String displayName(DedalusProgram program) {
    String name = program.name();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** @return the counters for the node's agent to write */
  public EndpointCounters counters() {
    return cnc.counters();
  }

  /**
   * Unregisters the MBean, moves the counters' values into memory, then frees the Aeron counters
   * (so restarts reuse their slots). Call once the node's agent no longer runs, so the values are
   * final.
   *
   * @return the node's counters, now in memory: the same object as {@link #counters()}, so a
   *     reference taken while the node ran keeps reading its last values
   */
  public EndpointCounters unpublish() {
    mbean.close();
    EndpointCounters counters = cnc.counters();
    counters.moveToMemory();
    cnc.close();
    return counters;
  }
}
