package dev.dedalus.jmh;

import dev.dedalus.Location;
import dev.dedalus.protocols.voting.Voting;
import dev.dedalus.protocols.voting.Voting_Codecs;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.security.FrameKeys;
import dev.dedalus.runtime.wire.FrameTrailer;
import dev.dedalus.runtime.wire.FrameWriter;
import dev.dedalus.runtime.wire.FrameSeal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a frame's trailer costs, per frame, on one thread: sealing a frame in a heap buffer (as a
 * sender does) and verifying it in a direct buffer (as a receiver does from Aeron's term buffer,
 * copy included), with a CRC32C (no keys) or an HMAC-SHA256/128 (keys), for frames of one vote and
 * of 16. Multiplied by the frames a node handles per request, it bounds what authentication adds
 * to a request, independent of how busy the box is.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Flags.OPENS_MISC, Flags.OPENS_ZIP, Flags.NO_ANALYTICS})
public class FrameAuthBenchmark {
  @Param({"crc32c", "hmac"})
  public String trailer;

  @Param({"1", "16"})
  public int votes;

  private final UnsafeBuffer frame = new UnsafeBuffer(new byte[16 * 1024]);
  private final UnsafeBuffer received = new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024));
  private FrameTrailer seal;
  private FrameTrailer verify;
  private int bodyLength;

  @Setup
  public void setUp() throws IOException {
    FrameKeys keys = TemporaryKeys.forAuth(trailer.equals("hmac") ? "on" : "off");
    seal = keys.betweenNodes();
    verify = keys.betweenNodes();
    FrameWriter writer = new FrameWriter(frame.capacity());
    writer.begin(frame, 1);
    for (int i = 0; i < votes; i++) {
      writer.append(Voting_Codecs.VOTE, new Voting.Vote(Location.of(2), Location.of(Topology.FIRST_CLIENT_ID + i), i, "payload-" + i));
    }
    FrameSeal stamp = new FrameSeal(2, 1, seal, seal);
    int length = writer.finish(stamp);
    bodyLength = length - seal.length();
    received.putBytes(0, frame, 0, length);
  }

  /** A sender's cost: the trailer of a frame in a heap buffer. */
  @Benchmark
  public void seal() {
    seal.write(frame, bodyLength);
  }

  /** A receiver's cost: copying a frame out of a direct buffer and checking its trailer. */
  @Benchmark
  public boolean verify() {
    return verify.verify(received, 0, bodyLength);
  }
}
