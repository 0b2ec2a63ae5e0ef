package dev.dedalus.protocols.voting;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.Location;
import dev.dedalus.protocols.ChildJvm;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.aeron.ChannelMap;
import dev.dedalus.runtime.aeron.ClientEndpoint;
import dev.dedalus.runtime.aeron.Counter;
import dev.dedalus.runtime.aeron.LocalCluster;
import dev.dedalus.runtime.security.FrameKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stranger process on the same box publishes well-formed votes on the leader's stream: from
 * voters the topology does not have (no keys: frames carry only a CRC32C), or claiming the real
 * participants' locations under a key of its own making (keys configured). Every forged frame is
 * dropped and counted, no forged request commits, and the real requests still do.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // guards against a hang, not a speed goal
class ForgedVotesTest {
  private static final VotingWorkload VOTING = new VotingWorkload();
  private static final long FORGED_FROM = 1_000;
  private static final int FORGED = 5;
  private static final int LEGIT = 50;

  @TempDir Path dir;

  @ParameterizedTest(name = "keyed {0}")
  @ValueSource(booleans = {false, true})
  void forgedVotesFromAStrangerProcessCommitNothing(boolean keyed) throws Exception {
    Topology topology = VOTING.topology("base", 1);
    List<Location> participants = topology.addressesOf("Participant");
    FrameKeys keys = FrameKeys.none();
    String voters;
    String strangerKey = "none";
    if (keyed) {
      keys = FrameKeys.forNode(generated("cluster.key"), generated("client.key"));
      // The real participants' locations, sealed under a key that is not the cluster key.
      voters = participants.stream().map(l -> Long.toString(l.id())).collect(Collectors.joining(","));
      strangerKey = generated("made-up.key").toString();
    } else {
      voters = "501,502,503"; // voters that do not exist
    }
    Counter expectedDrop = keyed ? Counter.FRAMES_DROPPED_UNAUTHENTICATED : Counter.FRAMES_DROPPED_UNKNOWN_SENDER;

    try (LocalCluster cluster = LocalCluster.start(topology, LocalCluster.Options.defaults().withThreads(1).withKeys(keys));
        ClientEndpoint endpoint = cluster.newClient()) {
      Location leader = topology.addressesOf("Leader").get(0);
      ChannelMap.Endpoint stream = cluster.channelMap().endpointOf(leader);
      Path output = dir.resolve("stranger.out");
      Process stranger = ChildJvm.start(output, StrangerVoter.class, List.of(cluster.aeronDirectory(), stream.channel(), Integer.toString(stream.streamId()),
          Long.toString(leader.id()), Long.toString(endpoint.location().id()), voters, strangerKey,
          Long.toString(FORGED_FROM), Integer.toString(FORGED)));
      assertThat(stranger.waitFor(60, TimeUnit.SECONDS)).isTrue();
      int frames = 3 * FORGED;
      assertWithMessage(Files.readString(output)).that(stranger.exitValue()).isEqualTo(0);
      assertWithMessage(Files.readString(output)).that(Files.readString(output)).contains("published " + frames);

      // Wait until the leader has judged every forged frame, whichever way it judged it.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (cluster.counters(leader).get(expectedDrop) + cluster.counters(leader).get(Counter.FRAMES_RECEIVED) < frames) {
        assertWithMessage(cluster.report()).that(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(1);
      }

      // Real requests after the forged votes were judged: a forged commit would be answered first.
      Voting_Client client = new Voting_Client(endpoint.location(), endpoint, topology);
      for (long id = 0; id < LEGIT; id++) {
        client.send(new Voting.ClientIn(client.self(), id, "real " + id));
      }
      endpoint.flush();
      Map<Long, String> replies = new TreeMap<>();
      Voting_Client.Listener listener = new Voting_Client.Listener() {
        @Override
        public void onClientOut(Voting.ClientOut fact) {
          replies.put(fact.id(), fact.payload());
        }
      };
      while (replies.keySet().stream().filter(id -> id < LEGIT).count() < LEGIT) {
        endpoint.poll((relationId, fact) -> Voting_Client.dispatch(relationId, fact, listener), 64);
        assertWithMessage(cluster.report()).that(System.nanoTime()).isLessThan(deadline);
      }
      assertWithMessage("replies, forged ones from %s on: %s", FORGED_FROM, replies.keySet()).that(replies.keySet()).hasSize(LEGIT);
      assertThat(replies.get(0L)).isEqualTo("real 0");
      assertThat(cluster.counters(leader).get(expectedDrop)).isEqualTo(frames);
      // Only the real votes reached the leader's stage.
      assertThat(cluster.counters(leader).get(Counter.FACTS_RECEIVED)).isEqualTo(LEGIT + 3L * LEGIT);
    }
  }

  private Path generated(String name) {
    Path file = dir.resolve(name);
    FrameKeys.generate(file);
    return file;
  }
}
