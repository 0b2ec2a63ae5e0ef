package dev.dedalus.runtime.sim;

import static dev.dedalus.runtime.Codecs.readInt;
import static dev.dedalus.runtime.Codecs.writeInt;

import dev.dedalus.Location;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.StageContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Two roles for observing the simulator from inside a program: the "sender" sends
 * {@link Numbered} facts 0 .. count-1, in that order, to the "recorder" in its first tick (so send
 * order is number order, on one channel); the {@link Recorder} records every fact delivered to it,
 * with the tick that consumed it and that tick's virtual time. Hostility tests read the recorder.
 */
final class RecordingProgram implements DedalusProgram {
  static final String SENDER = "sender";
  static final String RECORDER = "recorder";

  record Numbered(int n) {}

  /** One fact as the recorder saw it: which, in its how-many-th tick (from 1), at what time. */
  record Arrival(int n, long tick, long atMillis) {}

  private final int count;
  private final RelationCodec<Numbered> codec = TestCodecs.codec(0, "numbered", Numbered.class, new TestCodecs.Stats(),
      f -> 4, (f, b, o) -> writeInt(b, o, f.n()), (b, c) -> new Numbered(readInt(b, c)));

  RecordingProgram(int count) {
    this.count = count;
  }

  @Override
  public String name() {
    return "test.Recording";
  }

  @Override
  public List<String> roles() {
    return List.of(SENDER, RECORDER);
  }

  @Override
  public Stage newStage(String role, StageContext context) {
    return switch (role) {
      case SENDER -> new Sender(context.addressesOf(RECORDER).get(0));
      case RECORDER -> new Recorder();
      default -> throw new IllegalArgumentException("no role " + role);
    };
  }

  @Override
  public List<RelationCodec<?>> codecs() {
    return List.of(codec);
  }

  @Override
  public String inputRole(Class<?> inputType) {
    throw new IllegalArgumentException("test.Recording has no inputs");
  }

  /** Sends every fact in its first tick, then nothing. */
  private final class Sender extends Quiet {
    private final Location recorder;
    private boolean sent;

    Sender(Location recorder) {
      super(SENDER);
      this.recorder = recorder;
    }

    @Override
    public boolean tick(long nowMillis, Outbound out) {
      if (!sent) {
        for (int n = 0; n < count; n++) {
          out.send(recorder, codec, new Numbered(n));
        }
        sent = true;
      }
      return false;
    }
  }

  /** Records every delivered fact; a tick stamps the facts delivered since the previous tick. */
  static final class Recorder extends Quiet {
    private final List<Arrival> arrivals = new ArrayList<>();
    private final List<Numbered> sinceTick = new ArrayList<>();
    private long ticks;

    Recorder() {
      super(RECORDER);
    }

    @Override
    public boolean accept(int relationId, Object fact) {
      sinceTick.add((Numbered) fact);
      return true;
    }

    @Override
    public boolean tick(long nowMillis, Outbound out) {
      ticks++;
      for (Numbered f : sinceTick) {
        arrivals.add(new Arrival(f.n(), ticks, nowMillis));
      }
      sinceTick.clear();
      return false;
    }

    @Override
    public boolean hasInput() {
      return !sinceTick.isEmpty();
    }

    /** Every fact consumed by a tick, in delivery order. */
    List<Arrival> arrivals() {
      return List.copyOf(arrivals);
    }
  }

  /** A stage that receives nothing and has no timers. */
  private abstract static class Quiet implements Stage {
    private final String role;

    Quiet(String role) {
      this.role = role;
    }

    @Override
    public String role() {
      return role;
    }

    @Override
    public boolean accept(int relationId, Object fact) {
      return false;
    }

    @Override
    public boolean hasInput() {
      return false;
    }

    @Override
    public long nextTimerMillis() {
      return Long.MAX_VALUE;
    }
  }
}
