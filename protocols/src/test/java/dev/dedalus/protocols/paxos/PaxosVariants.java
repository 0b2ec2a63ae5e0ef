package dev.dedalus.protocols.paxos;

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
import java.util.function.Function;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Broken versions of {@link Paxos} for negative controls: the protocol's own source with one rule
 * changed, compiled by the processor at test time into a class loader of its own. A variant is
 * the program a user would write with that one mistake, nothing else.
 */
final class PaxosVariants {
  private static final Path SOURCE = Path.of("src/main/java/dev/dedalus/protocols/paxos/Paxos.java");

  /** A compiled variant and how to build its requests. */
  record Variant(DedalusProgram program, Function<Paxos.Request, Object> request) {}

  private PaxosVariants() {}

  /** Chooses a slot on one acceptance instead of f + 1. */
  static Variant commitsOnOneAcceptance(Path work) {
    return compile(work, "PaxosCommitsOnOne", "choose",
        "n >= na / 2 + 1, \"\n        + \"Pending(b, s, c, id, op, k, v, e)\")\n    void choose();",
        "n >= 1, \"\n        + \"Pending(b, s, c, id, op, k, v, e)\")\n    void choose();");
  }

  /** A new leader does not adopt the values it recovered: it proposes no-ops in their slots. */
  static Variant skipsReconciliation(Path work) {
    return compile(work, "PaxosSkipsReconciliation", "reproposeRecovered",
        "@Rule(\"Proposal(b, s, c, id, op, k, v, e) :- NewlyLeading(b), Recovered(s, c, id, op, k, v, e)\")",
        "@Rule(\"Proposal(b, s, c, -1, \\\"noop\\\", \\\"\\\", \\\"\\\", \\\"\\\") :- NewlyLeading(b), Recovered(s, c, id, op, k, v, e)\")");
  }

  private static Variant compile(Path work, String name, String ruleName, String from, String to) {
    try {
      String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
      if (!source.contains(from)) {
        throw new IllegalStateException("rule '" + ruleName + "' of Paxos no longer reads as this variant expects: " + from);
      }
      String variant = source.replace(from, to).replace("public interface Paxos {", "public interface " + name + " {");
      Path src = work.resolve("src/dev/dedalus/protocols/paxos/" + name + ".java");
      Path classes = work.resolve("classes");
      Files.createDirectories(src.getParent());
      Files.createDirectories(classes);
      Files.writeString(src, variant, StandardCharsets.UTF_8);
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
      ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, PaxosVariants.class.getClassLoader());
      DedalusProgram program = (DedalusProgram) loader.loadClass("dev.dedalus.protocols.paxos." + name + "_Program")
          .getField("INSTANCE").get(null);
      Constructor<?> request = loader.loadClass("dev.dedalus.protocols.paxos." + name + "$Request").getConstructors()[0];
      return new Variant(program, r -> {
        try {
          return request.newInstance(r.client(), r.id(), r.op(), r.key(), r.value(), r.expected());
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load variant " + name, e);
    }
  }
}
