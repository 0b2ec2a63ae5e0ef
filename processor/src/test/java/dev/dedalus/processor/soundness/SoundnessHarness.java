package dev.dedalus.processor.soundness;

import dev.dedalus.processor.soundness.EquivalenceCheck.Deployment;
import dev.dedalus.processor.soundness.EquivalenceCheck.Failure;
import dev.dedalus.processor.soundness.EquivalenceCheck.Verdict;
import dev.dedalus.processor.soundness.GeneratedProgram.Decouple;
import dev.dedalus.processor.soundness.GeneratedProgram.Hint;
import dev.dedalus.processor.soundness.GeneratedProgram.Partition;
import dev.dedalus.processor.soundness.InProcessCompiler.Outcome;
import dev.dedalus.processor.soundness.InProcessCompiler.Status;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One trial per seed: generate a program and its hints, compile it, and check the plans of an
 * accepted program against each other. When a hint is refused, the trial records why and retries
 * without it (twice at most), so refusals are counted and the other hints still get exercised.
 */
final class SoundnessHarness {
  private static final int RETRIES = 2;
  private static final Pattern DECOUPLE_INTO = Pattern.compile("cannot decouple .* into (\\w+): ");
  private static final Pattern PARTITION_ROLE = Pattern.compile("cannot partition (\\w+) on ");

  /** What one seed gave. {@code failure} is set only for a counterexample. */
  record Trial(long seed, GeneratedProgram program, InputScript script, Status status, Map<String, String> refusals,
      List<String> rewrites, List<String> notes, List<String> errors, Verdict verdict, Failure failure,
      List<Deployment> deployments) {
    boolean counterexample() {
      return failure != null && !control();
    }

    /** A program left without hints: its "optimized" plan is the base plan, so any difference is a false alarm. */
    boolean control() {
      return program.hints().isEmpty();
    }
  }

  private final GenerationProfile profile;
  private final InProcessCompiler compiler;
  private final EquivalenceCheck check;

  private long compileMillis;
  private long checkMillis;

  long compileMillis() {
    return compileMillis;
  }

  long checkMillis() {
    return checkMillis;
  }

  SoundnessHarness(GenerationProfile profile, InProcessCompiler compiler, EquivalenceCheck check) {
    this.profile = profile;
    this.compiler = compiler;
    this.check = check;
  }

  InProcessCompiler compiler() {
    return compiler;
  }

  EquivalenceCheck check() {
    return check;
  }

  GenerationProfile profile() {
    return profile;
  }

  Trial run(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    GeneratedProgram bare = new ProgramGenerator(profile).generate(r.nextLong());
    GeneratedProgram program = bare.withHints(new HintGenerator(profile).generate(bare, r.split()));
    InputScript script = InputScript.generate(program, r.split());
    Map<String, String> refusalKeys = new LinkedHashMap<>();
    long t0 = System.currentTimeMillis();
    Outcome outcome = compiler.compile(program);
    for (int attempt = 0; outcome.status() == Status.REFUSED; attempt++) {
      Outcome refused = outcome;
      refused.refusals().forEach(reason -> refusalKeys.put(key(refused, reason), reason));
      List<Hint> kept = withoutRefused(program.hints(), refused.errors());
      if (attempt == RETRIES || kept.isEmpty() || kept.size() == program.hints().size()) {
        break;
      }
      program = program.withHints(kept);
      outcome = compiler.compile(program);
    }
    compileMillis += System.currentTimeMillis() - t0;
    if (outcome.status() == Status.GENERATED_CODE_BROKEN) {
      Failure f = new Failure("does-not-compile", "-", outcome.errors().isEmpty() ? "?" : outcome.errors().get(0),
          new Deployment(java.util.Map.of(), 1), seed, String.join("\n", outcome.errors()));
      return new Trial(seed, program, script, outcome.status(), refusalKeys, outcome.rewrites(), outcome.notes(),
          outcome.errors(), null, f, List.of());
    }
    if (outcome.status() != Status.ACCEPTED) {
      return new Trial(seed, program, script, outcome.status(), refusalKeys, outcome.rewrites(), outcome.notes(),
          outcome.errors(), null, null, List.of());
    }
    PlanLoader.Plans plans;
    try {
      plans = PlanLoader.load(program, outcome.classes());
    } catch (RuntimeException | LinkageError e) {
      Failure f = new Failure("exception", e.getClass().getSimpleName(), "loading the plans: " + e, new Deployment(java.util.Map.of(), 1), seed, "");
      return new Trial(seed, program, script, outcome.status(), refusalKeys, outcome.rewrites(), outcome.notes(),
          outcome.errors(), null, f, List.of());
    }
    List<Deployment> deployments = EquivalenceCheck.deployments(plans, profile, seed);
    long t1 = System.currentTimeMillis();
    Verdict verdict = check.check(plans, script, deployments, seed);
    checkMillis += System.currentTimeMillis() - t1;
    return new Trial(seed, program, script, outcome.status(), refusalKeys, outcome.rewrites(), outcome.notes(),
        outcome.errors(), verdict, verdict.failure(), deployments);
  }

  private static String key(Outcome outcome, String reason) {
    boolean decoupling = outcome.errors().stream().anyMatch(e -> e.contains("[DedalusCannotDecouple]") && e.endsWith(reason));
    return RefusalKey.of(decoupling, reason);
  }

  /** The hints left when the refused ones go, with the partitions of roles a refused decoupling would have made. */
  static List<Hint> withoutRefused(List<Hint> hints, List<String> errors) {
    Set<String> refusedInto = new LinkedHashSet<>();
    Set<String> refusedPartitions = new LinkedHashSet<>();
    for (String e : errors) {
      Matcher d = DECOUPLE_INTO.matcher(e);
      if (d.find()) {
        refusedInto.add(d.group(1));
      }
      Matcher p = PARTITION_ROLE.matcher(e);
      if (p.find()) {
        refusedPartitions.add(p.group(1));
      }
    }
    List<Hint> kept = new ArrayList<>();
    for (Hint h : hints) {
      if (h instanceof Decouple dh && refusedInto.contains(dh.into())) {
        continue;
      }
      if (h instanceof Partition ph && (refusedPartitions.contains(ph.role()) || refusedInto.contains(ph.role()))) {
        continue;
      }
      kept.add(h);
    }
    return kept;
  }
}
