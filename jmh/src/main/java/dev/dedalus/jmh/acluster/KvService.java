package dev.dedalus.jmh.acluster;

import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.client.ClusterException;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import java.util.Arrays;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The replicated key-value map, one instance per cluster member, run by that member's
 * {@code ClusteredServiceContainer}: {@code put}, {@code get} and {@code cas} in {@link KvCodec}'s
 * format. Every member applies every committed command in log order; only the leader's replies
 * leave the member (a follower's {@code ClientSession.offer} is a no-op).
 *
 * <p><b>Exactly once.</b> Per client session the service keeps the last request id and its encoded
 * reply. A request with a larger id is applied and answered; the same id again (a retry) is answered
 * from the kept reply without being applied; a smaller id is a stale duplicate and is dropped. The
 * kept replies are part of the replicated state (and of snapshots), so a new leader answers retries
 * exactly as the old one would have. A session's entry goes when the session closes.
 *
 * <p><b>Snapshots.</b> {@link #onTakeSnapshot} writes every value and every session's last reply,
 * then an end marker with the counts; {@link #onStart} reads them back when the member starts from
 * a snapshot. Aeron Cluster takes a snapshot only when asked (the control toggle, an admin request,
 * or an orderly cluster shutdown), so none is taken while a benchmark measures.
 *
 * <p>Counters read from other threads ({@link #applied()}, ...) are volatile; the maps are touched
 * only by the service thread, except through {@link #valueOf} after the cluster has quiesced (tests).
 */
public final class KvService implements ClusteredService {
  private static final byte SNAPSHOT_VALUE = 1;
  private static final byte SNAPSHOT_SESSION = 2;
  private static final byte SNAPSHOT_END = 3;
  private static final int SNAPSHOT_FRAGMENT_LIMIT = 64;

  private final Long2ObjectHashMap<byte[]> values = new Long2ObjectHashMap<>();
  private final Long2ObjectHashMap<LastReply> lastReplies = new Long2ObjectHashMap<>();
  private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(256);
  private final UnsafeBuffer kept = new UnsafeBuffer(new byte[0]);
  private Cluster cluster;
  private IdleStrategy idle;
  private volatile long applied;
  private volatile long retried;
  private volatile long stale;
  private volatile long snapshotsTaken;
  private volatile long snapshotsLoaded;
  private volatile Cluster.Role role = Cluster.Role.FOLLOWER;

  /** The last request of one client session and its encoded reply. */
  private static final class LastReply {
    long requestId = Long.MIN_VALUE;
    byte[] reply = new byte[32];
    int length;

    void keep(DirectBuffer from, int length) {
      if (reply.length < length) {
        reply = new byte[Math.max(length, reply.length * 2)];
      }
      from.getBytes(0, reply, 0, length);
      this.length = length;
    }
  }

  @Override
  public void onStart(Cluster cluster, Image snapshotImage) {
    this.cluster = cluster;
    this.idle = cluster.idleStrategy();
    if (snapshotImage != null) {
      load(snapshotImage);
    }
  }

  @Override
  public void onSessionOpen(ClientSession session, long timestamp) {
  }

  @Override
  public void onSessionClose(ClientSession session, long timestamp, CloseReason closeReason) {
    lastReplies.remove(session.id());
  }

  @Override
  public void onSessionMessage(ClientSession session, long timestamp, DirectBuffer buffer, int offset, int length,
      Header header) {
    long requestId = KvCodec.requestId(buffer, offset);
    LastReply last = lastReplies.get(session.id());
    if (last == null) {
      last = new LastReply();
      lastReplies.put(session.id(), last);
    }
    if (requestId == last.requestId) {
      retried++;
      kept.wrap(last.reply, 0, last.length);
      send(session, kept, last.length);
      return;
    }
    if (requestId < last.requestId) {
      stale++;
      return;
    }
    int replyLength = apply(buffer, offset, length, requestId);
    last.requestId = requestId;
    last.keep(scratch, replyLength);
    applied++;
    send(session, scratch, replyLength);
  }

  /** Applies one command, writing its reply at the start of {@link #scratch}. */
  private int apply(DirectBuffer buffer, int offset, int length, long requestId) {
    long key = KvCodec.key(buffer, offset);
    byte op = KvCodec.op(buffer, offset);
    switch (op) {
      case KvCodec.PUT -> {
        values.put(key, copy(buffer, offset + KvCodec.REQUEST_HEADER_LENGTH, length - KvCodec.REQUEST_HEADER_LENGTH));
        return KvCodec.reply(scratch, 0, requestId, KvCodec.OK);
      }
      case KvCodec.GET -> {
        byte[] value = values.get(key);
        return value == null
            ? KvCodec.reply(scratch, 0, requestId, KvCodec.ABSENT)
            : KvCodec.found(scratch, 0, requestId, value);
      }
      case KvCodec.CAS -> {
        int expectedLength = buffer.getInt(offset + KvCodec.REQUEST_HEADER_LENGTH);
        int expectedAt = offset + KvCodec.CAS_EXPECTED_OFFSET;
        int expectedBytes = Math.max(expectedLength, 0);
        byte[] current = values.get(key);
        boolean matches = expectedLength < 0
            ? current == null
            : current != null && Arrays.equals(current, copy(buffer, expectedAt, expectedBytes));
        if (!matches) {
          return KvCodec.reply(scratch, 0, requestId, KvCodec.NOT_SWAPPED);
        }
        int newAt = expectedAt + expectedBytes;
        values.put(key, copy(buffer, newAt, offset + length - newAt));
        return KvCodec.reply(scratch, 0, requestId, KvCodec.SWAPPED);
      }
      default -> throw new ClusterException("unknown key-value op " + op + " in request " + requestId);
    }
  }

  private static byte[] copy(DirectBuffer buffer, int offset, int length) {
    byte[] bytes = new byte[length];
    buffer.getBytes(offset, bytes);
    return bytes;
  }

  /**
   * Sends a reply; a follower's offer returns at once. Back pressure is waited out (one reply per
   * outstanding request, so it is brief); a session whose egress is gone gets nothing.
   */
  private void send(ClientSession session, DirectBuffer reply, int length) {
    idle.reset();
    while (true) {
      long result = session.offer(reply, 0, length);
      if (result > 0 || result == Publication.NOT_CONNECTED || result == Publication.CLOSED) {
        return;
      }
      if (result == Publication.MAX_POSITION_EXCEEDED) {
        throw new ClusterException("egress of session " + session.id() + " exceeded its maximum position");
      }
      idle.idle();
    }
  }

  @Override
  public void onTimerEvent(long correlationId, long timestamp) {
  }

  @Override
  public void onTakeSnapshot(ExclusivePublication snapshot) {
    for (Long2ObjectHashMap<byte[]>.EntryIterator it = values.entrySet().iterator(); it.hasNext(); ) {
      it.next();
      byte[] value = it.getValue();
      scratch.putByte(0, SNAPSHOT_VALUE);
      scratch.putLong(1, it.getLongKey());
      scratch.putBytes(9, value);
      offer(snapshot, scratch, 9 + value.length);
    }
    for (Long2ObjectHashMap<LastReply>.EntryIterator it = lastReplies.entrySet().iterator(); it.hasNext(); ) {
      it.next();
      LastReply last = it.getValue();
      scratch.putByte(0, SNAPSHOT_SESSION);
      scratch.putLong(1, it.getLongKey());
      scratch.putLong(9, last.requestId);
      scratch.putBytes(17, last.reply, 0, last.length);
      offer(snapshot, scratch, 17 + last.length);
    }
    scratch.putByte(0, SNAPSHOT_END);
    scratch.putInt(1, values.size());
    scratch.putInt(5, lastReplies.size());
    offer(snapshot, scratch, 9);
    snapshotsTaken++;
  }

  private void offer(ExclusivePublication publication, MutableDirectBuffer buffer, int length) {
    idle.reset();
    while (true) {
      long result = publication.offer(buffer, 0, length);
      if (result > 0) {
        return;
      }
      if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED) {
        throw new ClusterException("snapshot publication failed: " + Publication.errorString(result));
      }
      idle.idle();
    }
  }

  /** Reads a snapshot written by {@link #onTakeSnapshot} up to its end marker, checking the counts. */
  private void load(Image image) {
    values.clear();
    lastReplies.clear();
    boolean[] done = new boolean[1];
    FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) -> {
      byte type = buffer.getByte(offset);
      switch (type) {
        case SNAPSHOT_VALUE -> values.put(buffer.getLong(offset + 1), copy(buffer, offset + 9, length - 9));
        case SNAPSHOT_SESSION -> {
          LastReply last = new LastReply();
          last.requestId = buffer.getLong(offset + 9);
          last.reply = copy(buffer, offset + 17, length - 17);
          last.length = last.reply.length;
          lastReplies.put(buffer.getLong(offset + 1), last);
        }
        case SNAPSHOT_END -> {
          int valueCount = buffer.getInt(offset + 1);
          int sessionCount = buffer.getInt(offset + 5);
          if (valueCount != values.size() || sessionCount != lastReplies.size()) {
            throw new ClusterException("key-value snapshot holds " + values.size() + " values and "
                + lastReplies.size() + " sessions, its end marker says " + valueCount + " and " + sessionCount);
          }
          done[0] = true;
        }
        default -> throw new ClusterException("unknown key-value snapshot record " + type);
      }
    });
    idle.reset();
    while (!done[0]) {
      int fragments = image.poll(assembler, SNAPSHOT_FRAGMENT_LIMIT);
      if (fragments == 0) {
        if (image.isEndOfStream() || image.isClosed()) {
          throw new ClusterException("key-value snapshot ended before its end marker");
        }
        idle.idle();
      } else {
        idle.reset();
      }
    }
    snapshotsLoaded++;
  }

  @Override
  public void onRoleChange(Cluster.Role newRole) {
    role = newRole;
  }

  @Override
  public void onTerminate(Cluster cluster) {
  }

  /** Commands applied (retries and stale duplicates not counted). */
  public long applied() {
    return applied;
  }

  /** Retried requests answered from the kept reply. */
  public long retried() {
    return retried;
  }

  /** Requests older than their session's last one, dropped. */
  public long stale() {
    return stale;
  }

  public long snapshotsTaken() {
    return snapshotsTaken;
  }

  public long snapshotsLoaded() {
    return snapshotsLoaded;
  }

  public Cluster.Role role() {
    return role;
  }

  /**
   * The value of {@code key} (a copy), or null. Reads the service's map from another thread: only
   * for tests, once no command is being applied.
   */
  public byte[] valueOf(long key) {
    byte[] value = values.get(key);
    return value == null ? null : value.clone();
  }
}
