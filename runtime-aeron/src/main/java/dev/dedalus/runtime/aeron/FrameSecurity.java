package dev.dedalus.runtime.aeron;

import dev.dedalus.Location;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.security.FrameKeys;
import dev.dedalus.runtime.wire.FrameAuthenticator;
import dev.dedalus.runtime.wire.FrameSeal;
import dev.dedalus.runtime.wire.FrameTrailer;
import dev.dedalus.runtime.wire.Incarnation;
import java.util.List;
import org.agrona.collections.LongHashSet;

/**
 * What an endpoint of one deployment needs to seal the frames it sends and judge the frames it
 * receives: the keys, the topology's node locations, and which relations a client may send (the
 * program's {@code @Input}s). Immutable and shared by the endpoints; each gets its own
 * {@link FrameSeal} and {@link FrameAuthenticator}, which are single-threaded.
 */
public final class FrameSecurity {
  private final FrameKeys keys;
  /** Never changed after construction, so endpoints on any thread may read it. */
  private final LongHashSet nodeIds = new LongHashSet();
  private final boolean[] clientInputs;

  /**
   * Security for the endpoints of {@code topology}.
   *
   * @param topology the deployment: its node locations and its program's {@code @Input}s
   * @param keys the keys frames are sealed and verified with
   */
  public FrameSecurity(Topology topology, FrameKeys keys) {
    this.keys = keys;
    for (Topology.Node node : topology.nodes()) {
      nodeIds.add(node.location().id());
    }
    this.clientInputs = clientInputs(topology.program());
  }

  /**
   * {@return security without keys: frames carry a CRC32C; senders are still checked against the
   * topology}
   *
   * @param topology the deployment
   */
  public static FrameSecurity unkeyed(Topology topology) {
    return new FrameSecurity(topology, FrameKeys.none());
  }

  /** {@return the keys frames are sealed and verified with} */
  public FrameKeys keys() {
    return keys;
  }

  /**
   * A seal for the endpoint at {@code self}, with a fresh incarnation. A client's seal uses the
   * client key for every frame; a node's uses the cluster key for frames to nodes and the client
   * key for frames to clients.
   *
   * @param self the sending endpoint's location
   * @return a new seal
   * @throws IllegalStateException if {@code self} is a node and the keys are a client's
   */
  public FrameSeal newSeal(Location self) {
    FrameTrailer withClients = keys.withClients();
    FrameTrailer toNodes = Topology.isClient(self) ? withClients : keys.betweenNodes();
    return new FrameSeal(self.id(), Incarnation.next(), toNodes, withClients);
  }

  /**
   * An authenticator for frames received at {@code self}.
   *
   * @param self the receiving endpoint's location
   * @return a new authenticator, with an empty replay window
   * @throws IllegalStateException if {@code self} is a node and the keys are a client's
   */
  public FrameAuthenticator newAuthenticator(Location self) {
    FrameTrailer withClients = keys.withClients();
    FrameTrailer betweenNodes = Topology.isClient(self) ? withClients : keys.betweenNodes();
    return new FrameAuthenticator(self.id(), nodeIds, betweenNodes, withClients);
  }

  /**
   * {@return whether a client may send facts of this relation: it is one of the program's
   * {@code @Input}s}
   *
   * @param relationId a relation id; ids the program does not have give false
   */
  public boolean clientMaySend(int relationId) {
    return relationId >= 0 && relationId < clientInputs.length && clientInputs[relationId];
  }

  /**
   * The relations some role receives from clients, by relation id. A program names them only
   * through {@link DedalusProgram#inputRole}, which throws (or, in hand-written programs, returns
   * null) for a type that is no input.
   */
  private static boolean[] clientInputs(DedalusProgram program) {
    List<RelationCodec<?>> codecs = program.codecs();
    boolean[] inputs = new boolean[codecs.size()];
    for (int id = 0; id < inputs.length; id++) {
      RelationCodec<?> codec = codecs.get(id);
      try {
        inputs[id] = codec != null && program.inputRole(codec.type()) != null;
      } catch (IllegalArgumentException notAnInput) {
        inputs[id] = false;
      }
    }
    return inputs;
  }
}
