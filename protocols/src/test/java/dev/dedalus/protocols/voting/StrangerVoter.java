package dev.dedalus.protocols.voting;

import dev.dedalus.Location;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.security.KeyFile;
import dev.dedalus.runtime.wire.Crc32cTrailer;
import dev.dedalus.runtime.wire.FrameBatcher;
import dev.dedalus.runtime.wire.FrameSeal;
import dev.dedalus.runtime.wire.FrameSink;
import dev.dedalus.runtime.wire.FrameTrailer;
import dev.dedalus.runtime.wire.Incarnation;
import dev.dedalus.runtime.wire.SipHashTrailer;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A stranger process on the same box: its own Aeron client publishes well-formed frames of votes
 * on the leader's stream, one frame per vote, each voter claiming a location of its choosing and
 * sealing with a key of its own (or a CRC32C). Run by {@code ForgedVotesTest} in a child JVM.
 *
 * <p>Arguments: aeron directory, channel, stream id, leader id, client id (whom the forged commits
 * would answer), voter ids (comma separated), key file or {@code none}, first forged request id,
 * forged request count. Prints {@code published N} and exits 0 once every frame was taken.
 */
public final class StrangerVoter {
  private StrangerVoter() {}

  public static void main(String[] args) throws Exception {
    String aeronDirectory = args[0];
    String channel = args[1];
    int streamId = Integer.parseInt(args[2]);
    Location leader = Location.of(Long.parseLong(args[3]));
    Location client = Location.of(Long.parseLong(args[4]));
    String[] voters = args[5].split(",");
    FrameTrailer trailer = args[6].equals("none") ? new Crc32cTrailer() : new SipHashTrailer(SipHashTrailer.deriveKey(KeyFile.read(Path.of(args[6]))));
    long firstRequest = Long.parseLong(args[7]);
    int requests = Integer.parseInt(args[8]);

    List<UnsafeBuffer> frames = new ArrayList<>();
    FrameSink sink = new FrameSink() {
      @Override
      public void onFrame(Location destination, DirectBuffer buffer, int offset, int length, int factCount) {
        byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        frames.add(new UnsafeBuffer(copy));
      }

      @Override
      public void onOversizedFact(Location destination, RelationCodec<?> codec, int encodedLength) {
        throw new IllegalStateException("oversized vote");
      }
    };
    for (String voter : voters) {
      Location from = Location.of(Long.parseLong(voter));
      FrameBatcher batcher = new FrameBatcher(new FrameSeal(from.id(), Incarnation.next(), trailer, trailer), 1024, sink);
      for (long id = firstRequest; id < firstRequest + requests; id++) {
        batcher.send(leader, Voting_Codecs.VOTE, new Voting.Vote(from, client, id, "forged " + id));
        batcher.flush();
      }
    }

    try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory));
        ExclusivePublication publication = aeron.addExclusivePublication(channel, streamId)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      for (UnsafeBuffer frame : frames) {
        while (publication.offer(frame, 0, frame.capacity()) < 0) {
          if (System.nanoTime() > deadline) {
            System.out.println("gave up: the leader's stream took no frame for 30 s");
            System.exit(2);
          }
          Thread.sleep(1);
        }
      }
      System.out.println("published " + frames.size());
    }
  }
}
