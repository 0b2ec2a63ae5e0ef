package dev.dedalus.processor.reference;

import dev.dedalus.processor.check.ProgramChecker;
import dev.dedalus.processor.diag.Reporter;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.read.ProgramReader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * An annotation processor, run beside {@code DedalusProcessor} in the same compilation, that keeps
 * the checked model ({@link Program}, as written: the base plan) of every {@code @Dedalus} program
 * it sees, by qualified name. It reports nothing: the Dedalus processor reports the same problems.
 * One instance per compilation.
 */
public final class ModelCapture extends AbstractProcessor {
  private final Map<String, Program> programs = new ConcurrentHashMap<>();

  /** The models read so far, by qualified name; a program the checker rejected is absent. */
  public Map<String, Program> programs() {
    return programs;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("dev.dedalus.Dedalus");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement dedalus = processingEnv.getElementUtils().getTypeElement("dev.dedalus.Dedalus");
    if (dedalus == null) {
      return false;
    }
    for (Element e : round.getElementsAnnotatedWith(dedalus)) {
      if (e instanceof TypeElement t && !programs.containsKey(t.getQualifiedName().toString())) {
        Reporter reporter = new Reporter();
        new ProgramReader(reporter).read(t).flatMap(d -> new ProgramChecker(reporter).check(d))
            .filter(p -> !reporter.hasErrors())
            .ifPresent(p -> programs.put(p.qualifiedName(), p));
      }
    }
    return false;
  }
}
