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
import java.util.Map;
import java.util.function.Consumer;

/**
 * The shape of a decoupling rewrite, by hand: each "origin" instance sends its index to "moved",
 * routed as the generated {@code forward(origin, moved, self)} routes it (instance i to moved's
 * instance i, modulo moved's count), and each "moved" instance reports to the {@link Watcher}
 * client which origin indices it holds, one {@link Held} fact per index, from its instance index.
 * With {@code follows} set, moved follows origin's instance count as the processor declares.
 */
final class PairedProgram implements DedalusProgram {
  static final String ORIGIN = "origin";
  static final String MOVED = "moved";

  record Watcher(Location client) {}

  record Tag(int originIndex) {}

  record Held(int movedIndex, int originIndex) {}

  private final boolean follows;
  private final TestCodecs.Stats stats = new TestCodecs.Stats();
  private final RelationCodec<Tag> tag = TestCodecs.codec(0, "tag", Tag.class, stats, f -> 4,
      (f, b, o) -> writeInt(b, o, f.originIndex()), (b, c) -> new Tag(readInt(b, c)));
  private final RelationCodec<Held> held = TestCodecs.codec(1, "held", Held.class, stats, f -> 8,
      (f, b, o) -> writeInt(b, writeInt(b, o, f.movedIndex()), f.originIndex()),
      (b, c) -> new Held(readInt(b, c), readInt(b, c)));

  PairedProgram(boolean follows) {
    this.follows = follows;
  }

  @Override
  public String name() {
    return "test.Paired";
  }

  @Override
  public List<String> roles() {
    return List.of(ORIGIN, MOVED);
  }

  @Override
  public Map<String, String> instanceSources() {
    return follows ? Map.of(MOVED, ORIGIN) : Map.of();
  }

  @Override
  public List<RelationCodec<?>> codecs() {
    return List.of(tag, held);
  }

  @Override
  public String inputRole(Class<?> inputType) {
    throw new IllegalArgumentException("test.Paired has no inputs");
  }

  @Override
  public Stage newStage(String role, StageContext context) {
    int index = context.instanceIndex();
    if (role.equals(ORIGIN)) {
      List<Location> moved = context.addressesOf(MOVED);
      Location pair = moved.get(index % moved.size()); // as the generated forward_origin_moved
      return new OneShot(ORIGIN, out -> out.send(pair, tag, new Tag(index)));
    }
    Location watcher = context.configFacts(Watcher.class).get(0).client();
    return new OneShot(MOVED, null) {
      @Override
      public boolean accept(int relationId, Object fact) {
        pending.add(new Held(index, ((Tag) fact).originIndex()));
        return true;
      }

      @Override
      public boolean tick(long nowMillis, Outbound out) {
        pending.forEach(h -> out.send(watcher, held, h));
        pending.clear();
        return false;
      }
    };
  }

  /** A stage that sends once, in its first tick, and receives nothing unless overridden. */
  private static class OneShot implements Stage {
    private final String role;
    private Consumer<Outbound> first;
    final List<Held> pending = new ArrayList<>();

    OneShot(String role, Consumer<Outbound> first) {
      this.role = role;
      this.first = first;
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
    public boolean tick(long nowMillis, Outbound out) {
      if (first != null) {
        first.accept(out);
        first = null;
      }
      return false;
    }

    @Override
    public boolean hasInput() {
      return !pending.isEmpty();
    }

    @Override
    public long nextTimerMillis() {
      return Long.MAX_VALUE;
    }
  }
}
