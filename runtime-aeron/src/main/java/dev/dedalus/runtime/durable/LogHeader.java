package dev.dedalus.runtime.durable;

import dev.dedalus.runtime.DurableStateException;
import dev.dedalus.runtime.RelationCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * What a node's log is: the program and node that write it, a random id that every batch carries,
 * and for each durable relation its <em>log id</em> (the number its facts carry in the queue),
 * name and schema hash.
 *
 * <p>It is a small text file beside the queue, not the queue's first document, so that a directory
 * of another program or schema is refused before Chronicle maps, grows or locks anything in it, and
 * so that {@code cat} shows whose log a directory holds. It ends with a CRC32C of the lines above it.
 * It is written once when the log is created (to a temporary file, forced, then renamed over, and
 * the directory forced) and rewritten the same way only when the program gains a durable relation.
 *
 * <p>Log ids are the program's relation ids at the time the relation was first logged and never
 * change; recovery finds the current codec by name, so a program whose relation ids were
 * renumbered reads its old log as long as names and schema hashes match.
 */
final class LogHeader {
  static final String FILE_NAME = "dedalus-log.header";

  private static final String FIRST_LINE = "dedalus-durable-log 1";
  private static final int MAX_LOG_ID = 0xFFFF;

  /** One durable relation as the log knows it. */
  record Relation(int logId, String name, int schemaHash) {}

  final String program;
  final String node;
  final long logId;
  final List<Relation> relations;

  LogHeader(String program, String node, long logId, List<Relation> relations) {
    this.program = program;
    this.node = node;
    this.logId = logId;
    this.relations = List.copyOf(relations);
  }

  /** A new log's header: each relation's log id is its current relation id. */
  static LogHeader create(String program, String node, long logId, List<RelationCodec<?>> codecs) {
    List<Relation> relations = new ArrayList<>();
    for (RelationCodec<?> codec : codecs) {
      relations.add(new Relation(codec.relationId(), codec.relationName(), codec.schemaHash()));
    }
    return new LogHeader(program, node, logId, relations);
  }

  /** This header with {@code added} relations, numbered after the highest log id. */
  LogHeader withAdded(List<RelationCodec<?>> added) {
    List<Relation> all = new ArrayList<>(relations);
    int next = maxLogId() + 1;
    for (RelationCodec<?> codec : added) {
      all.add(new Relation(next++, codec.relationName(), codec.schemaHash()));
    }
    return new LogHeader(program, node, logId, all);
  }

  int maxLogId() {
    int max = -1;
    for (Relation r : relations) {
      max = Math.max(max, r.logId());
    }
    return max;
  }

  /** Refuses a log of another program or node. */
  void checkOwner(Path file, String currentProgram, String currentNode) {
    if (!program.equals(currentProgram)) {
      throw new DurableStateException(file, "written by program " + program + ", this node runs " + currentProgram);
    }
    if (!node.equals(currentNode)) {
      throw new DurableStateException(file, "written by node " + node + ", this is node " + currentNode);
    }
  }

  /**
   * Matches stored relations with the current codecs by name.
   *
   * @return the current codecs that the log does not know yet (to add with {@link #withAdded})
   * @throws DurableStateException if a stored relation is gone or its schema hash differs
   */
  List<RelationCodec<?>> unknownRelations(Path file, String currentProgram, List<RelationCodec<?>> codecs) {
    Map<String, RelationCodec<?>> byName = new HashMap<>();
    for (RelationCodec<?> codec : codecs) {
      byName.put(codec.relationName(), codec);
    }
    for (Relation stored : relations) {
      RelationCodec<?> codec = byName.remove(stored.name());
      if (codec == null) {
        throw new DurableStateException(file, "stores facts of relation " + stored.name() + " (log id " + stored.logId()
            + "), which is no longer a durable relation of this node in program " + currentProgram);
      }
      if (codec.schemaHash() != stored.schemaHash()) {
        throw new DurableStateException(file, "relation " + stored.name() + " was logged with schema hash "
            + hex(stored.schemaHash()) + ", the program now has " + hex(codec.schemaHash())
            + ": its stored facts cannot be decoded by the current codec");
      }
    }
    List<RelationCodec<?>> unknown = new ArrayList<>();
    for (RelationCodec<?> codec : codecs) {
      if (byName.containsKey(codec.relationName())) {
        unknown.add(codec);
      }
    }
    return unknown;
  }

