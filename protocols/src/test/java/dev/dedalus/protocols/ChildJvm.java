package dev.dedalus.protocols;

import dev.dedalus.protocols.cli.JavaCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Starts a class's {@code main} in a new JVM with this JVM's flags and class path: another process on the box. */
public final class ChildJvm {
  private ChildJvm() {}

  /** Runs {@code main} with {@code arguments}; its standard output and error go to {@code output}. */
  public static Process start(Path output, Class<?> main, List<String> arguments) throws IOException {
    return new ProcessBuilder(JavaCommand.thisJvm(main.getName(), List.of(), arguments))
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
  }
}
