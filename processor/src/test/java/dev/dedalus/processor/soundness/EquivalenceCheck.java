package dev.dedalus.processor.soundness;

import dev.dedalus.Location;
import dev.dedalus.runtime.DedalusProgram;
import dev.dedalus.runtime.Topology;
import dev.dedalus.runtime.sim.OutputFact;
import dev.dedalus.runtime.sim.Simulation;
import dev.dedalus.runtime.sim.SimulationOptions;
import dev.dedalus.runtime.sim.SimulationResult;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Decides whether the optimized plan of a program behaves as its base plan on one input script.
 *
 * <p><b>The criterion.</b> The paper's correctness is that every output of a run of the optimized
 * plan is an output of some run of the base plan, where a run's outputs are the set of facts
 * clients received. Runs are compared by output fact: relation, attribute values and receiving
 * client, with every node location written as {@code Role[instance]} (and {@code .partition} for a
 * partition other than the first) so that plans with different node numberings compare, while a
 * location that names a partition or a decoupled node instead of the original instance differs.
 * For each deployment (instances per base role; 1 or 3 partitions for every role the optimized
 * plan partitions), with the same client inputs:
 * <ol>
 *   <li>The base plan runs under K seeds with hostile schedules (random delays, reordering,
 *       batching, duplication). Every base run must be quiescent, else the program is skipped as
 *       non-terminating (a generator problem, not a counterexample). Let U be the union and I the
 *       intersection of the base runs' output sets. If all K sets are equal the base is
 *       <i>confluent</i> on this input: then U = I and the conditions below say every optimized
 *       run gives exactly that set.
 *   <li>The optimized plan runs under M other seeds. Each run must not throw, must be quiescent,
 *       and its output set O must satisfy O ⊆ U (nothing a base run could not give) and I ⊆ O
 *       (everything every base run gives).
 *   <li>Before a fact is reported unexpected (in O, not in U) or missing (in I, not in O), up to N
 *       more base seeds run, cycling through several hostile schedules ({@link #VARIED}: long
 *       batches, long delays, no batching, slow nodes) so that behaviours one schedule makes rare
 *       are sampled too, looking for a base run that gives the unexpected fact or lacks the missing
 *       one; each such run widens U and narrows I. Only a fact no base run explains is a
 *       counterexample: a fact the base plan gives only in rare runs may still be reported (no
 *       finite sample excludes that), but every report was checked against K + N base runs.
 * </ol>
 * {@link SoundnessRun} uses K = 3, M = 3 and N = 150. A program the processor accepts but whose
 * generated Java does not compile is a counterexample without simulation. A program left without
 * hints is checked the same way with the base plan on both sides: a control that measures the
 * criterion's own false alarms, which the CI run requires to be zero. A counterexample is reported
 * with its kind (unexpected, missing, not quiescent, exception, does not compile), the output
 * relation (or exception type), the fact, the deployment and the seed.
 */
final class EquivalenceCheck {
  /** Random delays, reordering, batching and duplication, as the protocol tests' hostile schedule. */
  static final SimulationOptions HOSTILE = SimulationOptions.builder()
      .latencyMillis(1, 20)
      .reorderProbability(0.7)
      .batching(0.5, 6)
      .delay(0.2, 50, 3)
      .duplicateProbability(0.15)
      .timerHorizonMillis(InputScript.TIMER_HORIZON_MILLIS)
      .recordTrace(false)
      .build();

  /**
   * Schedules the extra base runs cycle through, besides {@link #HOSTILE}: every one is a possible
   * schedule of the base plan, and together they reach behaviours one schedule makes rare (facts
   * meeting in one tick after long batching, or never meeting), which another deployment's
   * scheduler (more nodes, other choices) may make common.
   */
  static final List<SimulationOptions> VARIED = List.of(
      HOSTILE,
      HOSTILE.toBuilder().batching(0.95, 16).deliverProbability(0.2).build(),
      HOSTILE.toBuilder().latencyMillis(1, 80).delay(0.5, 100, 5).build(),
      HOSTILE.toBuilder().batching(0.0, 1).deliverProbability(0.9).reorderProbability(1.0).build(),
      HOSTILE.toBuilder().advanceTimeProbability(0.5).batching(0.8, 32).build());

  private static final long MAX_STEPS = 200_000;

  /** Instances per base role (absent: 1), and partitions for every partitioned role. */
  record Deployment(Map<String, Integer> instances, int partitions) {
    @Override
    public String toString() {
      return "instances " + (instances.isEmpty() ? "1 each" : instances) + ", partitions " + partitions;
    }
  }

  record Failure(String kind, String relation, String fact, Deployment deployment, long seed, String detail) {
    /** What the shrinker preserves: the same kind of difference in the same relation. */
    String signature() {
      return kind + " " + relation;
    }

    @Override
    public String toString() {
      return kind + " " + fact + " (" + deployment + ", optimized seed " + seed + ")" + (detail.isEmpty() ? "" : "\n" + detail);
    }
  }

  enum Outcome { EQUIVALENT, SKIPPED, COUNTEREXAMPLE }

  record Verdict(Outcome outcome, boolean confluent, Failure failure, String skipReason) {
    static Verdict skipped(String why) {
      return new Verdict(Outcome.SKIPPED, false, null, why);
    }
  }

  private final int baseSeeds;
  private final int optimizedSeeds;
  private final int extraBaseSeeds;

  EquivalenceCheck(int baseSeeds, int optimizedSeeds, int extraBaseSeeds) {
    this.baseSeeds = baseSeeds;
    this.optimizedSeeds = optimizedSeeds;
    this.extraBaseSeeds = extraBaseSeeds;
  }

  /** The deployments a program is checked under: 1 instance each, 3 partitions, some roles doubled. */
  static List<Deployment> deployments(PlanLoader.Plans plans, GenerationProfile profile, long seed) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    boolean partitioned = !plans.optimized().partitionedRoles().isEmpty();
    List<Deployment> out = new ArrayList<>();
    out.add(new Deployment(Map.of(), 1));
    if (partitioned) {
      out.add(new Deployment(Map.of(), 3));
    }
    Map<String, Integer> doubled = new LinkedHashMap<>();
    for (String role : plans.base().roles()) {
      if (r.nextDouble() < profile.multiInstance()) {
        doubled.put(role, 2);
      }
    }
    if (!doubled.isEmpty()) {
      out.add(new Deployment(doubled, partitioned ? 3 : 1));
    }
    return out;
  }

  Verdict check(PlanLoader.Plans plans, InputScript script, List<Deployment> deployments, long seed) {
    boolean confluent = true;
    Map<Map<String, Integer>, List<Set<String>>> baseRuns = new LinkedHashMap<>();
    for (Deployment d : deployments) {
      List<Set<String>> runs = baseRuns.get(d.instances());
      if (runs == null) {
        runs = new ArrayList<>();
        for (int k = 0; k < baseSeeds; k++) {
          Run run = run(plans.base(), plans, script, d, mix(seed, k));
          if (run.error() != null) {
            return Verdict.skipped("base plan threw " + run.error());
          }
          if (!run.quiescent()) {
            return Verdict.skipped("base plan not quiescent");
          }
          runs.add(run.outputs());
        }
        baseRuns.put(d.instances(), runs);
      }
      confluent &= new LinkedHashSet<>(runs).size() == 1;
      for (int k = 0; k < optimizedSeeds; k++) {
        long optSeed = mix(seed, 1000 + k);
        Run run = run(plans.optimized(), plans, script, d, optSeed);
        Failure failure = compare(run, runs, plans, script, d, seed, optSeed);
        if (failure != null) {
          return new Verdict(Outcome.COUNTEREXAMPLE, new LinkedHashSet<>(runs).size() == 1, failure, null);
        }
      }
    }
    return new Verdict(Outcome.EQUIVALENT, confluent, null, null);
  }

  /** The first unexplained difference of one optimized run, after looking for base runs that explain it. */
  private Failure compare(Run run, List<Set<String>> runs, PlanLoader.Plans plans, InputScript script, Deployment d,
      long seed, long optSeed) {
    if (run.error() != null) {
      return new Failure("exception", run.errorType(), run.error(), d, optSeed, "");
    }
    if (!run.quiescent()) {
      return new Failure("not-quiescent", "-", "after " + MAX_STEPS + " steps", d, optSeed, "");
    }
    int extra = 0;
    while (true) {
      Set<String> union = new TreeSet<>();
      runs.forEach(union::addAll);
      Set<String> intersection = new TreeSet<>(runs.get(0));
      runs.forEach(intersection::retainAll);
      String unexpected = run.outputs().stream().filter(f -> !union.contains(f)).findFirst().orElse(null);
      String missing = intersection.stream().filter(f -> !run.outputs().contains(f)).findFirst().orElse(null);
      if (unexpected == null && missing == null) {
        return null;
      }
      if (extra >= extraBaseSeeds) {
        String fact = unexpected != null ? unexpected : missing;
        String detail = "optimized outputs: " + new TreeSet<>(run.outputs()) + "\nbase outputs (" + runs.size()
            + " runs): " + (new LinkedHashSet<>(runs).size() == 1 ? "always " + new TreeSet<>(runs.get(0))
            : "union " + union + ", in every run " + intersection);
        return new Failure(unexpected != null ? "unexpected" : "missing", relationOf(fact), fact, d, optSeed, detail);
      }
      Run more = run(plans.base(), plans, script, d, mix(seed, 500 + extra), VARIED.get(extra % VARIED.size()));
      extra++;
      if (more.error() == null && more.quiescent()) {
        runs.add(more.outputs());
      }
    }
  }

  private static String relationOf(String fact) {
    int paren = fact.indexOf('(');
    return paren < 0 ? fact : fact.substring(0, paren);
  }

  /** One run's outcome: normalized output facts, whether it quiesced, and any exception. */
  record Run(Set<String> outputs, boolean quiescent, String error, String errorType) {}

  static Run run(DedalusProgram plan, PlanLoader.Plans plans, InputScript script, Deployment d, long seed) {
    return run(plan, plans, script, d, seed, HOSTILE);
  }

  static Run run(DedalusProgram plan, PlanLoader.Plans plans, InputScript script, Deployment d, long seed,
      SimulationOptions options) {
    try {
      Topology.Builder builder = Topology.builder(plan);
      d.instances().forEach((role, n) -> {
        if (plan.roles().contains(role)) {
          builder.instances(role, n);
        }
      });
      if (d.partitions() > 1) {
        for (String role : plan.partitionedRoles()) {
          builder.partitions(role, d.partitions());
        }
      }
      script.configure(builder, plans);
      Topology topology = builder.build();
      Simulation sim = new Simulation(topology, seed, options);
      script.apply(sim, plan, plans);
      SimulationResult result = sim.run(MAX_STEPS);
      Set<String> outputs = new LinkedHashSet<>();
      for (OutputFact o : result.outputSet()) {
        outputs.add(normalize(o, topology));
      }
      return new Run(outputs, result.quiescent(), null, null);
    } catch (RuntimeException | LinkageError e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return new Run(Set.of(), false, e + (root != e ? " caused by " + root : ""), root.getClass().getSimpleName());
    }
  }

  /** {@code Rel(a=1, at=B[0]) -> client 0}: node locations by role and instance, clients by number. */
  static String normalize(OutputFact o, Topology topology) {
    StringBuilder s = new StringBuilder(o.relation()).append('(');
    Object fact = o.fact();
    RecordComponent[] components = fact.getClass().getRecordComponents();
    for (int k = 0; k < components.length; k++) {
      if (k > 0) {
        s.append(", ");
      }
      Object value;
      try {
        var accessor = components[k].getAccessor();
        accessor.setAccessible(true);
        value = accessor.invoke(fact);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      s.append(components[k].getName()).append('=').append(value instanceof Location l ? where(l, topology) : value);
    }
    return s.append(") -> ").append(where(o.client(), topology)).toString();
  }

  private static String where(Location l, Topology topology) {
    if (Topology.isClient(l)) {
      return "client " + (l.id() - Topology.FIRST_CLIENT_ID);
    }
    Topology.Node node = topology.node(l);
    if (node == null) {
      return "unknown@" + l.id();
    }
    return node.role() + "[" + node.instance() + "]" + (node.partition() > 0 ? "." + node.partition() : "");
  }

  static long mix(long seed, long k) {
    long z = seed + 0x9E3779B97F4A7C15L * (k + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
