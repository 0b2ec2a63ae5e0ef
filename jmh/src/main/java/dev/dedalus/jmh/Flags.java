package dev.dedalus.jmh;

/**
 * The JVM flags of the parent POM, as constants for {@code @Fork(jvmArgsAppend = ..)}: every forked
 * benchmark JVM gets them from the harness, not from the user.
 */
final class Flags {
  static final String OPENS_MISC = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED";
  static final String OPENS_ZIP = "--add-opens=java.base/java.util.zip=ALL-UNNAMED";
  static final String NO_ANALYTICS = "-Dchronicle.analytics.disable=true";

  private Flags() {}
}
