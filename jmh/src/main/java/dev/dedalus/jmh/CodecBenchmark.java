package dev.dedalus.jmh;

import dev.dedalus.Location;
import dev.dedalus.protocols.voting.Voting;
import dev.dedalus.protocols.voting.Voting_Codecs;
import dev.dedalus.runtime.Codecs;
import dev.dedalus.runtime.DecodeCursor;
import dev.dedalus.runtime.Topology;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The generated codecs' field decoders and encoders alone, per fact: decoding voting's {@code Vote}
 * (two locations, a long and a short ASCII payload), reading bare locations, and sizing and encoding
 * a {@code Vote} whose payload is ASCII or not. Run with {@code -prof gc} for the bytes allocated per
 * fact ({@code gc.alloc.rate.norm}, per invocation of {@link #FACTS} facts).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Flags.OPENS_MISC, Flags.OPENS_ZIP, Flags.NO_ANALYTICS})
public class CodecBenchmark {
  static final int FACTS = 64;
  /** Participants and clients of a small cluster: the locations a frame carries. */
  private static final int PARTICIPANTS = 3;
  private static final int CLIENTS = 16;

  private final UnsafeBuffer votes = new UnsafeBuffer(new byte[64 * 1024]);
  private final UnsafeBuffer locations = new UnsafeBuffer(new byte[FACTS * Long.BYTES]);
  private final UnsafeBuffer out = new UnsafeBuffer(new byte[64 * 1024]);
  private final DecodeCursor cursor = new DecodeCursor();
  private final Voting.Vote[] nonAscii = new Voting.Vote[FACTS];
  private final Voting.Vote[] ascii = new Voting.Vote[FACTS];
  private int votesLength;

  @Setup
  public void setUp() {
    int o = 0;
    for (int i = 0; i < FACTS; i++) {
      Voting.Vote vote = new Voting.Vote(Location.of(1 + i % PARTICIPANTS),
          Location.of(Topology.FIRST_CLIENT_ID + i % CLIENTS), i, "p" + i);
      o = Voting_Codecs.VOTE.encode(vote, votes, o);
      Codecs.writeLocation(locations, i * Long.BYTES, i % 2 == 0 ? vote.from() : vote.client());
      nonAscii[i] = new Voting.Vote(vote.from(), vote.client(), i, "Stimme für Zürich, öffentlich ✓ " + i);
      ascii[i] = new Voting.Vote(vote.from(), vote.client(), i, "Stimme fuer Zuerich, oeffentlich " + i);
    }
    votesLength = o;
  }

  /** Decodes {@link #FACTS} votes, two locations each. */
  @Benchmark
  @OperationsPerInvocation(FACTS)
  public void decodeVotes(Blackhole bh) {
    cursor.reset(0, votesLength);
    for (int i = 0; i < FACTS; i++) {
      bh.consume(Voting_Codecs.VOTE.decode(votes, cursor));
    }
  }

  /** Reads {@link #FACTS} location fields alone: the votes' senders and clients, alternately. */
  @Benchmark
  @OperationsPerInvocation(FACTS)
  public void readLocations(Blackhole bh) {
    cursor.reset(0, locations.capacity());
    for (int i = 0; i < FACTS; i++) {
      bh.consume(Codecs.readLocation(locations, cursor));
    }
  }

  /** Sizes and encodes {@link #FACTS} votes with a non-ASCII payload, as a frame batcher does. */
  @Benchmark
  @OperationsPerInvocation(FACTS)
  public int encodeNonAscii() {
    return encode(nonAscii);
  }

  /** The same with an ASCII payload of about the same length. */
  @Benchmark
  @OperationsPerInvocation(FACTS)
  public int encodeAscii() {
    return encode(ascii);
  }

  private int encode(Voting.Vote[] facts) {
    int o = 0;
    for (Voting.Vote vote : facts) {
      int length = Voting_Codecs.VOTE.encodedLength(vote);
      if (o + length > out.capacity()) {
        o = 0;
      }
      o = Voting_Codecs.VOTE.encode(vote, out, o);
    }
    return o;
  }
}
