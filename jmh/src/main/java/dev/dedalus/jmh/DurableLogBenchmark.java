package dev.dedalus.jmh;

import org.agrona.IoUtil;
import dev.dedalus.runtime.DurableLog;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.durable.ChronicleDurableLog;
import dev.dedalus.runtime.durable.LogSync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The durable log of one node alone: one tick's group commit, {@link #factsPerCommit} appends of a
 * 16-byte fact then {@code commit()}, per sync level. {@code commit} (throughput) reports commits
 * per second and, as its secondary result {@code appends}, facts per second; {@code commitLatency}
 * (sample time) reports the latency of one commit with percentiles: for {@code disk}, the cost of
 * the sync a tick's sends wait for. {@code none} is the baseline: the log keeps nothing.
 *
 * <p>Each iteration starts from an empty log in a new directory under {@code java.io.tmpdir}, which
 * must be a real disk for {@code disk} to mean anything (set it with
 * {@code -jvmArgsAppend -Djava.io.tmpdir=...}); the setup warns on tmpfs.
 */
@State(Scope.Thread)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Flags.OPENS_MISC, Flags.OPENS_ZIP, Flags.NO_ANALYTICS, Flags.EXPORTS_REF,
    Flags.EXPORTS_NIO, Flags.EXPORTS_UNSAFE, Flags.EXPORTS_JAVAC_FILE, Flags.OPENS_JAVAC, Flags.OPENS_LANG,
    Flags.OPENS_REFLECT, Flags.OPENS_IO, Flags.OPENS_UTIL})
public class DurableLogBenchmark {
  private static final RelationCodec<TickBench.Load> LOAD = TickBench_Codecs.LOAD;

  @Param({"none", "os", "disk"})
  public String sync;

  @Param({"1", "16", "256"})
  public int factsPerCommit;

  private Path directory;
  private DurableLog log;
  private TickBench.Load[] facts;

  /** Facts appended, reported per second next to the commits. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Appends {
    public long appends;

    @Setup(Level.Iteration)
    public void reset() {
      appends = 0;
    }
  }

  @Setup(Level.Trial)
  public void facts() {
    facts = new TickBench.Load[factsPerCommit];
    for (int i = 0; i < factsPerCommit; i++) {
      facts[i] = new TickBench.Load(i, i * 31L);
    }
  }

  @Setup(Level.Iteration)
  public void openLog() throws IOException {
    directory = Files.createTempDirectory("dedalus-durable-bench");
    String store = Files.getFileStore(directory).type();
    if (store.equals("tmpfs") && !sync.equals("none")) {
      System.err.println("WARNING: " + directory + " is on tmpfs: sync level " + sync + " measures memory, not a disk");
    }
    log = ChronicleDurableLog.open(directory.resolve("Bench-0"), "dev.dedalus.jmh.Bench", "Bench-0", List.of(LOAD),
        LogSync.parse(sync));
  }

  @TearDown(Level.Iteration)
  public void closeLog() {
    log.close();
    IoUtil.delete(directory.toFile(), false);
  }

  /** One tick's batch: appends then one commit. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public int commit(Appends counter) {
    counter.appends += factsPerCommit;
    return tick();
  }

  /** The same, as a latency distribution. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int commitLatency() {
    return tick();
  }

  private int tick() {
    for (TickBench.Load fact : facts) {
      log.append(LOAD, fact);
    }
    return log.commit();
  }
}
