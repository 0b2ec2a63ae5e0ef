package dev.dedalus.protocols;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a class's {@code main} in a new JVM with this JVM's flags and class path: another process on the box. */
public final class ChildJvm {
  private ChildJvm() {}

  /** Runs {@code main} with {@code arguments}; its standard output and error go to {@code output}. */
  public static Process start(Path output, Class<?> main, List<String> arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!argument.startsWith("-javaagent") && !argument.startsWith("-agentlib")) {
        command.add(argument);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(arguments);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
  }
}
