package dev.dedalus.processor.soundness;

import dev.dedalus.processor.soundness.EquivalenceCheck.Outcome;
import dev.dedalus.processor.soundness.InProcessCompiler.Status;
import dev.dedalus.processor.soundness.SoundnessHarness.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what a run of the generator found, and prints it: programs generated, rejected by the
 * checker (generator bugs), accepted per rewrite, refused per reason, checked (confluent or not,
 * skipped), and counterexamples. Tests assert on these counts, so a generator whose programs are
 * all refused, or all rejected, cannot pass unnoticed.
 */
final class SoundnessReport {
  private int generated;
  private int accepted;
  private int rejected;
  private int malformed;
  private int refused;
  private int confluent;
  private int nonConfluent;
  private int skipped;
  private int equivalent;
  private final Map<String, Integer> rewrites = new TreeMap<>();
  private final Map<String, Integer> refusals = new TreeMap<>();
  private final Map<String, String> refusalExamples = new TreeMap<>();
  private final Map<String, Integer> skips = new TreeMap<>();
  private final List<Trial> counterexamples = new ArrayList<>();
  private final List<Trial> generatorBugs = new ArrayList<>();
  private long millis;
  private long compileMillis;
  private long checkMillis;
  private int compilations;
  private int controls;
  private final List<Trial> falseAlarms = new ArrayList<>();

  void add(Trial t) {
    generated++;
    t.refusals().forEach((k, reason) -> {
      refusals.merge(k, 1, Integer::sum);
      refusalExamples.putIfAbsent(k, reason);
    });
    switch (t.status()) {
      case ACCEPTED, GENERATED_CODE_BROKEN -> accepted++;
      case REFUSED -> refused++;
      case REJECTED -> rejected++;
      case MALFORMED -> malformed++;
    }
    if (t.status() == Status.REJECTED || t.status() == Status.MALFORMED) {
      generatorBugs.add(t);
    }
    if (t.status() == Status.ACCEPTED || t.status() == Status.GENERATED_CODE_BROKEN) {
      t.rewrites().forEach(k -> rewrites.merge(k, 1, Integer::sum));
    }
    if (t.verdict() != null) {
      if (t.verdict().outcome() == Outcome.SKIPPED) {
        skipped++;
        skips.merge(t.verdict().skipReason().replaceAll("\\d+", "#"), 1, Integer::sum);
      } else if (t.verdict().confluent()) {
        confluent++;
      } else {
        nonConfluent++;
      }
      if (t.verdict().outcome() == Outcome.EQUIVALENT) {
        equivalent++;
      }
    }
    if (t.control() && t.verdict() != null && t.verdict().outcome() != Outcome.SKIPPED) {
      controls++;
      if (t.failure() != null) {
        falseAlarms.add(t);
      }
    }
    if (t.counterexample()) {
      counterexamples.add(t);
    }
  }

  void elapsed(long ms) {
    this.millis = ms;
  }

  void timing(long compileMs, long checkMs, int javacRuns) {
    this.compileMillis = compileMs;
    this.checkMillis = checkMs;
    this.compilations = javacRuns;
  }

  /** Differences found when a hint-less program's base plan was checked against itself: the criterion's own false alarms. */
  List<Trial> falseAlarms() {
    return falseAlarms;
  }

  int controls() {
    return controls;
  }

  int generated() {
    return generated;
  }

  int accepted() {
    return accepted;
  }

  /** Programs the checker rejected or javac could not parse: the generator's own bugs. */
  int generatorBugCount() {
    return rejected + malformed;
  }

  int rewrites(String kind) {
    return rewrites.getOrDefault(kind, 0);
  }

  /** Accepted decouplings (any kind) or partitionings (any kind). */
  int rewritesMatching(String suffix) {
    return rewrites.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).mapToInt(Map.Entry::getValue).sum();
  }

  int checked() {
    return confluent + nonConfluent;
  }

  int skipped() {
    return skipped;
  }

  List<Trial> counterexamples() {
    return counterexamples;
  }

  List<Trial> generatorBugs() {
    return generatorBugs;
  }

  String render() {
    StringBuilder s = new StringBuilder();
    s.append("=== soundness report (").append(millis / 1000.0).append(" s) ===\n");
    s.append("programs generated:        ").append(generated).append('\n');
    s.append("rejected by the checker:   ").append(rejected).append(" (generator bugs)\n");
    s.append("malformed Java source:     ").append(malformed).append(" (generator bugs)\n");
    s.append("refused by a precondition: ").append(refused).append(" (after dropping refused hints and retrying)\n");
    s.append("accepted:                  ").append(accepted).append('\n');
    s.append("rewrites applied in accepted programs:\n");
    rewrites.forEach((k, v) -> s.append("  ").append(k).append(": ").append(v).append('\n'));
    s.append("refusals by reason (programs refused for it, counting retries; one example each):\n");
    refusals.forEach((k, v) -> s.append("  ").append(k).append(": ").append(v).append("   e.g. ")
        .append(refusalExamples.get(k)).append('\n'));
    s.append("checked: ").append(checked()).append(" (base confluent on its input: ").append(confluent)
        .append(", not confluent: ").append(nonConfluent).append("), equivalent: ").append(equivalent)
        .append(", skipped: ").append(skipped).append(' ').append(skips).append('\n');
    s.append("controls (a hint-less program's base plan against itself): ").append(controls)
        .append(", false alarms: ").append(falseAlarms.size()).append('\n');
    for (Trial t : falseAlarms) {
      s.append("  FALSE ALARM seed ").append(t.seed()).append(": ").append(t.failure()).append('\n');
    }
    s.append("time: javac ").append(compileMillis / 1000.0).append(" s for ").append(compilations)
        .append(" compilations, simulation ").append(checkMillis / 1000.0).append(" s\n");
    s.append("counterexamples: ").append(counterexamples.size()).append('\n');
    for (Trial t : counterexamples) {
      s.append("  seed ").append(t.seed()).append(": ").append(t.failure().signature()).append(" -- ")
          .append(t.failure().fact()).append('\n');
    }
    for (Trial t : generatorBugs.subList(0, Math.min(3, generatorBugs.size()))) {
      s.append("generator bug, seed ").append(t.seed()).append(":\n  ").append(String.join("\n  ", t.errors())).append('\n');
    }
    return s.toString();
  }
}
