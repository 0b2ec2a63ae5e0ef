package dev.dedalus.protocols.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts this main job again in a new JVM, with this JVM's flags: from the
 * runnable jar ({@code java -jar dedalus.jar}, whose manifest carries the module flags Aeron and
 * Chronicle need), or else from this JVM's class path with its flags, as under Maven.
 */
final class JavaCommand {
  private JavaCommand() {}

  /** {@code java <flags> (-jar JAR | -cp CP Main) <arguments>}. */
  static List<String> mainJob(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // A debugger's or profiler's agent would try to bind this JVM's port or files again.
      if (!flag.startsWith("-javaagent") && !flag.startsWith("-agentlib") && !flag.startsWith("-Xrunjdwp")) {
        command.add(flag);
      }
    }
    String classPath = System.getProperty("java.class.path");
    if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
      command.add("-jar");
      command.add(classPath);
    } else {
      command.add("-cp");
      command.add(classPath);
      command.add(Main.class.getName());
    }
    command.addAll(arguments);
    return command;
  }
}
