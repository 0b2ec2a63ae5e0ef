package dev.dedalus.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Test programs and a compiler that runs the Dedalus processor. */
final class Sources {
  private Sources() {}

  /** The line of {@link #withRule}'s source that holds the rule under test. */
  static final int RULE_LINE = 28;

  /**
   * A valid program with one more rule, {@code underTest}, whose text is {@code rule}. Every
   * relation kind and type is declared, and two functions exist, so one rule can exercise any check.
   */
  static JavaFileObject withRule(String rule) {
    return withRule("P", rule);
  }

  /** As {@link #withRule(String)}, as the top-level type {@code test.<className>}. */
  static JavaFileObject withRule(String className, String rule) {
    String source = """
        package test;

        import dev.dedalus.*;

        @Dedalus
        public interface %s {
          @Input record In(Location client, long id, String payload) {}
          @Output record Out(long id, String payload) {}
          @Config record Peers(Location addr) {}
          @Persist record Log(long id, String payload) {}
          @Timer(periodMillis = 100) record Tick(long now) {}
          record Req(Location client, long id, String payload) {}
          record Seen(long id) {}
          record Flag(boolean on) {}
          record Slot(int n) {}
          record Blob(byte[] data, double score) {}

          static long hash(String s) { return s.hashCode(); }
          static boolean small(long x) { return x < 10; }
          static int twice(int x) { return 2 * x; }
          static long twice(long x) { return 2 * x; }
          static int size(java.util.List<String> xs) { return xs.size(); }

          @Role interface Node {
            @Rule("Req(client, id, p) :- In(client, id, p)") void receive();
            @Rule("Log(id, p) :- Req(_, id, p)") void log();
            @Rule("Out@client(id, p) :~ Req(client, id, p), Log(id, p)") void reply();
            @Rule(%s)
            void underTest();
          }
        }
        """.formatted(className, javaString(rule));
    return JavaFileObjects.forSourceString("test." + className, source);
  }

  static JavaFileObject source(String qualifiedName, String source) {
    return JavaFileObjects.forSourceString(qualifiedName, source);
  }

  static Compilation compile(JavaFileObject... files) {
    return Compiler.javac().withProcessors(new DedalusProcessor()).compile(files);
  }

  /** As {@link #compile}, with compiler options such as {@code -Adedalus.unsafeSkip=NAME}. */
  static Compilation compileWithOptions(java.util.List<String> options, JavaFileObject... files) {
    return Compiler.javac().withProcessors(new DedalusProcessor()).withOptions(options).compile(files);
  }

  /** A Java string literal with the given content. */
  static String javaString(String content) {
    StringBuilder s = new StringBuilder("\"");
    for (char c : content.toCharArray()) {
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\t' -> s.append("\\t");
        case '\r' -> s.append("\\r");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('"').toString();
  }

  /** Every diagnostic of a compilation, one a line, for failure messages. */
  static String describe(Compilation compilation) {
    return compilation.diagnostics().stream()
        .map(d -> d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.joining("\n"));
  }

  static boolean isDedalus(Diagnostic<? extends JavaFileObject> d) {
    return d.getMessage(Locale.ROOT).startsWith("[Dedalus");
  }
}
