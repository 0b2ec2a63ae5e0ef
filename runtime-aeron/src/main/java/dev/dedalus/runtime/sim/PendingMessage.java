package dev.dedalus.runtime.sim;

import dev.dedalus.Location;
import dev.dedalus.runtime.RelationCodec;

/**
 * A message in flight. It carries either its encoded bytes or, when encoding is off, the fact
 * itself; {@link Wire} turns it back into a fact at each delivery. Mutable only in what the
 * scheduler changes: when it may be delivered, and bookkeeping for fairness.
 */
final class PendingMessage {
  /** Send order: the simulator's tie-breaker everywhere, so nothing depends on identity hashes. */
  final long seq;
  final Location from;
  final long senderTick;
  final Location to;
  final RelationCodec<?> codec;
  final byte[] bytes;
  final Object fact;
  final long sentAtMillis;
  /** A copy made by duplication; copies are not duplicated again, so duplication stays bounded. */
  final boolean duplicate;

  long deliverAtMillis;
  int delays;
  /** The step at which the message was first seen deliverable, or -1. */
  long readySinceStep = -1;
  boolean gone;

  PendingMessage(long seq, Location from, long senderTick, Location to, RelationCodec<?> codec, byte[] bytes,
      Object fact, long sentAtMillis, long deliverAtMillis, boolean duplicate) {
    this.seq = seq;
    this.from = from;
    this.senderTick = senderTick;
    this.to = to;
    this.codec = codec;
    this.bytes = bytes;
    this.fact = fact;
    this.sentAtMillis = sentAtMillis;
    this.deliverAtMillis = deliverAtMillis;
    this.duplicate = duplicate;
  }

  /** A compact name for the trace: m12, or m12d for a duplicate. */
  String tag() {
    return "m" + seq + (duplicate ? "d" : "");
  }
}
