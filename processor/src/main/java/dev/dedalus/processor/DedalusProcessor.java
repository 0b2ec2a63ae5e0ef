package dev.dedalus.processor;

import com.google.auto.service.AutoService;
import dev.dedalus.processor.check.ProgramChecker;
import dev.dedalus.processor.diag.Diagnostic;
import dev.dedalus.processor.diag.DiagnosticId;
import dev.dedalus.processor.diag.Reporter;
import dev.dedalus.processor.emit.DotGraph;
import dev.dedalus.processor.emit.PlanListing;
import dev.dedalus.processor.emit.ProgramListing;
import dev.dedalus.processor.plan.PhysicalPlan;
import dev.dedalus.processor.plan.Planner;
import dev.dedalus.processor.generate.CodeGenerator;
import dev.dedalus.processor.rewrite.Decoupler;
import dev.dedalus.processor.rewrite.Partitioner;
import dev.dedalus.processor.rewrite.Plan;
import dev.dedalus.processor.rewrite.Safety;
import dev.dedalus.processor.check.Stratifier;
import com.palantir.javapoet.TypeSpec;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.read.ElementSite;
import dev.dedalus.processor.read.ProgramDecl;
import dev.dedalus.processor.read.ProgramReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The Dedalus annotation processor. For each {@code @Dedalus} program it runs one pipeline:
 * read the declarations, parse and check the rules into an immutable model, and emit the
 * program's generated outputs. It never lets an exception reach the compiler and never claims
 * the annotations, so other processors still see them.
 */
@AutoService(Processor.class)
public final class DedalusProcessor extends AbstractProcessor {
  static final String DEDALUS = "dev.dedalus.Dedalus";
  static final String FORCE_OPTION = "dedalus.unsafeForceRewrites";

  /** Programs whose declarations mention types not generated yet, kept by name for the next round. */
  private final Set<String> deferred = new LinkedHashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(DEDALUS, "dev.dedalus.Rule", "dev.dedalus.Role");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(FORCE_OPTION, Safety.OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    List<TypeElement> programs = new ArrayList<>();
    for (String name : deferred) {
      TypeElement t = processingEnv.getElementUtils().getTypeElement(name);
      if (t != null) {
        programs.add(t);
      }
    }
    deferred.clear();
    TypeElement dedalus = processingEnv.getElementUtils().getTypeElement(DEDALUS);
    if (dedalus != null) {
      for (Element e : round.getElementsAnnotatedWith(dedalus)) {
        if (e instanceof TypeElement t && programs.stream().noneMatch(p -> p.equals(t))) {
          programs.add(t);
        }
      }
    }
    // Sort so that outputs and diagnostics are deterministic.
    programs.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    for (TypeElement program : programs) {
      if (!round.processingOver() && ProgramReader.referencesMissingTypes(program)) {
        deferred.add(program.getQualifiedName().toString());
        continue;
      }
      processProgram(program);
    }
    return false;
  }

  private void processProgram(TypeElement program) {
    Reporter reporter = new Reporter();
    try {
      Optional<ProgramDecl> decl = new ProgramReader(reporter).read(program);
      Optional<Program> model = decl.flatMap(d -> new ProgramChecker(reporter).check(d));
      if (model.isPresent() && !reporter.hasErrors()) {
        Safety safety = safety(reporter, model.get());
        List<Plan> plans = new ArrayList<>();
        plans.add(new Plan(Plan.BASE, model.get(), List.of()));
        if (!model.get().hints().isEmpty() || !model.get().partitionHints().isEmpty()) {
          boolean force = forced(model.get());
          new Decoupler(reporter, force, safety).optimize(model.get()).ifPresent(decoupled -> {
            List<String> decisions = new ArrayList<>(decoupled.decisions());
            new Partitioner(reporter, force, safety).apply(decoupled.program(), decisions)
                .map(p -> new Stratifier(reporter).restratify(p))
                .ifPresent(p -> plans.add(new Plan(Plan.OPTIMIZED, p, decisions)));
          });
        }
        if (!reporter.hasErrors()) {
          emit(plans, program, safety);
        }
      }
    } catch (RuntimeException | Error | IOException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      reporter.error(DiagnosticId.DedalusInternalError, ElementSite.of(program),
          "the Dedalus processor failed on program '%s'; please report this with the trace:%n%s",
          program.getQualifiedName(), trace);
    }
    print(reporter);
  }

