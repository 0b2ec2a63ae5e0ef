package dev.dedalus.runtime.sim;

import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.RelationCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The program's codecs by record class, so that scripted client inputs name only a fact. Only
 * looked up, never iterated, so a HashMap is deterministic here.
 */
final class CodecTable {
  private final DedalusProgram program;
  private final Map<Class<?>, RelationCodec<?>> byType = new HashMap<>();
  private final Map<Class<?>, String> ambiguous = new HashMap<>();

  CodecTable(DedalusProgram program) {
    this.program = program;
    List<RelationCodec<?>> codecs = program.codecs();
    for (int id = 0; id < codecs.size(); id++) {
      RelationCodec<?> codec = codecs.get(id);
      if (codec.relationId() != id) {
        throw new IllegalArgumentException("program " + program.name() + ": codec " + codec.relationName()
            + " has relation id " + codec.relationId() + " but sits at index " + id + " of codecs()");
      }
      RelationCodec<?> previous = byType.putIfAbsent(codec.type(), codec);
      if (previous != null) {
        ambiguous.put(codec.type(), previous.relationName() + " and " + codec.relationName());
      }
    }
  }

  RelationCodec<?> forFact(Object fact) {
    Class<?> type = fact.getClass();
    if (ambiguous.containsKey(type)) {
      throw new IllegalArgumentException("record " + type.getName() + " is the type of several relations ("
          + ambiguous.get(type) + "); cannot tell which one a client sends");
    }
    RelationCodec<?> codec = byType.get(type);
    if (codec == null) {
      throw new IllegalArgumentException("program " + program.name() + " has no network relation of type "
          + type.getName());
    }
    return codec;
  }

  /** Checks that a stage sends with its program's codec, so relation ids mean the same at both ends. */
  void checkOwn(RelationCodec<?> codec) {
    RelationCodec<?> own = program.codec(codec.relationId());
    if (own == null || own.type() != codec.type() || !own.relationName().equals(codec.relationName())) {
      throw new IllegalStateException("codec " + codec.relationName() + " (id " + codec.relationId()
          + ") is not program " + program.name() + "'s codec for that id");
    }
  }
}
