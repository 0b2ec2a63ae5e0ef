package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The code generated for every example program (each file of {@code programs/example} and of
 * {@code programs/endless}) compiles without a single warning under two compilers, because users
 * build with warnings as errors in either:
 *
 * <ul>
 *   <li>javac with {@code -Xlint:all}: redundant casts, raw and unchecked types, fall-through,
 *       deprecation, missing {@code serialVersionUID} and the rest of javac's lints;
 *   <li>the Eclipse compiler (ECJ, {@code org.eclipse.jdt:ecj}, a test dependency) at Java 17 with
 *       its default warnings and unused locals: among them unused locals, unused private fields,
 *       methods and types, unused imports, dead code and redundant null checks, none of which javac
 *       reports. ECJ compiles the program and its generated sources (generated once by javac with
 *       the processor) with annotation processing off.
 * </ul>
 *
 * <p>Only warnings whose source is a generated file count; the user's own program may warn (an
 * unused import of an example, a Dedalus warning such as an endless send). Each warning is printed
 * with its file, line and message. For instance, a generator that casts every converted value
 * fails the javac test ({@code redundant cast to long}), and a stage that loads a fact or binds a
 * column no one reads fails the ECJ test ({@code The value of the local variable f0 is not used}).
 */
class GeneratedCodeLintTest {
  private static final Path PROGRAMS = Path.of("src", "test", "resources", "programs");
  private static final Map<String, Compilation> GENERATED = new ConcurrentHashMap<>();

  /** Every example program, as its resource path under {@code programs/}. */
  static Stream<String> programs() throws IOException {
    List<String> all = new ArrayList<>();
    for (String dir : List.of("example", "endless")) {
      try (Stream<Path> files = Files.list(PROGRAMS.resolve(dir))) {
        files.map(f -> dir + "/" + f.getFileName()).filter(f -> f.endsWith(".java")).sorted().forEach(all::add);
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void javacXlintAllReportsNothingInGeneratedCode(String program) {
    Compilation compilation = generate(program);
    Set<String> generated = compilation.generatedSourceFiles().stream().map(JavaFileObject::getName).collect(Collectors.toSet());
    List<String> warnings = compilation.diagnostics().stream()
        .filter(d -> d.getKind() != Diagnostic.Kind.NOTE && d.getKind() != Diagnostic.Kind.OTHER)
        .filter(d -> d.getSource() != null && generated.contains(d.getSource().getName()))
        .map(GeneratedCodeLintTest::describe)
        .toList();
    assertWithMessage("javac -Xlint:all warnings in the code generated for %s:\n%s", program, String.join("\n", warnings))
        .that(warnings).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void eclipseCompilerReportsNothingInGeneratedCode(String program, @TempDir Path dir) throws IOException {
    Compilation compilation = generate(program);
    Path sources = dir.resolve("src");
    Path generatedDir = dir.resolve("generated");
    List<Path> files = new ArrayList<>();
    files.add(write(sources, program.substring(program.indexOf('/') + 1), read(PROGRAMS.resolve(program))));
    for (JavaFileObject f : compilation.generatedSourceFiles()) {
      // SOURCE_OUTPUT/<package>/<Name>.java
      String name = f.getName().substring(f.getName().indexOf('/', 1) + 1);
      files.add(write(generatedDir, name, f.getCharContent(true).toString()));
    }

    JavaCompiler ecj = new EclipseCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter out = new StringWriter();
    boolean ok;
    try (StandardJavaFileManager fm = ecj.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options = List.of("-17", "-proc:none", "-warn:+unusedLocal", "-encoding", "UTF-8",
          "-classpath", System.getProperty("java.class.path"), "-d", dir.resolve("classes").toString());
      ok = ecj.getTask(new PrintWriter(out), fm, diagnostics, options, null,
          fm.getJavaFileObjectsFromFiles(files.stream().map(Path::toFile).toList())).call();
    }
    List<String> errors = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(GeneratedCodeLintTest::describe).toList();
    assertWithMessage("ECJ errors for %s:\n%s\n%s", program, String.join("\n", errors), out).that(errors).isEmpty();
    assertWithMessage("ECJ compiled %s:\n%s", program, out).that(ok).isTrue();
    List<String> warnings = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
        .filter(d -> d.getSource() != null && Path.of(d.getSource().toUri()).startsWith(generatedDir))
        .map(GeneratedCodeLintTest::describe)
        .toList();
    assertWithMessage("ECJ warnings in the code generated for %s:\n%s", program, String.join("\n", warnings))
        .that(warnings).isEmpty();
  }

  /**
   * javac with the processor and {@code -Xlint:all} on a program, once for both tests; the program
   * must compile.
   */
  private static Compilation generate(String program) {
    Compilation compilation = GENERATED.computeIfAbsent(program,
        p -> Sources.compileWithOptions(List.of("-Xlint:all"), JavaFileObjects.forResource("programs/" + p)));
    assertWithMessage("diagnostics of %s:\n%s", program, Sources.describe(compilation))
        .that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertWithMessage("sources generated for %s", program).that(compilation.generatedSourceFiles()).isNotEmpty();
    return compilation;
  }

  private static Path write(Path root, String relative, String content) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(Diagnostic<? extends JavaFileObject> d) {
    String file = d.getSource() == null ? "(no file)" : d.getSource().getName();
    return file + ":" + d.getLineNumber() + ": " + d.getKind() + ": " + d.getMessage(Locale.ROOT);
  }
}
