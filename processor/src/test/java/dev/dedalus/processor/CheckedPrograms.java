package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Programs with many rules at once, and what a user sees of their compilation: the Dedalus
 * diagnostics with their lines, the normalized listing and the generated stages. One compilation
 * checks many rules, because the processor reports every mistake of a program in one build.
 */
final class CheckedPrograms {
  private CheckedPrograms() {}

  /** The line of rule {@code i} (named {@code r<i>}) in {@link #withRules}'s source. */
  static int ruleLine(int i) {
    return 27 + i;
  }

  /**
   * The declarations of {@link Sources#withRule} (every relation kind and type), one function
   * returning a Location, one of two parameters and an overloaded one, and role {@code Node} holding the given rules,
   * named {@code r0}, {@code r1}, ..., one a line. The class is {@code test.<className>}.
   */
  static JavaFileObject withRules(String className, String... rules) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < rules.length; i++) {
      body.append("    @Rule(").append(Sources.javaString(rules[i])).append(") void r").append(i).append("();\n");
    }
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
          record Dest(Location at) {}

          static long hash(String s) { return s.hashCode(); }
          static boolean small(long x) { return x < 10; }
          static long mix(long a, String b) { return a ^ b.hashCode(); }
          static Location pick(Location l) { return l; }
          static int twice(int x) { return 2 * x; }
          static long twice(long x) { return 2 * x; }

          @Role interface Node {
        %s  }
        }
        """.formatted(className, body);
    if (!source.lines().toList().get(ruleLine(0) - 1).contains("void r0()") && rules.length > 0) {
      throw new IllegalStateException("ruleLine is out of date");
    }
    return Sources.source("test." + className, source);
  }

  /** Every Dedalus diagnostic of a kind, as {@code "line N: message"}, in report order. */
  static List<String> diagnostics(Compilation compilation, Diagnostic.Kind kind) {
    return compilation.diagnostics().stream()
        .filter(d -> d.getKind() == kind && Sources.isDedalus(d))
        .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .toList();
  }

  static List<String> errors(Compilation compilation) {
    return diagnostics(compilation, Diagnostic.Kind.ERROR);
  }

  static List<String> warnings(Compilation compilation) {
    return diagnostics(compilation, Diagnostic.Kind.WARNING);
  }

  /** {@code "line N: message"} for rule {@code r<i>} of {@link #withRules}. */
  static String atRule(int i, String message) {
    return "line " + ruleLine(i) + ": " + message;
  }

  static void assertSucceeds(Compilation compilation) {
    assertWithMessage("diagnostics:\n%s", Sources.describe(compilation))
        .that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
  }

  /** A class-output resource of package {@code test}, e.g. the listing {@code P.dedalus}. */
  static String resource(Compilation compilation, String name) {
    JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "test", name)
        .orElseThrow(() -> new AssertionError("no generated resource test/" + name + ":\n" + Sources.describe(compilation)));
    return content(file);
  }

  /** A generated source of package {@code test}, e.g. {@code P_NodeStage}. */
  static String generatedSource(Compilation compilation, String simpleName) {
    JavaFileObject file = compilation.generatedSourceFile("test." + simpleName)
        .orElseThrow(() -> new AssertionError("no generated source test." + simpleName));
    return content(file);
  }

  /** The rule lines of a listing: {@code "[tag] name: text"}, without the relations and comments. */
  static List<String> ruleLines(String listing) {
    return listing.lines().filter(l -> l.startsWith("  [")).map(String::strip).toList();
  }

  private static String content(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
