package dev.dedalus.protocols.deploy;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.protocols.voting.VotingWorkload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voting deployed as one process per node on loopback UDP: while {@code dedalus run voting} drives
 * it, one node is killed with SIGKILL and started again with the same command. Voting keeps no
 * durable state, so requests in flight across the kill may be lost (that run only must give no
 * wrong reply); what must hold is that voting resumes: a second run after the restart gets every
 * request answered once. The restarted node removes the killed one's Aeron directory; every
 * process is stopped by its pid at the end, the nodes with SIGTERM, which must leave no Aeron
 * directory.
 */
@Timeout(value = 110, unit = TimeUnit.SECONDS) // guards against a hang, not a speed goal
class VotingKillRestartTest {
  /** Picks the participant to kill; printed, and settable with -Ddedalus.kill.seed=N to replay a run. */
  static final long SEED = Long.getLong("dedalus.kill.seed", System.currentTimeMillis());
  static final int CLIENTS = 8;
  static final int CLIENT_PORTS = 32;
  /** Answers the first run must have seen before the kill: the kill falls mid-run. */
  static final int ANSWERED_BEFORE_KILL = 100;
  static final int REQUESTS_AFTER = 400;

  @TempDir
  Path work;

  @Test
  void votingResumesAfterTheLeaderIsKilledAndRestarted() throws Exception {
    killAndRestart("Leader/0");
  }

  @Test
  void votingResumesAfterAParticipantIsKilledAndRestarted() throws Exception {
    int participant = new SplittableRandom(SEED).nextInt(VotingWorkload.PARTICIPANTS);
    System.out.println("VotingKillRestartTest: seed " + SEED + " kills Participant/" + participant);
    killAndRestart("Participant/" + participant);
  }

  private void killAndRestart(String victim) throws Exception {
    try (NodeProcesses processes = new NodeProcesses(work.resolve("logs"))) {
      DeployedNodes deployed = new DeployedNodes(processes, DeployedNodes.loopback(work, new VotingWorkload(), "base", 1, CLIENT_PORTS),
          index -> List.of());
      processes.check(() -> {
        deployed.startAll();
        Path firstReplies = work.resolve("replies-0.log");
        NodeProcesses.Node first = deployed.run("0", List.of(), "voting", "--duration", "4s", "--clients",
            Integer.toString(CLIENTS), "--reply-log", firstReplies.toString(), "--run", "0");
        DeployedNodes.awaitReplies(first, firstReplies, ANSWERED_BEFORE_KILL, reply -> true);
        deployed.kill(victim);
        deployed.restart(victim);
        DeployedNodes.awaitRun(first, Duration.ofSeconds(60));
        // Voting keeps nothing durable: what was in flight may be lost, but nothing may be answered wrongly.
        assertWithMessage("wrong replies in the run across the kill of %s", victim)
            .that(DeployedNodes.Report.of(first.output()).wrong()).isEqualTo(0);
        assertWithMessage("requests answered twice in the run across the kill of %s", victim)
            .that(DeployedNodes.answeredTwice(DeployedNodes.replies(firstReplies))).isEmpty();

        Path secondReplies = work.resolve("replies-1.log");
        NodeProcesses.Node second = deployed.run("1", List.of(), "voting", "--requests", Integer.toString(REQUESTS_AFTER),
            "--duration", "60s", "--clients", Integer.toString(CLIENTS), "--reply-log", secondReplies.toString(), "--run", "1");
        DeployedNodes.assertAllAnswered(second, DeployedNodes.awaitRun(second, Duration.ofSeconds(75)), REQUESTS_AFTER, secondReplies);
        deployed.stopAll();
      });
    }
  }
}
