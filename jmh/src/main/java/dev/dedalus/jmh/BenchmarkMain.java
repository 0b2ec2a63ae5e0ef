package dev.dedalus.jmh;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code java -jar jmh/target/benchmarks.jar [JMH options]}: JMH's own command line, with the
 * cluster CPU profiler added so every cluster benchmark reports its projected throughput and
 * bottleneck node, and the latency profiler so benchmarks that record request latencies report
 * their percentiles. A run that measured both {@link PaxosBenchmark} and
 * {@link AeronClusterKvBenchmark} ends with their comparison ({@link PaxosVersusAeron}); one that measured
 * {@link PendingFactsTickBenchmark} at two or more sizes ends with its cost ratio ({@link PendingFactsRatio}).
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("chronicle.analytics.disable", "true");
    CommandLineOptions cli = new CommandLineOptions(args);
    if (cli.shouldHelp() || cli.shouldList() || cli.shouldListProfilers() || cli.shouldListResultFormats()) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    Collection<RunResult> results = new Runner(new OptionsBuilder().parent(cli).addProfiler(CpuProfiler.class)
        .addProfiler(LatencyProfiler.class).build()).run();
    List<PaxosVersusAeron.Measured> measured = PaxosVersusAeron.of(results);
    PaxosVersusAeron.table(measured).ifPresent(t -> System.out.printf("%n%s", t));
    PendingFactsRatio.lines(measured).forEach(l -> System.out.printf("%n%s%n", l));
  }
}
