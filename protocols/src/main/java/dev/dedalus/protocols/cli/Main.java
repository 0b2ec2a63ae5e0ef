package dev.dedalus.protocols.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command-line entry point: {@code dedalus run voting}. */
@Command(name = "dedalus", mixinStandardHelpOptions = true, version = "Dedalus for Java 0.1.0-SNAPSHOT",
    description = "Runs Dedalus protocols compiled to Aeron stages.",
    subcommands = {RunCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    // Chronicle reads this before its first queue is built; it must never phone home.
    System.setProperty("chronicle.analytics.disable", "true");
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
