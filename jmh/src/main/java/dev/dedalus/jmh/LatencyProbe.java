package dev.dedalus.jmh;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The latency recorder of the current benchmark, published by the benchmark's setup so that
 * {@link LatencyProfiler}, which runs in the same JVM, can take one interval histogram per
 * iteration. It stays published after the trial's teardown (JMH tears a trial down inside its last
 * iteration, before profilers see that iteration end).
 */
final class LatencyProbe {
  private static volatile Recorder recorder;

  private LatencyProbe() {}

  static void publish(Recorder r) {
    recorder = r;
  }

  /** The latencies recorded since the last call (empty if nothing is published), in nanoseconds. */
  static Histogram interval() {
    Recorder r = recorder;
    return r == null ? new Histogram(3) : r.getIntervalHistogram();
  }
}
