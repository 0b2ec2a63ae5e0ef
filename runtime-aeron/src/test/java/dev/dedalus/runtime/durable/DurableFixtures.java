package dev.dedalus.runtime.durable;

import dev.dedalus.runtime.Codecs;
import dev.dedalus.runtime.DecodeCursor;
import dev.dedalus.runtime.DurableLog;
import dev.dedalus.runtime.Hashing;
import dev.dedalus.runtime.RelationCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The durable relations of a made-up acceptor, with hand-written codecs shaped like generated ones
 * whose relation id and schema hash a test can vary.
 */
final class DurableFixtures {
  static final String PROGRAM = "test.Paxos";
  static final String NODE = "Acceptor-1";

  record Vote(long ballot, String voter) {}

  record Decided(long slot, boolean commit) {}

  static final int VOTE_HASH = Hashing.finish(Hashing.add(Hashing.add(Hashing.start(), "Vote"), "long,String"));
  static final int DECIDED_HASH = Hashing.finish(Hashing.add(Hashing.add(Hashing.start(), "Decided"), "long,boolean"));

  static final RelationCodec<Vote> VOTE = new VoteCodec(0, VOTE_HASH);
  static final RelationCodec<Decided> DECIDED = new DecidedCodec(1, DECIDED_HASH);
  static final List<RelationCodec<?>> RELATIONS = List.of(VOTE, DECIDED);

  /** One recovered fact. */
  record Recovered(int relationId, Object fact) {}

  private DurableFixtures() {}

  static DurableLog open(Path directory, LogSync sync) {
    return ChronicleDurableLog.open(directory, PROGRAM, NODE, RELATIONS, sync);
  }

  /** Appends {@code batches} batches of {@code perBatch} votes and one decision each, committing each. */
  static List<Recovered> commitBatches(DurableLog log, int firstBatch, int batches, int perBatch) {
    List<Recovered> written = new ArrayList<>();
    for (int b = firstBatch; b < firstBatch + batches; b++) {
      for (int i = 0; i < perBatch; i++) {
        Vote vote = new Vote(b * 1000L + i, "voter-" + b + "-" + i);
        log.append(VOTE, vote);
        written.add(new Recovered(VOTE.relationId(), vote));
      }
      Decided decided = new Decided(b, b % 2 == 0);
      log.append(DECIDED, decided);
      written.add(new Recovered(DECIDED.relationId(), decided));
      if (log.commit() != perBatch + 1) {
        throw new AssertionError("commit did not report the batch's facts");
      }
    }
    return written;
  }

  static List<Recovered> recoverAll(DurableLog log) {
    List<Recovered> recovered = new ArrayList<>();
    log.recover((relationId, fact) -> recovered.add(new Recovered(relationId, fact)));
    return recovered;
  }

  /** What every fixture codec shares: its id, schema hash, name and record class. */
  abstract static class FixtureCodec<T> implements RelationCodec<T> {
    private final int id;
    private final int hash;
    private final String name;
    private final Class<T> type;

    FixtureCodec(int id, int hash, String name, Class<T> type) {
      this.id = id;
      this.hash = hash;
      this.name = name;
      this.type = type;
    }

    @Override
    public int relationId() {
      return id;
    }

    @Override
    public int schemaHash() {
      return hash;
    }

    @Override
    public String relationName() {
      return name;
    }

    @Override
    public Class<T> type() {
      return type;
    }
  }

  static class VoteCodec extends FixtureCodec<Vote> {
    VoteCodec(int id, int hash) {
      super(id, hash, "Vote", Vote.class);
    }

    @Override
    public int encodedLength(Vote f) {
      return 8 + Codecs.stringLength(f.voter());
    }

    @Override
    public int encode(Vote f, MutableDirectBuffer b, int offset) {
      return Codecs.writeString(b, Codecs.writeLong(b, offset, f.ballot()), f.voter());
    }

    @Override
    public Vote decode(DirectBuffer b, DecodeCursor c) {
      return new Vote(Codecs.readLong(b, c), Codecs.readString(b, c));
    }
  }

  static final class DecidedCodec extends FixtureCodec<Decided> {
    DecidedCodec(int id, int hash) {
      super(id, hash, "Decided", Decided.class);
    }

    @Override
    public int encodedLength(Decided f) {
      return 9;
    }

    @Override
    public int encode(Decided f, MutableDirectBuffer b, int offset) {
      return Codecs.writeBoolean(b, Codecs.writeLong(b, offset, f.slot()), f.commit());
    }

    @Override
    public Decided decode(DirectBuffer b, DecodeCursor c) {
      return new Decided(Codecs.readLong(b, c), Codecs.readBoolean(b, c));
    }
  }
}
