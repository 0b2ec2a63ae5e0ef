package dev.dedalus.protocols.load;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What a closed-loop run measured.
 *
 * @param sent requests sent
 * @param committed replies that answered their client's outstanding request
 * @param wrong replies that answered no outstanding request (a duplicate, or a stranger's reply)
 * @param unanswered requests still waiting at the end
 * @param elapsedNanos from the first send to the last reply
 * @param latency request-to-reply times, in nanoseconds
 * @param errors the first few wrong replies, described
 */
public record LoadResult(long sent, long committed, long wrong, long unanswered, long elapsedNanos,
    Histogram latency, List<String> errors) {

  public double throughputPerSecond() {
    return committed * 1e9 / elapsedNanos;
  }

  /** A multi-line report: throughput and latency percentiles. */
  public String describe() {
    return String.format(
        "requests: %,d sent, %,d committed, %,d wrong replies, %,d unanswered%n"
            + "throughput: %,.0f committed requests/s over %.2f s%n"
            + "latency (ms): p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n",
        sent, committed, wrong, unanswered, throughputPerSecond(), elapsedNanos / 1e9,
        ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(90)),
        ms(latency.getValueAtPercentile(99)), ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