  /** Writes the header atomically: a temporary file, forced, renamed over {@code file}; then the directory is forced. */
  void write(Path file) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.write(tmp, text().getBytes(StandardCharsets.UTF_8));
      Io.force(tmp);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Io.force(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the log header " + file, e);
    }
  }

  private String text() {
    StringBuilder b = new StringBuilder();
    b.append(FIRST_LINE).append('\n');
    b.append("program=").append(program).append('\n');
    b.append("node=").append(node).append('\n');
    b.append("log-id=").append(Long.toHexString(logId)).append('\n');
    for (Relation r : relations) {
      b.append("relation=").append(r.logId()).append(' ').append(hex(r.schemaHash())).append(' ').append(r.name()).append('\n');
    }
    int crc = crc(b.toString());
    b.append("crc32c=").append(hex(crc)).append('\n');
    return b.toString();
  }

  /** Reads and checks a header. */
  static LogHeader read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DurableStateException(file, "cannot read the log header: " + e, e);
    }
    int crcAt = text.lastIndexOf("crc32c=");
    if (!text.startsWith(FIRST_LINE + "\n") || crcAt < 0 || !text.endsWith("\n")) {
      throw damaged(file, "not a Dedalus log header (first line '" + FIRST_LINE + "' or last line crc32c=… missing)");
    }
    String body = text.substring(0, crcAt);
    String storedCrc = text.substring(crcAt + "crc32c=".length(), text.length() - 1);
    if (!storedCrc.equals(hex(crc(body)))) {
      throw damaged(file, "checksum mismatch (stored " + storedCrc + ", computed " + hex(crc(body)) + ")");
    }
    String program = null;
    String node = null;
    Long logId = null;
    List<Relation> relations = new ArrayList<>();
    String[] lines = body.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int eq = line.indexOf('=');
      String key = eq < 0 ? line : line.substring(0, eq);
      String value = eq < 0 ? "" : line.substring(eq + 1);
      try {
        switch (key) {
          case "program" -> program = value;
          case "node" -> node = value;
          case "log-id" -> logId = Long.parseUnsignedLong(value, 16);
          case "relation" -> relations.add(parseRelation(value));
          default -> throw damaged(file, "unknown line '" + line + "'");
        }
      } catch (NumberFormatException e) {
        throw damaged(file, "bad line '" + line + "'");
      }
    }
    if (program == null || node == null || logId == null) {
      throw damaged(file, "program, node or log-id missing");
    }
    if (relations.stream().map(Relation::logId).distinct().count() != relations.size()
        || relations.stream().map(Relation::name).distinct().count() != relations.size()) {
      throw damaged(file, "a relation log id or name appears twice");
    }
    return new LogHeader(program, node, logId, relations);
  }

  private static Relation parseRelation(String value) {
    String[] parts = value.split(" ", 3);
    if (parts.length != 3) {
      throw new NumberFormatException(value);
    }
    int id = Integer.parseInt(parts[0]);
    if (id < 0 || id > MAX_LOG_ID) {
      throw new NumberFormatException(value);
    }
    return new Relation(id, parts[2], Integer.parseUnsignedInt(parts[1], 16));
  }

  private static DurableStateException damaged(Path file, String problem) {
    return new DurableStateException(file, "the log header is damaged: " + problem);
  }

  private static int crc(String text) {
    CRC32C crc = new CRC32C();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }

  static String hex(int v) {
    return String.format("%08x", v);
  }
}
