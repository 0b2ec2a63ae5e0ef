package dev.dedalus.runtime.wire;

import dev.dedalus.Location;
import dev.dedalus.runtime.Codecs;
import dev.dedalus.runtime.DecodeCursor;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Hashing;
import dev.dedalus.runtime.Outbound;
import dev.dedalus.runtime.RelationCodec;
import dev.dedalus.runtime.Stage;
import dev.dedalus.runtime.StageContext;
import java.util.ArrayList;
import java.util.List;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A hand-written two-role program, shaped like generated code: a client sends {@code Request}s to
 * a {@code front} node, which forwards each to the {@code back} instance chosen by the request id;
 * the back node replies to the client.
 *
 * <pre>
 * Forward@B(c, id, body) :- Request(c, id, body, _), B = back[id mod |back|].   (front)
 * Reply@c(id, body, urgent)  :- Forward(c, id, body, urgent).                   (back)
 * </pre>
 */
public final class EchoProgram implements DedalusProgram {
  public static final String FRONT = "front";
  public static final String BACK = "back";

  public record Request(Location client, long id, String body, boolean urgent) {}

  public record Forward(Location client, long id, String body, boolean urgent) {}

  public record Reply(long id, String body, boolean urgent) {}

  public static final RelationCodec<Request> REQUEST = new RequestCodec();
  public static final RelationCodec<Forward> FORWARD = new ForwardCodec();
  public static final RelationCodec<Reply> REPLY = new ReplyCodec();

  private static final List<RelationCodec<?>> CODECS = List.of(REQUEST, FORWARD, REPLY);

  @Override
  public String name() {
    return "test.Echo";
  }

  @Override
  public List<String> roles() {
    return List.of(FRONT, BACK);
  }

  @Override
  public Stage newStage(String role, StageContext context) {
    return switch (role) {
      case FRONT -> new FrontStage(context.addressesOf(BACK));
      case BACK -> new BackStage();
      default -> throw new IllegalArgumentException("no role " + role);
    };
  }

  @Override
  public List<RelationCodec<?>> codecs() {
    return CODECS;
  }

  @Override
  public String inputRole(Class<?> inputType) {
    if (inputType == Request.class) {
      return FRONT;
    }
    throw new IllegalArgumentException(inputType + " is not an input");
  }

  static int hashOf(String name, String types) {
    return Hashing.finish(Hashing.add(Hashing.add(Hashing.start(), name), types));
  }

  /** Receives requests; forwards each to a back instance. */
  static final class FrontStage implements Stage {
    private final List<Location> backs;
    private final List<Request> inbox = new ArrayList<>();

    FrontStage(List<Location> backs) {
      this.backs = backs;
    }

    @Override
    public String role() {
      return FRONT;
    }

    @Override
    public boolean accept(int relationId, Object fact) {
      if (relationId != REQUEST.relationId()) {
        return false;
      }
      inbox.add((Request) fact);
      return true;
    }

    @Override
    public boolean tick(long nowMillis, Outbound out) {
      for (Request r : inbox) {
        Location back = backs.get((int) Math.floorMod(r.id(), (long) backs.size()));
        out.send(back, FORWARD, new Forward(r.client(), r.id(), r.body(), r.urgent()));
      }
      inbox.clear();
      return false;
    }

    @Override
    public boolean hasInput() {
      return !inbox.isEmpty();
    }

    @Override
    public long nextTimerMillis() {
      return Long.MAX_VALUE;
    }
  }

  /** Receives forwarded requests; replies to their clients. */
  static final class BackStage implements Stage {
    private final List<Forward> inbox = new ArrayList<>();

    @Override
    public String role() {
      return BACK;
    }

    @Override
    public boolean accept(int relationId, Object fact) {
      if (relationId != FORWARD.relationId()) {
        return false;
      }
      inbox.add((Forward) fact);
      return true;
    }

    @Override
    public boolean tick(long nowMillis, Outbound out) {
      for (Forward f : inbox) {
        out.send(f.client(), REPLY, new Reply(f.id(), f.body(), f.urgent()));
      }
      inbox.clear();
      return false;
    }

    @Override
    public boolean hasInput() {
      return !inbox.isEmpty();
    }

    @Override
    public long nextTimerMillis() {
      return Long.MAX_VALUE;
    }
  }

  static final class RequestCodec implements RelationCodec<Request> {
    private static final int HASH = hashOf("Request", "Location,long,String,boolean");

    @Override
    public int relationId() {
      return 0;
    }

    @Override
    public int schemaHash() {
      return HASH;
    }

    @Override
    public String relationName() {
      return "Request";
    }

    @Override
    public Class<Request> type() {
      return Request.class;
    }

    @Override
    public int encodedLength(Request f) {
      return 8 + 8 + Codecs.stringLength(f.body()) + 1;
    }

    @Override
    public int encode(Request f, MutableDirectBuffer b, int offset) {
      offset = Codecs.writeLocation(b, offset, f.client());
      offset = Codecs.writeLong(b, offset, f.id());
      offset = Codecs.writeString(b, offset, f.body());
      return Codecs.writeBoolean(b, offset, f.urgent());
    }

    @Override
    public Request decode(DirectBuffer b, DecodeCursor c) {
      return new Request(Codecs.readLocation(b, c), Codecs.readLong(b, c), Codecs.readString(b, c), Codecs.readBoolean(b, c));
    }
  }

  static final class ForwardCodec implements RelationCodec<Forward> {
    private static final int HASH = hashOf("Forward", "Location,long,String,boolean");

    @Override
    public int relationId() {
      return 1;
    }

    @Override
    public int schemaHash() {
      return HASH;
    }

    @Override
    public String relationName() {
      return "Forward";
    }

    @Override
    public Class<Forward> type() {
      return Forward.class;
    }

    @Override
    public int encodedLength(Forward f) {
      return 8 + 8 + Codecs.stringLength(f.body()) + 1;
    }

    @Override
    public int encode(Forward f, MutableDirectBuffer b, int offset) {
      offset = Codecs.writeLocation(b, offset, f.client());
      offset = Codecs.writeLong(b, offset, f.id());
      offset = Codecs.writeString(b, offset, f.body());
      return Codecs.writeBoolean(b, offset, f.urgent());
    }

    @Override
    public Forward decode(DirectBuffer b, DecodeCursor c) {
      return new Forward(Codecs.readLocation(b, c), Codecs.readLong(b, c), Codecs.readString(b, c), Codecs.readBoolean(b, c));
    }
  }

  static final class ReplyCodec implements RelationCodec<Reply> {
    private static final int HASH = hashOf("Reply", "long,String,boolean");

    @Override
    public int relationId() {
      return 2;
    }

    @Override
    public int schemaHash() {
      return HASH;
    }

    @Override
    public String relationName() {
      return "Reply";
    }

    @Override
    public Class<Reply> type() {
      return Reply.class;
    }

    @Override
    public int encodedLength(Reply f) {
      return 8 + Codecs.stringLength(f.body()) + 1;
    }

    @Override
    public int encode(Reply f, MutableDirectBuffer b, int offset) {
      offset = Codecs.writeLong(b, offset, f.id());
      offset = Codecs.writeString(b, offset, f.body());
      return Codecs.writeBoolean(b, offset, f.urgent());
    }

    @Override
    public Reply decode(DirectBuffer b, DecodeCursor c) {
      return new Reply(Codecs.readLong(b, c), Codecs.readString(b, c), Codecs.readBoolean(b, c));
    }
  }
}
