package dev.dedalus.protocols.semantics;

import dev.dedalus.Location;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.Topology;
import java.util.ArrayList;
import java.util.List;

/** Drives one generated stage by hand: deliver facts, tick, and look at what it sent. */
final class StageDriver {
  /** One asynchronous head the stage sent. */
  record Sent(Location destination, Object fact) {}

  static final Location CLIENT = new Location(Topology.FIRST_CLIENT_ID);

  private final DedalusProgram program;
  private final Stage stage;
  private final List<Sent> sent = new ArrayList<>();
  private final Outbound out = new Outbound() {
    @Override
    public <T> void send(Location destination, RelationCodec<T> codec, T fact) {
      sent.add(new Sent(destination, fact));
    }
  };

  StageDriver(Topology topology, String role) {
    this.program = topology.program();
    this.stage = topology.newStage(topology.nodes().stream().filter(n -> n.role().equals(role)).findFirst().orElseThrow());
  }

  /** Delivers a fact of a relation that crosses the network. */
  StageDriver deliver(Object fact) {
    for (RelationCodec<?> codec : program.codecs()) {
      if (codec.type() == fact.getClass()) {
        if (!stage.accept(codec.relationId(), fact)) {
          throw new IllegalArgumentException(stage.role() + " refused " + fact);
        }
        return this;
      }
    }
    throw new IllegalArgumentException("no codec for " + fact);
  }

  /** Runs one tick and returns what it sent. */
  List<Sent> tick(long nowMillis) {
    sent.clear();
    lastTickWantsMore = stage.tick(nowMillis, out);
    return List.copyOf(sent);
  }

  /** The facts of type {@code type} sent in one tick. */
  <T> List<T> tickAndCollect(long nowMillis, Class<T> type) {
    return tick(nowMillis).stream().map(Sent::fact).filter(type::isInstance).map(type::cast).toList();
  }

  boolean lastTickWantsMore;

  Stage stage() {
    return stage;
  }
}
