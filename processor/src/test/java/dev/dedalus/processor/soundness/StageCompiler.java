package dev.dedalus.processor.soundness;

import com.google.testing.compile.JavaFileObjects;
import dev.dedalus.processor.DedalusProcessor;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.reference.ModelCapture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles many programs in one javac run ({@link MemoryJavac}) with the Dedalus processor and
 * {@link ModelCapture}, and returns their classes together with their checked models, for
 * comparing generated stages with the reference interpreter.
 *
 * <p>Negative controls: with a {@code stageEdit}, compilation has two phases. The processors run
 * alone ({@code -proc:only}) and generate the sources; {@code stageEdit} is applied to the source of
 * every generated stage (a class whose name ends in {@code Stage}); then the programs and the
 * (edited) generated sources are compiled without processors. An edit that changes nothing is an
 * error: a control whose edit no longer applies would pass for the wrong reason.
 */
final class StageCompiler {
  private StageCompiler() {}

  /**
   * The outcome of a batch.
   *
   * @param loader loads every class of the accepted programs (parent: the test's class loader)
   * @param models the checked model of each accepted program, by qualified name
   * @param rejected the errors of each program that did not compile, by qualified name
   * @param edits how many generated stage sources {@code stageEdit} changed
   */
  record Batch(ClassLoader loader, Map<String, Program> models, Map<String, List<String>> rejected, int edits) {}

  /** Compiles {@code sources} (qualified name to source) as written. */
  static Batch compile(Map<String, String> sources) {
    return compile(sources, null);
  }

  /**
   * Compiles {@code sources} (qualified name to source), with {@code stageEdit} (null: none)
   * applied to each generated stage. A program with errors is left out, and the others are
   * compiled again without it.
   */
  static Batch compile(Map<String, String> sources, UnaryOperator<String> stageEdit) {
    Map<String, String> remaining = new LinkedHashMap<>(sources);
    Map<String, List<String>> rejected = new LinkedHashMap<>();
    for (int attempt = 0; attempt < 3 && !remaining.isEmpty(); attempt++) {
      Attempt a = attempt(remaining, stageEdit);
      if (a.failed.isEmpty() && a.batch != null) {
        return new Batch(a.batch.loader(), a.batch.models(), rejected, a.batch.edits());
      }
      if (a.failed.isEmpty()) {
        // Errors that name no program: compile one by one to find out.
        for (String name : List.copyOf(remaining.keySet())) {
          Attempt single = attempt(Map.of(name, remaining.get(name)), stageEdit);
          if (!single.failed.isEmpty() || single.batch == null) {
            rejected.put(name, single.errors);
            remaining.remove(name);
          }
        }
      } else {
        for (String name : a.failed) {
          rejected.put(name, a.errors);
          remaining.remove(name);
        }
      }
    }
    if (remaining.isEmpty()) {
      return new Batch(PlanLoader.loader(Map.of()), Map.of(), rejected, 0);
    }
    Attempt last = attempt(remaining, stageEdit);
    if (last.batch == null) {
      remaining.keySet().forEach(n -> rejected.put(n, last.errors));
      return new Batch(PlanLoader.loader(Map.of()), Map.of(), rejected, 0);
    }
    return new Batch(last.batch.loader(), last.batch.models(), rejected, last.batch.edits());
  }

  /** One javac run (or two, with an edit): a batch if it succeeded, else the programs with errors. */
  private record Attempt(Batch batch, List<String> failed, List<String> errors) {}

  private static Attempt attempt(Map<String, String> sources, UnaryOperator<String> stageEdit) {
    List<JavaFileObject> files = new ArrayList<>();
    sources.forEach((name, source) -> files.add(JavaFileObjects.forSourceString(name, source)));
    ModelCapture capture = new ModelCapture();
    List<String> options = new ArrayList<>(List.of("-Xlint:none", "-implicit:none"));
    if (stageEdit != null) {
      options.add("-proc:only");
    }
    MemoryJavac.Result first = MemoryJavac.compile(files, List.of(new DedalusProcessor(), capture), options);
    if (!first.success()) {
      return failure(sources, first);
    }
    if (stageEdit == null) {
      return new Attempt(new Batch(PlanLoader.loader(first.classes()), Map.copyOf(capture.programs()), Map.of(), 0),
          List.of(), List.of());
    }
    List<JavaFileObject> all = new ArrayList<>(files);
    int edits = 0;
    for (Map.Entry<String, String> g : first.sources().entrySet()) {
      String source = g.getValue();
      if (g.getKey().endsWith("Stage")) {
        String edited = stageEdit.apply(source);
        if (!edited.equals(source)) {
          edits++;
        }
        source = edited;
      }
      all.add(JavaFileObjects.forSourceString(g.getKey(), source));
    }
    MemoryJavac.Result second = MemoryJavac.compile(all, List.of(), List.of("-Xlint:none", "-proc:none"));
    if (!second.success()) {
      return failure(sources, second);
    }
    return new Attempt(new Batch(PlanLoader.loader(second.classes()), Map.copyOf(capture.programs()), Map.of(), edits),
        List.of(), List.of());
  }

  /** The programs an error names: its source is the program's file or one generated from it ({@code Name_..}). */
  private static Attempt failure(Map<String, String> sources, MemoryJavac.Result result) {
    List<String> errors = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : result.diagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String where = d.getSource() == null ? "?" : d.getSource().getName();
      errors.add(where + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
      for (String name : sources.keySet()) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        if ((where.endsWith("/" + simple + ".java") || where.contains("/" + simple + "_")) && !failed.contains(name)) {
          failed.add(name);
        }
      }
    }
    return new Attempt(null, failed, errors);
  }
}
