package dev.dedalus.processor.soundness;

import com.google.testing.compile.JavaFileObjects;
import dev.dedalus.processor.DedalusProcessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles a generated program with javac and the Dedalus processor, in this JVM
 * ({@link MemoryJavac}), and classifies
 * the outcome. Outcomes are cached by source and options: the shrinker revisits the same program
 * with other inputs, and the report must not pay for a compilation twice.
 */
final class InProcessCompiler {
  enum Status {
    /** Both plans generated and compiled. */
    ACCEPTED,
    /** A hint's precondition failed: {@code [DedalusCannotDecouple]} or {@code [DedalusCannotPartition]}. */
    REFUSED,
    /** Any other Dedalus error: the generator made an ill-formed program or hint. */
    REJECTED,
    /** javac rejected the program's own source: a generator bug too. */
    MALFORMED,
    /** The processor accepted the program but its generated Java does not compile: always a counterexample. */
    GENERATED_CODE_BROKEN
  }

  /**
   * @param refusals the text after {@code cannot decouple ..:} / {@code cannot partition ..:} of each refusal
   * @param rewrites the rewrites applied, as the notes name them ("functional decoupling", "co-hashing", ..)
   * @param classes every class file javac wrote, by binary name
   */
  record Outcome(Status status, List<String> errors, List<String> refusals, List<String> rewrites,
      List<String> notes, List<String> warnings, Map<String, byte[]> classes) {}

  private final List<String> options;
  private final Map<String, Outcome> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Outcome> eldest) {
      return size() > 256;
    }
  };
  private int compilations;

  /** @param options javac options, e.g. {@code -Adedalus.unsafeSkip=NO_INDEX} */
  InProcessCompiler(List<String> options) {
    this.options = List.copyOf(options);
  }

  List<String> options() {
    return options;
  }

  int compilations() {
    return compilations;
  }

  Outcome compile(GeneratedProgram program) {
    String source = program.render();
    return cache.computeIfAbsent(source, s -> doCompile(program.qualifiedName(), s));
  }

  private Outcome doCompile(String qualifiedName, String source) {
    compilations++;
    JavaFileObject file = JavaFileObjects.forSourceString(qualifiedName, source);
    MemoryJavac.Result c = MemoryJavac.compile(file, new DedalusProcessor(), options);
    List<String> errors = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    List<String> rewrites = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    boolean dedalusError = false;
    boolean sourceError = false;
    boolean generatedError = false;
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      if (d.getKind() == Diagnostic.Kind.NOTE) {
        notes.add(message);
        rewrite(message).ifPresent(rewrites::add);
      }
      if (d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
        warnings.add(message);
      }
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String where = d.getSource() == null ? "?" : d.getSource().getName();
      errors.add(where + ":" + d.getLineNumber() + ": " + message);
      if (message.startsWith("[DedalusCannotDecouple]") || message.startsWith("[DedalusCannotPartition]")) {
        int colon = message.indexOf(": ");
        refusals.add(colon < 0 ? message : message.substring(colon + 2));
      } else if (message.startsWith("[Dedalus")) {
        dedalusError = true;
      } else if (d.getSource() != null && d.getSource().getName().endsWith("/" + simpleName(qualifiedName) + ".java")) {
        sourceError = true;
      } else {
        generatedError = true;
      }
    }
    Status status;
    if (c.success()) {
      status = Status.ACCEPTED;
    } else if (dedalusError) {
      status = Status.REJECTED;
    } else if (!refusals.isEmpty()) {
      status = Status.REFUSED;
    } else if (generatedError) {
      status = Status.GENERATED_CODE_BROKEN;
    } else {
      status = sourceError ? Status.MALFORMED : Status.GENERATED_CODE_BROKEN;
    }
    Map<String, byte[]> classes = status == Status.ACCEPTED ? c.classes() : Map.of();
    return new Outcome(status, errors, refusals, rewrites, notes, warnings, classes);
  }

  /** The rewrite a {@code [DedalusDecoupled]} or {@code [DedalusPartitioned]} note names. */
  static java.util.Optional<String> rewrite(String note) {
    if (note.startsWith("[DedalusDecoupled]")) {
      int by = note.lastIndexOf(" by ");
      return by < 0 ? java.util.Optional.empty() : java.util.Optional.of(note.substring(by + 4).trim());
    }
    if (note.startsWith("[DedalusPartitioned]")) {
      int colon = note.indexOf(':', "[DedalusPartitioned]".length());
      String head = colon < 0 ? note : note.substring(0, colon);
      int by = head.lastIndexOf(" by ");
      return by < 0 ? java.util.Optional.empty() : java.util.Optional.of(head.substring(by + 4).trim());
    }
    return java.util.Optional.empty();
  }

  private static String simpleName(String qualifiedName) {
    return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
  }
}
