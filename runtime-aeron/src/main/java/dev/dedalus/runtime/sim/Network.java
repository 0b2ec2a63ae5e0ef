package dev.dedalus.runtime.sim;

import dev.dedalus.Location;
import dev.dedalus.runtime.RelationCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fake transport: every message sent and not yet delivered, in send order. It draws each
 * message's latency and builds duplicates; which message goes next is the scheduler's choice.
 */
final class Network {
  private final SimulationOptions options;
  private final SplittableRandom random;
  private final Wire wire;
  private final List<PendingMessage> pending = new ArrayList<>();
  private long nextSeq;

  Network(SimulationOptions options, SplittableRandom random, Wire wire) {
    this.options = options;
    this.random = random;
    this.wire = wire;
  }

  PendingMessage send(Location from, long senderTick, Location to, RelationCodec<?> codec, Object fact, long nowMillis) {
    byte[] bytes = wire.encode(codec, fact);
    PendingMessage m = new PendingMessage(nextSeq++, from, senderTick, to, codec, bytes, bytes == null ? fact : null,
        nowMillis, nowMillis + latency(), false);
    pending.add(m);
    return m;
  }

  /** A second copy of {@code m}, arriving after a fresh latency; it shares the immutable bytes. */
  PendingMessage duplicate(PendingMessage m, long nowMillis) {
    PendingMessage copy = new PendingMessage(nextSeq++, m.from, m.senderTick, m.to, m.codec, m.bytes, m.fact,
        m.sentAtMillis, nowMillis + latency(), true);
    pending.add(copy);
    return copy;
  }

  /** Pushes {@code m} back by a random extra delay. */
  long delay(PendingMessage m, long nowMillis) {
    long extra = 1 + random.nextLong(options.maxExtraDelayMillis());
    m.deliverAtMillis = nowMillis + extra;
    m.delays++;
    m.readySinceStep = -1;
    return extra;
  }

  Object factOf(PendingMessage m) {
    return wire.factOf(m);
  }

  /** All pending messages in send order; callers mark delivered ones {@link PendingMessage#gone}. */
  List<PendingMessage> pending() {
    return pending;
  }

  /**
   * Whether a message sent earlier on the same channel (same sender, same receiver) is still in
   * flight and not delivered together with {@code m}: a FIFO violation.
   */
  boolean overtakes(PendingMessage m, List<PendingMessage> deliveredTogether) {
    for (PendingMessage other : pending) {
      if (other.seq >= m.seq) {
        return false;
      }
      if (!other.gone && other.to.equals(m.to) && other.from.equals(m.from) && !deliveredTogether.contains(other)) {
        return true;
      }
    }
    return false;
  }

  void removeGone() {
    pending.removeIf(m -> m.gone);
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  private long latency() {
    long min = options.minLatencyMillis();
    return min + random.nextLong(options.maxLatencyMillis() - min + 1);
  }
}
