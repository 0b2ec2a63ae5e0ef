package dev.dedalus.protocols.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.UnmatchedArgumentException;

/** The command-line entry point: {@code dedalus run voting}, {@code dedalus node}, {@code dedalus up}. */
@Command(name = "dedalus", mixinStandardHelpOptions = true, version = "Dedalus for Java 0.1.0-SNAPSHOT",
    description = "Runs Dedalus protocols compiled to Aeron stages.",
    subcommands = {RunCommand.class, NodeCommand.class, UpCommand.class, KeygenCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    // Chronicle reads this before its first queue is built; it must never phone home.
    System.setProperty("chronicle.analytics.disable", "true");
    System.exit(commandLine().execute(args));
  }

  /** The main job's command line, with its handling of usage errors. */
  static CommandLine commandLine() {
    return configure(new CommandLine(new Main()));
  }

  /**
   * Makes a usage error (a bad option or value, from parsing or from a command's own checks) one
   * line on the error stream, {@code error: <message> (see '<command> --help')}, and exit code 2,
   * picocli's usage-error code; a mistyped option also gets picocli's suggestions.
   */
  static CommandLine configure(CommandLine commandLine) {
    return commandLine.setParameterExceptionHandler((ex, args) -> {
      CommandLine failed = ex.getCommandLine();
      PrintWriter err = failed.getErr();
      err.println("error: " + ex.getMessage() + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
      UnmatchedArgumentException.printSuggestions(ex, err);
      err.flush();
      return failed.getCommandSpec().exitCodeOnInvalidInput();
    });
  }

  /**
   * Reports an error that is not a usage error (a topology file, a key file, durable state): one
   * line {@code error: <message>} on the command's error stream; returns exit code 2.
   */
  static int fail(picocli.CommandLine.Model.CommandSpec spec, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("error: " + message);
    err.flush();
    return 2;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
