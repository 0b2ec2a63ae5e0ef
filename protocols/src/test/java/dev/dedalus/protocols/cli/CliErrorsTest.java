package dev.dedalus.protocols.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every bad option of {@code dedalus run} (and of the deployment commands) is a one-line error on the error stream that names the
 * option and the value given, with exit code 2 and no stack trace; none of these starts a cluster.
 */
class CliErrorsTest {

  /** Exit code, standard error and standard output of one in-process run. */
  private record Outcome(int exitCode, String err, String out) {}

  private static Outcome execute(CommandLine commandLine, String... args) {
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setOut(new PrintWriter(out, true));
    int exitCode = commandLine.execute(args);
    return new Outcome(exitCode, err.toString(), out.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "run --clients 0                 | --clients must be at least 1, got 0",
      "run --clients -3                | --clients must be at least 1, got -3",
      "run --clients 100000            | --clients must be below 100000, got 100000",
      "run --clients many              | option '--clients': 'many' is not an int",
      "run --duration -1s              | --duration must be positive, got -1s",
      "run --duration 0                | --duration must be positive, got 0",
      "run --duration 5x               | option '--duration': '5x' is not a duration",
      "run --duration 10d              | option '--duration': '10d' is not a duration",
      "run --duration 1e300s           | option '--duration': '1e300s' is not a duration",
      "run --duration 1000000000s     | option '--duration': '1000000000s' is not a duration of at most a year",
      "run --partitions 0              | --partitions must be at least 1, got 0",
      "run --partitions 5000           | --partitions must be at most 1000, got 5000",
      "run voting --partitions 5       | --partitions must be 1, not 5",
      "run --threads -1                | --threads must be at least 0, got -1",
      "run --client-threads 0          | --client-threads must be at least 1, got 0",
      "run --requests -5               | --requests must be at least 0, got -5",
      "run --run 10000                 | --run must be at most 9999, got 10000",
      "run raft                        | PROTOCOL must be one of voting, 2pc, paxos, got 'raft'",
      "run voting --plan fastest       | --plan must be one of base, optimized for voting, got 'fastest'",
      "run --log-sync sometimes        | --log-sync must be none, os or disk, got 'sometimes'",
      "run --duration 2s --fail-leader-after 3s | --fail-leader-after must fall within --duration (2s), got 3s",
      "run --fail-leader-after soon    | option '--fail-leader-after': 'soon' is not a duration",
      "run --clinets 4                 | Unknown option: '--clinets'",
  })
  void aBadOptionIsAOneLineUsageErrorNamingOptionAndValue(String args, String expected) {
    Outcome outcome = execute(Main.commandLine(), args.trim().split("\\s+"));

    assertWithMessage("exit code of %s", args).that(outcome.exitCode()).isEqualTo(2);
    String first = outcome.err().lines().findFirst().orElse("");
    assertThat(first).startsWith("error: ");
    assertThat(first).contains(expected);
    assertThat(first).endsWith("(see 'dedalus run --help')");
    assertThat(outcome.err()).doesNotContain("Exception");
    assertThat(outcome.err()).doesNotContain("\tat ");
    assertThat(outcome.out()).isEmpty();
  }

  @Test
  void aMistypedOptionGetsASuggestion() {
    Outcome outcome = execute(Main.commandLine(), "run", "--clinets", "4");

    assertThat(outcome.err()).contains("--clients");
  }

