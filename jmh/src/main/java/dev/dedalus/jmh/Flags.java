package dev.dedalus.jmh;

/**
 * The JVM flags of the parent POM, as constants for {@code @Fork(jvmArgsAppend = ..)}: every forked
 * benchmark JVM gets them from the harness, not from the user.
 */
final class Flags {
  static final String OPENS_MISC = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED";
  static final String OPENS_ZIP = "--add-opens=java.base/java.util.zip=ALL-UNNAMED";
  static final String NO_ANALYTICS = "-Dchronicle.analytics.disable=true";

  // Chronicle Queue on Java 17 (the parent POM's jvm.flags.chronicle)
  static final String EXPORTS_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
  static final String EXPORTS_NIO = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
  static final String EXPORTS_UNSAFE = "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED";
  static final String EXPORTS_JAVAC_FILE = "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED";
  static final String OPENS_JAVAC = "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED";
  static final String OPENS_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
  static final String OPENS_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
  static final String OPENS_IO = "--add-opens=java.base/java.io=ALL-UNNAMED";
  static final String OPENS_UTIL = "--add-opens=java.base/java.util=ALL-UNNAMED";

  private Flags() {}
}
