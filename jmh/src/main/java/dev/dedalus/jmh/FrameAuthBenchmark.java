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
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.agrona.DirectBuffer;
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
 * copy included where the trailer needs one), with a CRC32C (no keys), the SipHash-2-4-128 MAC that
 * keys configure, or, for comparison, the HMAC-SHA256/128 frames carried before it, for frames of
 * one vote and of 16. Multiplied by the frames a node handles per request, it bounds what
 * authentication adds to a request, independent of how busy the box is.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Flags.OPENS_MISC, Flags.OPENS_ZIP, Flags.NO_ANALYTICS})
public class FrameAuthBenchmark {
  @Param({"crc32c", "siphash", "hmac"})
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
    if (trailer.equals("hmac")) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      seal = new HmacSha256Trailer(key);
      verify = new HmacSha256Trailer(key);
    } else {
      FrameKeys keys = TemporaryKeys.forAuth(trailer.equals("siphash") ? "on" : "off");
      seal = keys.betweenNodes();
      verify = keys.betweenNodes();
    }
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

  /**
   * The frame MAC before SipHash, kept here only to compare against: HMAC-SHA256 truncated to 128
   * bits with a reused {@link Mac}, a frame in a direct buffer copied to a heap array first.
   */
  static final class HmacSha256Trailer extends FrameTrailer {
    private final Mac mac;
    private final byte[] full;
    private byte[] scratch = new byte[0];

    HmacSha256Trailer(byte[] key) {
      super(16);
      try {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      full = new byte[mac.getMacLength()];
    }

    @Override
    public short flag() {
      return 1;
    }

    @Override
    protected void compute(DirectBuffer buffer, int offset, int length, byte[] out) {
      byte[] array = buffer.byteArray();
      int start = buffer.wrapAdjustment() + offset;
      if (array == null) {
        if (scratch.length < length) {
          scratch = new byte[length];
        }
        buffer.getBytes(offset, scratch, 0, length);
        array = scratch;
        start = 0;
      }
      mac.update(array, start, length);
      try {
        mac.doFinal(full, 0);
      } catch (ShortBufferException e) {
        throw new IllegalStateException(e);
      }
      System.arraycopy(full, 0, out, 0, out.length);
    }
  }
}
