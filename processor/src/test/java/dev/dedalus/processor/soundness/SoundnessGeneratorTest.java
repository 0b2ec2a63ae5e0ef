package dev.dedalus.processor.soundness;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.processor.soundness.SoundnessHarness.Trial;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CI run of the soundness generator (issue 9): a fixed number of seeded programs, each with
 * random rewrite hints, compiled in process and, where accepted, checked by differential
 * simulation ({@link EquivalenceCheck} states the criterion). Fails on any counterexample (printed
 * shrunk, with its seed), on a generator that makes ill-formed programs, and on a generator that
 * reaches too few rewrites of any kind.
 *
 * <p>The long run is the same test with more programs:
 * {@code -Ddedalus.soundness.programs=5000}; {@code -Ddedalus.soundness.firstSeed=N} starts
 * elsewhere, so one seed can be replayed alone with {@code programs=1};
 * {@code -Ddedalus.soundness.profile=NAME} generates with the teeth test's profile for a condition
 * (without skipping it); {@code -Ddedalus.soundness.shrinkAttempts=N} and
 * {@code -Ddedalus.soundness.printCounterexamples=N} tune the output.
 */
class SoundnessGeneratorTest {
  static final int CI_PROGRAMS = 300;

  @Test
  void acceptedRewritesAreUnobservable() {
    int programs = Integer.getInteger("dedalus.soundness.programs", CI_PROGRAMS);
    long firstSeed = Long.getLong("dedalus.soundness.firstSeed", 1L);
    // Replaying a teeth test's counterexample: -Ddedalus.soundness.profile=NO_INDEX (a condition name).
    String profileName = System.getProperty("dedalus.soundness.profile", "");
    GenerationProfile profile = profileName.isEmpty() ? GenerationProfile.DEFAULT : TeethProfiles.forCondition(profileName);
    SoundnessRun run = new SoundnessRun(profile, List.of());
    SoundnessReport report = run.run(firstSeed, programs);
    System.out.println(report.render());
    int print = Integer.getInteger("dedalus.soundness.printCounterexamples", 3);
    for (Trial t : report.counterexamples().subList(0, Math.min(print, report.counterexamples().size()))) {
      System.out.println(run.shrinkAndDescribe(t, Integer.getInteger("dedalus.soundness.shrinkAttempts", 150)));
    }

    assertWithMessage("programs generated").that(report.generated()).isEqualTo(programs);
    // The generator builds well-formed programs by construction; a rejection is its bug.
    assertWithMessage("programs the checker rejected (generator bugs; see the report above)")
        .that(report.generatorBugCount()).isAtMost(Math.max(1, programs / 50));
    if (programs >= CI_PROGRAMS && profileName.isEmpty()) {
      int floor = programs / 60;
      for (String kind : List.of("mutually independent decoupling", "monotonic decoupling", "functional decoupling",
          "co-hashing")) {
        assertWithMessage("accepted %s (a generator whose hints are all refused proves nothing)", kind)
            .that(report.rewrites(kind)).isAtLeast(floor);
      }
      assertWithMessage("programs checked by simulation").that(report.checked()).isAtLeast(programs / 5);
    }
    assertWithMessage("false alarms of the criterion (base plan against itself; see the report above)")
        .that(report.falseAlarms().size()).isEqualTo(0);
    assertWithMessage("counterexamples (see the report and the shrunk programs above)").that(report.counterexamples().size()).isEqualTo(0);
  }

  /**
   * Body atoms with {@code x + 1} arguments ({@code Window(t + 1, _)}, {@code A(x, x + 1)}), which
   * the default profile never generates: every program, with its hints and without, compiles (the
   * planner joins such an atom only once {@code x} is bound, or compares the column afterwards; it
   * used to start a version's loops with it and print {@code v_x} undeclared), and the accepted
   * rewrites stay unobservable.
   */
  @Test
  void argumentExpressionsCompileAndRun() {
    GenerationProfile.Builder b = GenerationProfile.DEFAULT.toBuilder("argument expressions");
    b.argumentExpression = 0.5;
    GenerationProfile profile = b.build();
    int programs = 40;
    ProgramGenerator generator = new ProgramGenerator(profile);
    InProcessCompiler compiler = new InProcessCompiler(List.of());
    // An atom with an x + 1 argument, after the head: Name(.., x + 1, ..), no call inside.
    java.util.regex.Pattern bodyExpression = java.util.regex.Pattern.compile(":[-~+].*\\b[A-Z]\\w*\\([^()]*\\+ 1[^()]*\\)");
    int withExpressions = 0;
    List<String> broken = new java.util.ArrayList<>();
    for (long seed = 1; seed <= programs; seed++) {
      GeneratedProgram generated = generator.generate(seed);
      if (generated.rules().stream().anyMatch(r -> bodyExpression.matcher(r.text()).find())) {
        withExpressions++;
      }
      for (GeneratedProgram p : List.of(generated, generated.withHints(List.of()))) {
        InProcessCompiler.Outcome outcome = compiler.compile(p);
        if (outcome.status() == InProcessCompiler.Status.GENERATED_CODE_BROKEN
            || outcome.status() == InProcessCompiler.Status.REJECTED) {
          broken.add("seed " + seed + ": " + outcome.status() + " " + outcome.errors() + "\n" + p.render());
        }
      }
    }
    assertWithMessage("programs with an x + 1 argument in a body atom").that(withExpressions).isAtLeast(programs / 2);
    assertWithMessage("programs rejected or whose generated code does not compile").that(broken).isEmpty();
    SoundnessRun run = new SoundnessRun(profile, List.of());
    SoundnessReport report = run.run(1, programs);
    System.out.println(report.render());
    assertWithMessage("counterexamples (see the report above)").that(report.counterexamples().size()).isEqualTo(0);
    assertWithMessage("false alarms (see the report above)").that(report.falseAlarms().size()).isEqualTo(0);
  }
}
