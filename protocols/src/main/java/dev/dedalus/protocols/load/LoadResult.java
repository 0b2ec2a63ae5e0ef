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
 * @param outcomes the kinds of answer the protocol gives ({@link Workload#outcomes()})
 * @param byOutcome how many requests got each kind of answer; they add up to {@code committed}
 */
public record LoadResult(long sent, long committed, long wrong, long unanswered, long elapsedNanos,
    Histogram latency, List<String> errors, List<String> outcomes, long[] byOutcome) {

  public LoadResult {
    outcomes = List.copyOf(outcomes);
    byOutcome = byOutcome.clone();
    if (outcomes.size() != byOutcome.length) {
      throw new IllegalArgumentException(outcomes.size() + " outcomes but " + byOutcome.length + " counts");
    }
  }

  /** How many requests got the answer {@code outcome}. */
  public long count(String outcome) {
    int i = outcomes.indexOf(outcome);
    if (i < 0) {
      throw new IllegalArgumentException("no outcome '" + outcome + "'; outcomes: " + outcomes);
    }
    return byOutcome[i];
  }

  /** The answers by kind, e.g. {@code "1,200 committed, 40 aborted"}. */
  public String describeOutcomes() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < outcomes.size(); i++) {
      s.append(i > 0 ? ", " : "").append(String.format("%,d %s", byOutcome[i], outcomes.get(i)));
    }
    return s.toString();
  }

  public double throughputPerSecond() {
    return committed * 1e9 / elapsedNanos;
  }

  /** A multi-line report: throughput and latency percentiles. */
  public String describe() {
    return String.format(
        "requests: %,d sent, %,d answered (%s), %,d wrong replies, %,d unanswered%n"
            + "throughput: %,.0f answered requests/s over %.2f s%n"
            + "latency (ms): p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n",
        sent, committed, describeOutcomes(), wrong, unanswered, throughputPerSecond(), elapsedNanos / 1e9,
        ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(90)),
        ms(latency.getValueAtPercentile(99)), ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
