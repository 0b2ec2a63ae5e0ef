package dev.dedalus.protocols.variants;

import dev.dedalus.processor.DedalusProcessor;
import dev.dedalus.runtime.DedalusProgram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A broken version of a protocol, for a negative control: the protocol's own source with a few
 * lines changed, compiled by the processor at test time into a class loader of its own. A variant
 * is the program a user would write with that one mistake, nothing else, and it never goes stale
 * against the protocol it breaks.
 */
public final class ProgramVariant {
  private final DedalusProgram program;
  private final ClassLoader loader;
  private final String qualifiedName;

  private ProgramVariant(DedalusProgram program, ClassLoader loader, String qualifiedName) {
    this.program = program;
    this.loader = loader;
    this.qualifiedName = qualifiedName;
  }

  /**
   * Compiles {@code source} (a program's file under {@code src/main/java} of this module) renamed to
   * {@code name}, with each {@code edits[2i]} replaced by {@code edits[2i + 1]}.
   *
   * @throws IllegalStateException if an edit's text is no longer in the source (the protocol
   *     changed: update the variant), or the variant does not compile
   */
  public static ProgramVariant compile(Path work, String source, String name, String... edits) {
    try {
      Path file = Path.of("src/main/java").resolve(source);
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String original = file.getFileName().toString().replace(".java", "");
      for (int i = 0; i < edits.length; i += 2) {
        if (!text.contains(edits[i])) {
          throw new IllegalStateException(source + " no longer reads as variant " + name + " expects: " + edits[i]);
        }
        text = text.replace(edits[i], edits[i + 1]);
      }
      text = text.replace("public interface " + original + " {", "public interface " + name + " {");
      String pkg = source.substring(0, source.lastIndexOf('/')).replace('/', '.');
      Path src = work.resolve("src").resolve(source.substring(0, source.lastIndexOf('/'))).resolve(name + ".java");
      Path classes = work.resolve("classes");
      Files.createDirectories(src.getParent());
      Files.createDirectories(classes);
      Files.writeString(src, text, StandardCharsets.UTF_8);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
        JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
            List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"), "--release", "17"),
            null, files.getJavaFileObjects(src));
        task.setProcessors(List.of(new DedalusProcessor()));
        if (!task.call()) {
          throw new IllegalStateException("variant " + name + " does not compile: " + diagnostics.getDiagnostics());
        }
      }
      ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ProgramVariant.class.getClassLoader());
      String qualified = pkg + "." + name;
      DedalusProgram program = (DedalusProgram) loader.loadClass(qualified + "_Program").getField("INSTANCE").get(null);
      return new ProgramVariant(program, loader, qualified);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load variant " + name, e);
    }
  }

  /** The variant's base plan. */
  public DedalusProgram program() {
    return program;
  }

  /** A fact of the variant's relation {@code record}, from its components in order. */
  public Object fact(String record, Object... components) {
    try {
      Constructor<?> constructor = loader.loadClass(qualifiedName + "$" + record).getConstructors()[0];
      return constructor.newInstance(components);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("variant " + qualifiedName + " has no relation " + record, e);
    }
  }
}
