package dev.dedalus.runtime.durable;

import dev.dedalus.runtime.DurableLog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * A second JVM for what one JVM cannot show: a lock held by another process, and a process killed
 * in the middle of a commit. {@code main(mode, directory)}:
 *
 * <ul>
 *   <li>{@code hold-lock}: opens the log, prints {@code ready}, waits for its standard input to close;
 *   <li>{@code die-mid-commit}: opens the log, commits two batches, then starts a third Chronicle
 *       document, writes half of it and halts, as a {@code kill -9} would stop it.
 * </ul>
 */
public final class ChildJvm {
  private ChildJvm() {}

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[1]);
    DurableLog log = DurableFixtures.open(directory, LogSync.OS);
    switch (args[0]) {
      case "hold-lock" -> {
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
          // wait for the parent to close our input
        }
        log.close();
      }
      case "die-mid-commit" -> {
        DurableFixtures.commitBatches(log, 0, 2, 2);
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory.resolve(ChronicleDurableLog.QUEUE_DIRECTORY))
            .rollCycle(ChronicleDurableLog.ROLL_CYCLE).blockSize(ChronicleDurableLog.BLOCK_SIZE).build();
        ExcerptAppender appender = queue.createAppender();
        DocumentContext document = appender.writingDocument();
        document.wire().bytes().writeInt(BatchFormat.MAGIC).writeLong(42);
        Runtime.getRuntime().halt(9);
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  /** Starts {@code main(mode, directory)} in a new JVM with this JVM's flags and class path. */
  static Process start(String mode, Path directory) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!argument.startsWith("-javaagent") && !argument.startsWith("-agentlib")) {
        command.add(argument);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildJvm.class.getName());
    command.add(mode);
    command.add(directory.toString());
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
