package dev.dedalus.runtime.aeron;

import dev.dedalus.runtime.Topology;
import io.aeron.Aeron;
import java.util.concurrent.TimeUnit;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;

/**
 * A node's counters allocated as Aeron counters in the media driver's CnC file, one per
 * {@link Counter}, so Aeron's own tools ({@code AeronStat}) and any {@code CountersReader} over the
 * CnC file read them while the node runs. {@link #close()} frees them in the driver: their slots
 * go back to the driver for reuse, so a node restarted many times does not use up the CnC file.
 *
 * <p>Each counter has type id {@link #TYPE_ID}, the label {@code dedalus <program> <node> <label>}
 * (e.g. {@code dedalus Voting Leader[0]@1 framesSent}) and a key of the node's location id (a long
 * at {@link #KEY_LOCATION_OFFSET}) and the {@link Counter}'s ordinal (an int at
 * {@link #KEY_COUNTER_OFFSET}), in the platform's byte order like the rest of the CnC file.
 */
public final class CncCounters implements AutoCloseable {
  /**
   * Aeron's type id of every Dedalus runtime counter: 1000 (Aeron keeps the ids below for its own
   * counters) + 'D' (68). {@code AeronStat type=^1068$} shows only these.
   */
  public static final int TYPE_ID = 1068;
  /** Where the key holds the node's location id (a long). */
  public static final int KEY_LOCATION_OFFSET = 0;
  /** Where the key holds the {@link Counter}'s ordinal (an int). */
  public static final int KEY_COUNTER_OFFSET = 8;
  private static final int KEY_LENGTH = KEY_COUNTER_OFFSET + Integer.BYTES;

  private final io.aeron.Counter[] allocated;
  private final EndpointCounters counters;

  private CncCounters(io.aeron.Counter[] allocated, EndpointCounters counters) {
    this.allocated = allocated;
    this.counters = counters;
  }

  /**
   * Allocates {@code node}'s counters in the CnC file of the driver {@code aeron} is connected to.
   * Called before the node's agent runs. Asks for all of them at once, then waits for the driver's
   * answers: one round trip to the driver per node rather than one per counter, which matters for
   * a cluster of many nodes starting on a shared driver.
   *
   * @param aeron a client of the driver whose CnC file holds the counters; it owns them
   * @param program the program's name as labels show it
   * @param node the node the counters are of
   * @return the allocated counters, zero
   * @throws IllegalStateException if the driver has not answered within Aeron's driver timeout
   */
  public static CncCounters allocate(Aeron aeron, String program, Topology.Node node) {
    Counter[] all = Counter.values();
    long[] requests = new long[all.length];
    UnsafeBuffer key = new UnsafeBuffer(new byte[KEY_LENGTH]);
    UnsafeBuffer label = new UnsafeBuffer(new byte[CountersReader.MAX_LABEL_LENGTH]);
    for (Counter counter : all) {
      key.putLong(KEY_LOCATION_OFFSET, node.location().id());
      key.putInt(KEY_COUNTER_OFFSET, counter.ordinal());
      int labelLength = label.putStringWithoutLengthAscii(0, label(program, node, counter));
      // The command is written to the driver's ring buffer now, so the buffers can be reused.
      requests[counter.ordinal()] = aeron.asyncAddCounter(TYPE_ID, key, 0, KEY_LENGTH, label, 0, labelLength);
    }
    io.aeron.Counter[] allocated = new io.aeron.Counter[all.length];
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(aeron.context().driverTimeoutMs());
    try {
      for (int i = 0; i < allocated.length; i++) {
        while ((allocated[i] = aeron.getCounter(requests[i])) == null) {
          if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException(node + ": the media driver did not allocate its counters within "
                + aeron.context().driverTimeoutMs() + " ms");
          }
          Thread.yield();
        }
      }
    } catch (RuntimeException | Error e) {
      // Counters still pending are the client's: the driver frees them when the client closes.
      CloseHelper.quietCloseAll(allocated);
      throw e;
    }
    AtomicCounter[] cells = allocated.clone();
    return new CncCounters(allocated, new EndpointCounters(node.toString(), cells));
  }

  /**
   * The label AeronStat shows for one of {@code node}'s counters; cut to the CnC file's label
   * length (380 characters), which only absurdly long program or role names reach.
   *
   * @param program the program's name as labels show it
   * @param node the node the counter is of
   * @param counter which of the node's counters
   * @return {@code dedalus <program> <node> <counter label>}
   */
  public static String label(String program, Topology.Node node, Counter counter) {
    String label = "dedalus " + program + " " + node + " " + counter.label();
    return label.length() <= CountersReader.MAX_LABEL_LENGTH ? label : label.substring(0, CountersReader.MAX_LABEL_LENGTH);
  }

  /**
   * The node's counters, written by its agent. They read the CnC file until {@link #close()}; move
   * them to memory first ({@link PublishedNodeCounters#unpublish()}) to keep reading them after.
   *
   * @return the counters over the allocated Aeron counters
   */
  public EndpointCounters counters() {
    return counters;
  }

  /**
   * Frees the counters in the driver. Read (snapshot) them first: after this their slots may be
   * reused by other counters.
   */
  @Override
  public void close() {
    CloseHelper.quietCloseAll(allocated);
  }
}
