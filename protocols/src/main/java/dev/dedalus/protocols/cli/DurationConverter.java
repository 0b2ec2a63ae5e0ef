package dev.dedalus.protocols.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations like {@code 500ms}, {@code 10s}, {@code 2m} (a bare number is seconds). A
 * negative duration parses; the command says whether it may be.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  /** The longest duration taken: a year, far below where nanoseconds overflow a long. */
  static final long MAX_MILLIS = 365L * 24 * 3600 * 1000;

  private static final Pattern DURATION = Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*(ms|s|m|)");

  @Override
  public Duration convert(String value) {
    Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new TypeConversionException("'" + value + "' is not a duration; write e.g. 500ms, 10s or 2m");
    }
    double number = Double.parseDouble(m.group(1));
    double millis = switch (m.group(2)) {
      case "ms" -> number;
      case "m" -> number * 60_000;
      default -> number * 1000; // s, or no unit
    };
    if (Math.abs(millis) > MAX_MILLIS) {
      throw new TypeConversionException("'" + value + "' is not a duration of at most a year; write e.g. 500ms, 10s or 2m");
    }
    return Duration.ofMillis((long) millis);
  }
}
