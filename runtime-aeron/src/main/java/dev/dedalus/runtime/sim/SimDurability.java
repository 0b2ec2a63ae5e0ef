package dev.dedalus.runtime.sim;

import dev.dedalus.Location;
import dev.dedalus.runtime.DurableLog;
import dev.dedalus.runtime.RecoveredFacts;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.wire.FactConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's model of durable relations: each node's log lives in memory, outside the node, so
 * it outlives the node's crashes. A node built through {@link #stageFactory} recovers from its log
 * at every start and journals to it.
 *
 * <p>A simulated tick is atomic: no crash falls inside one, and the tick's sends enter the network
 * when it ends. A fact appended during a tick is therefore committed with that tick, before its
 * sends leave, which is what a real node's commit before sending guarantees. A crash loses the
 * node's memory and everything in flight inside it, and keeps exactly the durable facts of the ticks
 * it completed. (A sync level weaker than a real node's commit, facts lost after they were sent on,
 * is what a program gets by logging in a later tick than it sends: the simulator shows it.)
 */
public final class SimDurability {
  /** One stored append or erasure, with the relation id it was journaled under. */
  private record Stored(int relationId, Object fact, boolean erasure) {}

  private final Map<Location, List<Stored>> logs = new HashMap<>();

  /**
   * Builds each node's stage over its log: empty at the first start, recovered at every restart.
   *
   * @param topology the topology the simulation runs; its nodes' logs are kept here, by location
   * @return the factory to give the {@link Simulation}
   */
  public StageFactory stageFactory(Topology topology) {
    return (node, incarnation) -> topology.recoverStage(node, new NodeLog(logs.computeIfAbsent(node.location(), l -> new ArrayList<>())));
  }

  /**
   * The durable facts of {@code type} that the node at {@code node} has stored and not erased since:
   * what a restart would recover. A fact appended more than once without an erasure between is
   * listed each time, so a test can see a fact journaled twice; an erasure removes every copy, as
   * recovery does.
   *
   * @param node the node's location
   * @param type the durable relation's record class; facts of other types are left out
   * @param <T> the record type
   * @return the facts, in the order they were appended; empty for a node that stored nothing
   */
  public <T> List<T> facts(Location node, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Stored s : logs.getOrDefault(node, List.of())) {
      if (s.erasure()) {
        out.removeIf(s.fact()::equals);
      } else if (type.isInstance(s.fact())) {
        out.add(type.cast(s.fact()));
      }
    }
    return out;
  }

  /**
   * How many appends and erasures the node has stored: the length of its log.
   *
   * @param node the node's location
   * @return the number of records; 0 for a node that stored nothing
   */
  public int size(Location node) {
    return logs.getOrDefault(node, List.of()).size();
  }

  /** One node's log: appends are committed as they are made (see the class comment). */
  private static final class NodeLog implements DurableLog {
    private final List<Stored> stored;

    NodeLog(List<Stored> stored) {
      this.stored = stored;
    }

    @Override
    public <T> void append(RelationCodec<T> codec, T fact) {
      stored.add(new Stored(codec.relationId(), fact, false));
    }

    @Override
    public <T> void erase(RelationCodec<T> codec, T fact) {
      stored.add(new Stored(codec.relationId(), fact, true));
    }

    @Override
    public int commit() {
      return 0;
    }

    @Override
    public void recover(FactConsumer sink) {
      RecoveredFacts facts = new RecoveredFacts();
      for (Stored s : stored) {
        if (s.erasure()) {
          facts.erase(s.relationId(), s.fact());
        } else {
          facts.append(s.relationId(), s.fact());
        }
      }
      facts.deliverTo(sink, (relationId, fact) ->
          new IllegalStateException("the stage refused durable fact " + fact + " of relation " + relationId));
    }

    @Override
    public void close() {
      // nothing to release
    }
  }
}
