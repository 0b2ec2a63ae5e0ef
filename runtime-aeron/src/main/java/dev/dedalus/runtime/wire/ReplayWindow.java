package dev.dedalus.runtime.wire;

import org.agrona.collections.Long2LongHashMap;

/**
 * Remembers, per sender, the incarnation and the last sequence number of the frames accepted from
 * it, so that a frame seen before (recorded and offered again) is refused. A frame is fresh if its
 * incarnation is newer than the one known (the sender restarted) or, in the same incarnation, its
 * sequence is higher than the last one accepted. Gaps are fine: a sender numbers its frames to all
 * destinations in one sequence, and frames may be dropped on the way.
 *
 * <p>Primitive maps, so a known sender costs no allocation per frame. The window is in memory: a
 * restarted receiver starts empty. Single-threaded.
 */
public final class ReplayWindow {
  private static final long NONE = Long.MIN_VALUE;

  private final Long2LongHashMap incarnations = new Long2LongHashMap(NONE);
  private final Long2LongHashMap sequences = new Long2LongHashMap(NONE);

  /**
   * {@return whether a frame from {@code sender} with this incarnation and sequence is fresh: the
   * sender is unknown, the incarnation is newer than the one recorded, or in the same incarnation
   * the sequence is higher than the last one recorded}
   *
   * @param sender the sender's id
   * @param incarnation the frame's sender incarnation
   * @param sequence the frame's sequence number
   */
  public boolean isFresh(long sender, long incarnation, long sequence) {
    long known = incarnations.get(sender);
    return known == NONE || incarnation > known || (incarnation == known && sequence > sequences.get(sender));
  }

  /**
   * Records an accepted frame; call only for a frame {@link #isFresh} said was fresh.
   *
   * @param sender the sender's id
   * @param incarnation the frame's sender incarnation
   * @param sequence the frame's sequence number
   */
  public void record(long sender, long incarnation, long sequence) {
    incarnations.put(sender, incarnation);
    sequences.put(sender, sequence);
  }

  /** {@return the number of senders remembered} */
  public int senders() {
    return incarnations.size();
  }
}
