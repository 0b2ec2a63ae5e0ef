package dev.dedalus.jmh;

import dev.dedalus.protocols.load.ClientLoop;
import dev.dedalus.protocols.voting.VotingWorkload;
import dev.dedalus.runtime.aeron.LocalCluster;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One pass of a {@link ClientLoop} of 64 voting clients over Aeron IPC with nothing to send and
 * nothing to receive: the loop's own cost per pass. Run with {@code -prof gc}: a pass should
 * allocate nothing ({@code gc.alloc.rate.norm} per pass).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Flags.OPENS_MISC, Flags.OPENS_ZIP, Flags.NO_ANALYTICS})
public class ClientLoopStepBenchmark {
  private static final int CLIENTS = 64;
  private static final BooleanSupplier NEVER = () -> false;

  private LocalCluster cluster;
  private ClientLoop loop;

  @Setup(Level.Trial)
  public void start() {
    VotingWorkload voting = new VotingWorkload();
    cluster = LocalCluster.start(voting.topology("base", 1));
    loop = new ClientLoop(cluster, voting, 0, CLIENTS, () -> { });
  }

  @Benchmark
  public int quietStep() {
    return loop.step(NEVER);
  }

  @TearDown(Level.Trial)
  public void stop() {
    loop.close();
    cluster.close();
  }
}