  @Test
  void aDeploymentLargerThanTheBoxIsRefusedWithTheEstimateAndTheLimit() {
    RunCommand run = new RunCommand();
    run.space = () -> new RunCommand.Space("/dev/shm", 100L << 20);

    // voting base: 4 nodes; 64 clients; 1 MiB terms: 68 logs x 3 MiB = 204 MiB > 100 MiB.
    Outcome outcome = execute(Main.configure(new CommandLine(run)), "voting", "--clients", "64");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err().lines().count()).isEqualTo(1);
    assertThat(outcome.err()).contains("too large for this box");
    assertThat(outcome.err()).contains("4 nodes and 64 clients listen on 68 Aeron logs of 3 x 1,024 KiB terms, up to 204 MiB");
    assertThat(outcome.err()).contains("/dev/shm has 100 MiB free");
    assertThat(outcome.out()).isEmpty();
  }

  @Test
  void aDeploymentThatFitsPassesTheCheck() {
    RunCommand run = new RunCommand();
    // 68 logs of 3 MiB: exactly the space free fits.
    run.checkFits(4, 64, 1 << 20, new RunCommand.Space("/dev/shm", 204L << 20));
    // Unknown free space (no /dev/shm, no file store): no check.
    run.checkFits(4, 99_999, 1 << 20, new RunCommand.Space("/tmp", -1));
  }

  @Test
  void theFreeSpaceIsReadFromTheDriversFileSystem() {
    RunCommand.Space space = RunCommand.aeronSpace();

    assertThat(space.where()).isNotEmpty();
    assertThat(space.usable()).isAtLeast(-1L);
  }

  /**
   * The deployment commands: a bad topology file, node id, key file or option is one line on the
   * error stream naming what is wrong and where, with exit code 2, and nothing starts.
   */
  @Test
  void deploymentCommandsNameTheFileTheFieldOrTheOption(@org.junit.jupiter.api.io.TempDir java.nio.file.Path work)
      throws Exception {
    java.nio.file.Path good = work.resolve("voting.conf");
    java.nio.file.Files.copy(java.nio.file.Path.of("../examples/deploy/voting-local.conf"), good);
    java.nio.file.Path typo = work.resolve("typo.conf");
    java.nio.file.Files.writeString(typo, java.nio.file.Files.readString(good).replace("sync = none", "sync = never"));
    java.nio.file.Path keyed = work.resolve("keyed.conf");
    java.nio.file.Files.writeString(keyed, java.nio.file.Files.readString(good)
        + "keys { cluster = \"cluster.key\", clients = \"clients.key\" }\n");

    String[][] cases = {
        {"node --topology " + typo + " --node Leader/0", "error: " + typo + ":13: sync: must be none, os or disk, got 'never'"},
        {"node --topology " + good + " --node Leader-0", "error: --node 'Leader-0' is not a node id"},
        {"node --topology " + good + " --node Leader/7", "has no node Leader/7; its nodes are Leader/0, Participant/0"},
        {"node --topology " + keyed + " --node Leader/0", work.resolve("cluster.key").toString()},
        {"node --topology " + work.resolve("missing.conf") + " --node Leader/0", "missing.conf: no such topology file"},
        {"up --topology " + typo, "error: " + typo + ":13: sync: must be none, os or disk, got 'never'"},
        {"run voting --topology " + keyed, work.resolve("clients.key").toString()},
        {"run 2pc --topology " + good, "deploys dev.dedalus.protocols.voting.Voting, not 2pc"},
        {"run voting --topology " + good + " --clients 300", "--clients must be at most the 256 client ports"},
        {"run voting --topology " + good + " --plan optimized", "--plan cannot be used with --topology, got --plan optimized"},
        {"keygen " + good, "error: key file " + good + ": exists already"},
    };
    for (String[] c : cases) {
      Outcome outcome = execute(Main.commandLine(), c[0].split(" "));
      assertWithMessage("exit code of %s", c[0]).that(outcome.exitCode()).isEqualTo(2);
      assertWithMessage("standard error of %s", c[0]).that(outcome.err().lines().count()).isEqualTo(1);
      assertWithMessage("standard error of %s", c[0]).that(outcome.err()).startsWith("error: ");
      assertWithMessage("standard error of %s", c[0]).that(outcome.err()).contains(c[1]);
      assertWithMessage("standard output of %s", c[0]).that(outcome.out()).isEmpty();
    }
  }
}
