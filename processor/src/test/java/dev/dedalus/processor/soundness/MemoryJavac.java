package dev.dedalus.processor.soundness;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * javac through javax.tools, with every output (generated sources, resources, class files) kept in
 * memory. Unlike compile-testing's {@code Compiler}, which opens a new standard file manager for
 * every compilation, it shares one: the class path's jars are then opened and indexed once per
 * test run instead of once per generated program, which is most of a small compilation's cost.
 */
final class MemoryJavac {
  private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
  private static StandardJavaFileManager shared;

  /**
   * What a compilation produced.
   *
   * @param sources the Java sources processors generated, by binary name
   */
  record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Map<String, byte[]> classes,
      Map<String, String> sources) {}

  private MemoryJavac() {}

  static Result compile(JavaFileObject source, Processor processor, List<String> options) {
    return compile(List.of(source), List.of(processor), options);
  }

  /**
   * Compiles several sources in one javac run with the given processors (none: add
   * {@code -proc:none} to the options yourself if the class path has processors too).
   */
  static synchronized Result compile(List<? extends JavaFileObject> sources, List<? extends Processor> processors,
      List<String> options) {
    if (shared == null) {
      shared = JAVAC.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Outputs files = new Outputs(shared);
    JavaCompiler.CompilationTask task = JAVAC.getTask(null, files, diagnostics, options, null, sources);
    task.setProcessors(processors);
    task.setLocale(Locale.ROOT);
    boolean ok = task.call();
    Map<String, byte[]> classes = new LinkedHashMap<>();
    Map<String, String> generated = new LinkedHashMap<>();
    for (MemoryFile f : files.outputs.values()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS && f.location == StandardLocation.CLASS_OUTPUT) {
        classes.put(f.binaryName, f.bytes());
      } else if (f.getKind() == JavaFileObject.Kind.SOURCE && f.location == StandardLocation.SOURCE_OUTPUT) {
        generated.put(f.binaryName, new String(f.bytes(), StandardCharsets.UTF_8));
      }
    }
    return new Result(ok, List.copyOf(diagnostics.getDiagnostics()), classes, generated);
  }

  /** A file javac or the processor wrote. */
  private static final class MemoryFile extends SimpleJavaFileObject {
    final JavaFileManager.Location location;
    final String binaryName;
    private ByteArrayOutputStream content = new ByteArrayOutputStream();

    MemoryFile(JavaFileManager.Location location, String path, String binaryName, Kind kind) {
      super(URI.create("mem:///" + location.getName() + "/" + path), kind);
      this.location = location;
      this.binaryName = binaryName;
    }

    byte[] bytes() {
      return content.toByteArray();
    }

    @Override
    public OutputStream openOutputStream() {
      content = new ByteArrayOutputStream();
      return content;
    }

    @Override
    public InputStream openInputStream() {
      return new ByteArrayInputStream(bytes());
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return new String(bytes(), StandardCharsets.UTF_8);
    }
  }

  /** Keeps outputs in memory and reads everything else (the class path, the JDK) through the shared manager. */
  private static final class Outputs extends ForwardingJavaFileManager<StandardJavaFileManager> {
    final Map<URI, MemoryFile> outputs = new LinkedHashMap<>();

    Outputs(StandardJavaFileManager delegate) {
      super(delegate);
    }

    @Override
    public boolean hasLocation(Location location) {
      return location == StandardLocation.CLASS_OUTPUT || location == StandardLocation.SOURCE_OUTPUT
          || super.hasLocation(location);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
        FileObject sibling) {
      MemoryFile f = new MemoryFile(location, className.replace('.', '/') + kind.extension, className, kind);
      outputs.put(f.toUri(), f);
      return f;
    }

    @Override
    public FileObject getFileForOutput(Location location, String packageName, String relativeName, FileObject sibling) {
      String path = (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + relativeName;
      MemoryFile f = new MemoryFile(location, path, null, JavaFileObject.Kind.OTHER);
      outputs.put(f.toUri(), f);
      return f;
    }

    @Override
    public FileObject getFileForInput(Location location, String packageName, String relativeName) throws IOException {
      if (location == StandardLocation.CLASS_OUTPUT || location == StandardLocation.SOURCE_OUTPUT) {
        String path = (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + relativeName;
        return outputs.get(URI.create("mem:///" + location.getName() + "/" + path));
      }
      return super.getFileForInput(location, packageName, relativeName);
    }

    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
        boolean recurse) throws IOException {
      if (location == StandardLocation.CLASS_OUTPUT || location == StandardLocation.SOURCE_OUTPUT) {
        List<JavaFileObject> found = new ArrayList<>();
        String prefix = packageName.replace('.', '/') + "/";
        for (MemoryFile f : outputs.values()) {
          String path = f.toUri().getPath().substring(location.getName().length() + 2);
          boolean inPackage = recurse ? path.startsWith(prefix) : path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0;
          if (f.location == location && inPackage && kinds.contains(f.getKind())) {
            found.add(f);
          }
        }
        return found;
      }
      return super.list(location, packageName, kinds, recurse);
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
      if (file instanceof MemoryFile f) {
        return f.binaryName;
      }
      return super.inferBinaryName(location, file);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
      if (a instanceof MemoryFile || b instanceof MemoryFile) {
        return a.toUri().equals(b.toUri());
      }
      return super.isSameFile(a, b);
    }

    @Override
    public void close() {
      // The shared manager outlives every compilation.
    }

    @Override
    public void flush() {
      try {
        super.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
