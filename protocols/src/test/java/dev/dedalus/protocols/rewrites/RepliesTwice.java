package dev.dedalus.protocols.rewrites;

import dev.dedalus.Location;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.StageContext;
import dev.dedalus.runtime.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A broken plan for the negative controls of multiplicity checks: a compiled program whose stages
 * send every fact addressed to a client twice, either in the same tick or again in the next tick.
 * Its output sets are exactly the original's, so only counting deliveries can tell them apart.
 */
public final class RepliesTwice implements DedalusProgram {
  /** When the second copy goes out. */
  public enum When { SAME_TICK, NEXT_TICK }

  private final DedalusProgram plan;
  private final When when;

  public RepliesTwice(DedalusProgram plan, When when) {
    this.plan = plan;
    this.when = when;
  }

  @Override
  public String name() {
    return plan.name() + " (replies twice, " + when + ")";
  }

  @Override
  public List<String> roles() {
    return plan.roles();
  }

  @Override
  public Stage newStage(String role, StageContext context) {
    return new Doubling(plan.newStage(role, context));
  }

  @Override
  public List<RelationCodec<?>> codecs() {
    return plan.codecs();
  }

  @Override
  public List<String> partitionedRoles() {
    return plan.partitionedRoles();
  }

  @Override
  public Map<String, String> instanceSources() {
    return plan.instanceSources();
  }

  @Override
  public String inputRole(Class<?> inputType) {
    return plan.inputRole(inputType);
  }

  /** A fact kept for sending again. */
  private record Copy<T>(Location to, RelationCodec<T> codec, T fact) {
    void sendTo(Outbound out) {
      out.send(to, codec, fact);
    }
  }

  /** Wraps a stage; what it sends to clients goes out a second time. */
  private final class Doubling implements Stage {
    private final Stage inner;
    private List<Copy<?>> again = new ArrayList<>();

    Doubling(Stage inner) {
      this.inner = inner;
    }

    @Override
    public String role() {
      return inner.role();
    }

    @Override
    public boolean accept(int relationId, Object fact) {
      return inner.accept(relationId, fact);
    }

    @Override
    public boolean tick(long nowMillis, Outbound out) {
      List<Copy<?>> previous = again;
      again = new ArrayList<>();
      previous.forEach(c -> c.sendTo(out));
      boolean more = inner.tick(nowMillis, new Outbound() {
        @Override
        public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
          out.send(destination, codec, fact);
          if (Topology.isClient(destination)) {
            Copy<T> copy = new Copy<>(destination, codec, fact);
            if (when == When.SAME_TICK) {
              copy.sendTo(out);
            } else {
              again.add(copy);
            }
          }
        }
      });
      // A copy owed to the next tick needs that tick to happen.
      return more || !again.isEmpty();
    }

    @Override
    public boolean hasInput() {
      return inner.hasInput();
    }

    @Override
    public long nextTimerMillis() {
      return inner.nextTimerMillis();
    }
  }
}
