package dev.dedalus.runtime.sim;

import static dev.dedalus.runtime.Codecs.readInt;
import static dev.dedalus.runtime.Codecs.readLong;
import static dev.dedalus.runtime.Codecs.writeInt;
import static dev.dedalus.runtime.Codecs.writeLong;

import dev.dedalus.Location;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.StageContext;
import java.util.List;

/**
 * One role, "heart", with a periodic timer: every {@link #PERIOD_MILLIS} it sends a beat, stamped
 * with the tick's time, to the client named by the {@code @Config} fact {@link Watcher}. With the
 * config fact {@link Spin} its ticks always ask for another tick, so it never quiesces.
 */
final class TimerProgram implements DedalusProgram {
  static final long PERIOD_MILLIS = 100;

  record Watcher(Location client) {}

  record Spin() {}

  record Beat(int n, long firedAtMillis) {}

  final TestCodecs.Stats stats = new TestCodecs.Stats();
  final RelationCodec<Beat> beatCodec = TestCodecs.codec(0, "beat", Beat.class, stats, f -> 12,
      (f, b, o) -> writeLong(b, writeInt(b, o, f.n()), f.firedAtMillis()),
      (b, c) -> new Beat(readInt(b, c), readLong(b, c)));

  @Override
  public String name() {
    return "test.Timer";
  }

  @Override
  public List<String> roles() {
    return List.of("heart");
  }

  @Override
  public Stage newStage(String role, StageContext context) {
    Location watcher = context.configFacts(Watcher.class).get(0).client();
    boolean spin = !context.configFacts(Spin.class).isEmpty();
    return new Stage() {
      private long nextFire = PERIOD_MILLIS;
      private int beats;

      @Override
      public String role() {
        return "heart";
      }

      @Override
      public boolean accept(int relationId, Object fact) {
        return false;
      }

      @Override
      public boolean tick(long nowMillis, Outbound out) {
        if (nowMillis >= nextFire) {
          beats++;
          out.send(watcher, beatCodec, new Beat(beats, nowMillis));
          nextFire += PERIOD_MILLIS;
        }
        return spin;
      }

      @Override
      public boolean hasInput() {
        return false;
      }

      @Override
      public long nextTimerMillis() {
        return nextFire;
      }
    };
  }

  @Override
  public List<RelationCodec<?>> codecs() {
    return List.of(beatCodec);
  }

  @Override
  public String inputRole(Class<?> inputType) {
    return null;
  }
}
