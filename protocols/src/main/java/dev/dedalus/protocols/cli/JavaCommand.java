package dev.dedalus.protocols.cli;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines that start a new JVM like this one: with this JVM's flags (the module flags Aeron
 * and Chronicle need among them) and class path. {@code dedalus up} starts its nodes this way, and
 * tests their child processes.
 */
public final class JavaCommand {
  private JavaCommand() {}

  /**
   * {@code java <this JVM's flags> <extraFlags> -cp <this class path> <mainClass> <arguments>}.
   *
   * @param mainClass the class whose {@code main} the new JVM runs
   * @param extraFlags JVM flags after this JVM's own
   * @param arguments the arguments of {@code main}
   * @return the command line
   */
  public static List<String> thisJvm(String mainClass, List<String> extraFlags, List<String> arguments) {
    List<String> command = javaAndFlags();
    command.addAll(extraFlags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(arguments);
    return command;
  }

  /**
   * This main job again: {@code java <flags> -jar dedalus.jar <arguments>} when this JVM runs the
   * runnable jar (whose manifest carries the module flags), else as {@link #thisJvm} of {@link Main}.
   */
  static List<String> mainJob(List<String> arguments) {
    String classPath = System.getProperty("java.class.path");
    if (!classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)) {
      return thisJvm(Main.class.getName(), List.of(), arguments);
    }
    List<String> command = javaAndFlags();
    command.add("-jar");
    command.add(classPath);
    command.addAll(arguments);
    return command;
  }

  private static List<String> javaAndFlags() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // A debugger's or profiler's agent would try to bind this JVM's port or files again.
      if (!flag.startsWith("-javaagent") && !flag.startsWith("-agentlib") && !flag.startsWith("-agentpath")
          && !flag.startsWith("-Xrunjdwp")) {
        command.add(flag);
      }
    }
    return command;
  }
}
