package dev.dedalus.protocols.voting;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.Location;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.eval.FactSet;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Voting's leader under a long run holds only the pending requests' votes: 20,000 requests pass
 * through it, about 50 pending at any time (a request's three votes arrive over three ticks), and
 * after every tick its stores hold exactly the pending votes and their counts, with erased
 * positions never more than the live facts plus the compaction threshold. An engine that kept
 * erased facts, or never compacted, would fail it.
 */
class VotingLeaderMemoryTest {
  private static final int REQUESTS = 20_000;
  private static final int PER_TICK = 16;
  /** Erased positions a store may hold before it compacts (FactSet's threshold, less one). */
  private static final int SLACK = 64;

  private long replies;

  @Test
  void theLeaderHoldsOnlyThePendingVotes() throws ReflectiveOperationException {
    Topology topology = Topology.builder(Voting_Program.INSTANCE).instances("Participant", 3).build();
    Stage leader = topology.newStage(topology.nodes().get(0));
    List<Location> participants = topology.addressesOf("Participant");
    Location client = new Location(Topology.FIRST_CLIENT_ID);
    Outbound out = new Outbound() {
      @Override
      public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
        if (codec == Voting_Codecs.CLIENT_OUT) {
          replies++;
        }
      }
    };
    FactSet<?> allVotes = store(leader, "rel_AllVotes");
    FactSet<?> voteCount = store(leader, "rel_VoteCount");
    long now = 0;
    leader.tick(now++, out);
    long maxLive = 0;
    for (long first = 0; first < REQUESTS + 2L * PER_TICK; first += PER_TICK) {
      // This tick: the first vote of new requests, the second of the previous batch, the third of the one before.
      for (int vote = 0; vote < 3; vote++) {
        long batch = first - (long) vote * PER_TICK;
        for (long id = batch; id < batch + PER_TICK; id++) {
          if (id >= 0 && id < REQUESTS) {
            leader.accept(Voting_Codecs.VOTE.relationId(), new Voting.Vote(participants.get(vote), client, id, "p" + id));
          }
        }
      }
      leader.tick(now++, out);
      long pendingVotes = pendingVotes(first);
      assertWithMessage("live votes after the tick of request %s", first).that((long) allVotes.liveCount()).isEqualTo(pendingVotes);
      assertWithMessage("positions of AllVotes after the tick of request %s", first).that(allVotes.size())
          .isAtMost(2 * allVotes.liveCount() + SLACK);
      assertWithMessage("positions of VoteCount after the tick of request %s", first).that(voteCount.size())
          .isAtMost(2 * voteCount.liveCount() + SLACK);
      maxLive = Math.max(maxLive, allVotes.liveCount());
    }
    while (leader.tick(now++, out)) {
      // quiesce
    }
    assertWithMessage("replies").that(replies).isEqualTo(REQUESTS);
    assertWithMessage("votes held at the end").that(allVotes.liveCount()).isEqualTo(0);
    assertWithMessage("vote counts held at the end").that(voteCount.liveCount()).isEqualTo(0);
    assertWithMessage("the most votes ever held").that(maxLive).isAtMost(3L * PER_TICK);
  }

  /** After the tick of {@code first}: the two younger batches wait for their third and second votes. */
  private static long pendingVotes(long first) {
    long pending = 0;
    for (int age = 0; age < 2; age++) {
      long batch = first - (long) age * PER_TICK;
      long ids = Math.max(0, Math.min(batch + PER_TICK, REQUESTS) - Math.max(batch, 0));
      pending += ids * (age + 1); // the newest batch has one vote each, the one before two
    }
    return pending;
  }

  private static FactSet<?> store(Stage stage, String field) throws ReflectiveOperationException {
    Field f = stage.getClass().getDeclaredField(field);
    f.setAccessible(true);
    return (FactSet<?>) f.get(stage);
  }
}
