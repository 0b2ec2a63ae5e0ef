package dev.dedalus.runtime.deploy;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed fields out of a parsed HOCON object and reports every mistake as a
 * {@link TopologyFileException} naming the file, the line and the field's path. Keeps the reading
 * of a topology file free of origin bookkeeping.
 */
final class ConfigReader {
  private ConfigReader() {}

  /** {@code file:line: path: message}, the line being that of {@code at}. */
  static TopologyFileException error(ConfigValue at, String path, String message) {
    return new TopologyFileException(where(at.origin()) + ": " + path + ": " + message);
  }

  /** {@code file:line}, or {@code file} where the line is unknown. */
  static String where(ConfigOrigin origin) {
    // A parsed string's description carries its line already ("name: 12"); keep the name only.
    String file = origin.filename() != null ? origin.filename() : origin.description().replaceFirst(": \\d+(-\\d+)?$", "");
    return origin.lineNumber() > 0 ? file + ":" + origin.lineNumber() : file;
  }

  /** A parse or resolve error of the config library, in the same {@code file:line: message} form. */
  static TopologyFileException error(com.typesafe.config.ConfigException e) {
    ConfigOrigin origin = e.origin();
    String message = e.getMessage();
    if (origin == null) {
      return new TopologyFileException(message, e);
    }
    String prefix = origin.description() + ": ";
    return new TopologyFileException(where(origin) + ": " + (message.startsWith(prefix) ? message.substring(prefix.length()) : message), e);
  }

  /** The path of {@code key} under {@code parent}, quoted as HOCON would need it. */
  static String path(String parent, String key) {
    String k = key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
    return parent.isEmpty() ? k : parent + "." + k;
  }

  /** Fails on any key of {@code object} not in {@code known}, naming the line of the first such key. */
  static void onlyKnown(ConfigObject object, String path, List<String> known) {
    Set<String> sorted = new TreeSet<>(object.keySet());
    for (String key : sorted) {
      if (!known.contains(key)) {
        throw error(object.get(key), path(path, key), "unknown field; the fields here are " + String.join(", ", known));
      }
    }
  }

  static ConfigObject object(ConfigValue value, String path) {
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw error(value, path, "must be an object { ... }, got " + describe(value));
    }
    return (ConfigObject) value;
  }

  static ConfigValue required(ConfigObject object, String parent, String key) {
    ConfigValue value = object.get(key);
    if (value == null || value.valueType() == ConfigValueType.NULL) {
      throw new TopologyFileException(where(object.origin()) + ": " + path(parent, key) + ": missing; this field is required");
    }
    return value;
  }

  static String string(ConfigValue value, String path) {
    if (value.valueType() != ConfigValueType.STRING) {
      throw error(value, path, "must be a string, got " + describe(value));
    }
    String s = (String) value.unwrapped();
    if (s.isBlank()) {
      throw error(value, path, "must not be empty");
    }
    return s.trim();
  }

  /** An integer from {@code min} to {@code max}, written as a number. */
  static int integer(ConfigValue value, String path, long min, long max) {
    if (value.valueType() != ConfigValueType.NUMBER || !(value.unwrapped() instanceof Integer || value.unwrapped() instanceof Long)) {
      throw error(value, path, "must be a whole number, got " + describe(value));
    }
    long n = ((Number) value.unwrapped()).longValue();
    if (n < min || n > max) {
      throw error(value, path, "must be from " + min + " to " + max + ", got " + n);
    }
    return (int) n;
  }

  private static String describe(ConfigValue value) {
    return value.valueType() == ConfigValueType.STRING ? "'" + value.unwrapped() + "'"
        : value.valueType().name().toLowerCase(java.util.Locale.ROOT) + " " + value.render();
  }
}