  /**
   * Whether the test-only option {@code -Adedalus.unsafeForceRewrites=Name,..} names this program:
   * its hints are then applied even where no precondition holds, so that differential tests can
   * show they catch an unsafe rewrite. Never set it in a real build.
   */
  private boolean forced(Program program) {
    String option = processingEnv.getOptions().get(FORCE_OPTION);
    if (option == null) {
      return false;
    }
    for (String name : option.split(",")) {
      if (name.trim().equals(program.name()) || name.trim().equals(program.qualifiedName())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The conditions this build checks: all, unless the test-only option {@code -Adedalus.unsafeSkip}
   * names some; then every program gets a warning that its optimized plan may be unsound.
   */
  private Safety safety(Reporter reporter, Program program) {
    List<String> unknown = new ArrayList<>();
    Safety safety = Safety.parse(processingEnv.getOptions().get(Safety.OPTION), unknown);
    for (String name : unknown) {
      reporter.error(DiagnosticId.DedalusBadOption, program.site(), "-A%s names '%s', which is not a condition; conditions: %s",
          Safety.OPTION, name, java.util.Arrays.toString(dev.dedalus.processor.rewrite.Condition.values()));
    }
    if (!safety.skipped().isEmpty()) {
      reporter.warning(DiagnosticId.DedalusForcedRewrite, program.site(),
          "UNSAFE: this build skips the conditions %s (-A%s): its optimized plans may differ from the base plans",
          safety.skipped(), Safety.OPTION);
    }
    return safety;
  }

  private void emit(List<Plan> plans, TypeElement origin, Safety safety) throws IOException {
    Program program = plans.get(0).program();
    // The plan phase: every role's physical plan, which the generators only print.
    List<PhysicalPlan> physical = PhysicalPlan.of(plans, new Planner(safety));
    for (PhysicalPlan p : physical) {
      Plan plan = p.plan();
      String suffix = plan.isBase() ? "" : "." + plan.name();
      write(program, origin, program.name() + suffix + ".dedalus",
          ProgramListing.render(plan.program(), plan.name(), plan.decisions()));
      write(program, origin, program.name() + suffix + ".dot", DotGraph.render(plan.program(), plan.name(), plan.decisions()));
      write(program, origin, program.name() + suffix + ".plan", PlanListing.render(program.qualifiedName(), plan.name(), p.roles()));
    }
    for (TypeSpec type : new CodeGenerator(safety).types(physical)) {
      // One originating element per file keeps the processor isolating for incremental builds.
      CodeGenerator.file(program, type.toBuilder().addOriginatingElement(origin).build())
          .writeTo(processingEnv.getFiler());
    }
  }

  private void write(Program program, TypeElement origin, String name, String content) throws IOException {
    FileObject file = processingEnv.getFiler()
        .createResource(StandardLocation.CLASS_OUTPUT, program.packageName(), name, origin);
    try (Writer w = file.openWriter()) {
      w.write(content);
    }
  }

  private void print(Reporter reporter) {
    Messager messager = processingEnv.getMessager();
    for (Diagnostic d : reporter.diagnostics()) {
      javax.tools.Diagnostic.Kind kind = switch (d.severity()) {
        case ERROR -> javax.tools.Diagnostic.Kind.ERROR;
        case WARNING -> javax.tools.Diagnostic.Kind.WARNING;
        case NOTE -> javax.tools.Diagnostic.Kind.NOTE;
      };
      if (d.site() instanceof ElementSite s) {
        if (s.repeated() == null || !RepeatedAnnotationPositions.print(processingEnv, kind, d.text(), s)) {
          messager.printMessage(kind, d.text(), s.element(), s.mirror(), s.value());
        }
      } else {
        messager.printMessage(kind, d.text() + " (at " + d.site().describe() + ")");
      }
    }
  }
}
