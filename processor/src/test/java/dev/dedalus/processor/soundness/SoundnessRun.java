package dev.dedalus.processor.soundness;

import dev.dedalus.processor.soundness.EquivalenceCheck.Deployment;
import dev.dedalus.processor.soundness.SoundnessHarness.Trial;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs the harness over consecutive seeds within a budget, collects the report, and shrinks and
 * prints counterexamples. Shared by the CI run, the long run and the teeth test.
 */
final class SoundnessRun {
  /** K base seeds, M optimized seeds, N extra base seeds before a difference counts. */
  static final int BASE_SEEDS = 3;
  static final int OPTIMIZED_SEEDS = 3;
  static final int EXTRA_BASE_SEEDS = 150;

  private final SoundnessHarness harness;

  /** @param options javac options for every compilation, e.g. {@code -Adedalus.unsafeSkip=NO_INDEX} */
  SoundnessRun(GenerationProfile profile, List<String> options) {
    this.harness = new SoundnessHarness(profile, new InProcessCompiler(options),
        new EquivalenceCheck(BASE_SEEDS, OPTIMIZED_SEEDS, EXTRA_BASE_SEEDS));
  }

  /** Runs {@code programs} seeds from {@code firstSeed}. */
  SoundnessReport run(long firstSeed, int programs) {
    long start = System.currentTimeMillis();
    SoundnessReport report = new SoundnessReport();
    for (int i = 0; i < programs; i++) {
      report.add(harness.run(firstSeed + i));
    }
    report.elapsed(System.currentTimeMillis() - start);
    report.timing(harness.compileMillis(), harness.checkMillis(), harness.compiler().compilations());
    return report;
  }

  /** The first counterexample within {@code programs} seeds; the report either way. */
  Optional<Trial> findFirst(long firstSeed, int programs, SoundnessReport report) {
    long start = System.currentTimeMillis();
    try {
      for (int i = 0; i < programs; i++) {
        Trial t = harness.run(firstSeed + i);
        report.add(t);
        if (t.counterexample()) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    } finally {
      report.elapsed(System.currentTimeMillis() - start);
      report.timing(harness.compileMillis(), harness.checkMillis(), harness.compiler().compilations());
    }
  }

  /** Shrinks a counterexample and describes it: the minimal program, seed, plan decisions, inputs and the difference. */
  String shrinkAndDescribe(Trial t, int maxAttempts) {
    Deployment deployment = t.failure().deployment();
    Shrinker shrinker = new Shrinker(harness.compiler(), harness.check());
    Shrinker.Case start = new Shrinker.Case(t.program(), t.script(), deployment, t.seed());
    Shrinker.Case small = shrinker.fails(start, t.failure().signature(), t.status())
        ? shrinker.shrink(start, t.failure(), t.status(), maxAttempts)
        : start;
    InProcessCompiler.Outcome outcome = harness.compiler().compile(small.program());
    String failure = describeFailure(small, t);
    return "=== counterexample: seed " + t.seed() + " (profile " + harness.profile().name() + ", javac options "
        + harness.compiler().options() + ") ===\n"
        + "found: " + t.failure().signature() + "; shrunk in " + shrinker.attempts() + " attempts from "
        + t.program().rules().size() + " rules, " + t.program().hints().size() + " hints, "
        + t.script().sends().size() + " inputs\n"
        + "plan decisions:\n  " + outcome.notes().stream().filter(n -> n.startsWith("[DedalusDecoupled]")
            || n.startsWith("[DedalusPartitioned]")).collect(Collectors.joining("\n  ")) + "\n"
        + "UNSAFE warnings: " + outcome.warnings().stream().filter(w -> w.contains("UNSAFE")).toList() + "\n"
        + (outcome.status() == InProcessCompiler.Status.GENERATED_CODE_BROKEN
            ? "javac errors in generated code:\n  " + String.join("\n  ", outcome.errors()) + "\n" : "")
        + "deployment: " + small.deployment() + "\n"
        + "inputs:\n  " + small.script().restrictedTo(small.program()).toString().replace("\n", "\n  ") + "\n"
        + "difference: " + failure + "\n"
        + "program:\n" + small.program().render();
  }

  /** The failure the shrunk case shows (re-checked, so the printed fact is the shrunk program's). */
  private String describeFailure(Shrinker.Case c, Trial original) {
    InProcessCompiler.Outcome outcome = harness.compiler().compile(c.program());
    if (outcome.status() != InProcessCompiler.Status.ACCEPTED) {
      return original.failure().toString();
    }
    try {
      PlanLoader.Plans plans = PlanLoader.load(c.program(), outcome.classes());
      EquivalenceCheck.Verdict v = harness.check().check(plans, c.script().restrictedTo(c.program()),
          List.of(c.deployment()), c.seed());
      return v.failure() == null ? original.failure().toString() : v.failure().toString();
    } catch (RuntimeException | LinkageError e) {
      return original.failure().toString();
    }
  }
}
