package dev.dedalus.processor.soundness;

import dev.dedalus.processor.soundness.GeneratedProgram.ColType;
import dev.dedalus.processor.soundness.GeneratedProgram.Column;
import dev.dedalus.processor.soundness.GeneratedProgram.Decouple;
import dev.dedalus.processor.soundness.GeneratedProgram.Hint;
import dev.dedalus.processor.soundness.GeneratedProgram.Op;
import dev.dedalus.processor.soundness.GeneratedProgram.Partition;
import dev.dedalus.processor.soundness.GeneratedProgram.Relation;
import dev.dedalus.processor.soundness.GeneratedProgram.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random rewrite hints for a generated program: {@code @Decouple} over rule subsets and
 * {@code @Partition} over seed keys, several in sequence (a partition may name a role a decoupling
 * created). Subsets are biased towards ones that plausibly pass, so that many programs reach the
 * rewrites rather than their refusals: a single rule reading one relation (functional), or the
 * downstream closure of a rule within its role (nothing that stays reads what moves). Roles that
 * receive client inputs are rarely partitioned, since that is always refused.
 */
final class HintGenerator {
  private final GenerationProfile profile;

  HintGenerator(GenerationProfile profile) {
    this.profile = profile;
  }

  List<Hint> generate(GeneratedProgram program, SplittableRandom r) {
    List<Hint> hints = new ArrayList<>();
    Map<String, String> roleOf = new LinkedHashMap<>();
    program.rules().forEach(x -> roleOf.put(x.name(), x.role()));
    int decouples = r.nextInt(profile.decouples() + 1);
    int partitions = r.nextInt(profile.partitions() + 1);
    if (decouples + partitions == 0) {
      if (profile.decouples() > 0 && (profile.partitions() == 0 || r.nextBoolean())) {
        decouples = 1;
      } else {
        partitions = 1;
      }
    }
    List<String> created = new ArrayList<>();
    for (int k = 0; k < decouples; k++) {
      List<String> candidates = program.roles().stream().filter(role -> roleOf.containsValue(role)).toList();
      if (candidates.isEmpty()) {
        break;
      }
      String role = candidates.get(r.nextInt(candidates.size()));
      List<Rule> rules = program.rules().stream().filter(x -> role.equals(roleOf.get(x.name()))).toList();
      List<String> moved = subset(program, rules, r, profile.anySubset(), profile.upstreamSubset());
      String into = "X" + (k + 1);
      hints.add(new Decouple(role, moved, into));
      moved.forEach(m -> roleOf.put(m, into));
      created.add(into);
    }
    Set<String> inputReceivers = new LinkedHashSet<>();
    for (Rule x : program.rules()) {
      for (String read : x.reads()) {
        if (program.relation(read).isInput()) {
          inputReceivers.add(x.role());
        }
      }
    }
    Set<String> partitioned = new LinkedHashSet<>();
    for (int k = 0; k < partitions; k++) {
      List<String> pool = new ArrayList<>();
      if (!created.isEmpty() && r.nextDouble() < profile.partitionDecoupled()) {
        pool.addAll(created);
      } else {
        program.roles().stream().filter(x -> !inputReceivers.contains(x) || r.nextDouble() < profile.partitionReceiver()).forEach(pool::add);
      }
      pool.removeAll(partitioned);
      pool.removeIf(role -> !roleOf.containsValue(role));
      if (pool.isEmpty()) {
        continue;
      }
      String role = fewRulesFirst(pool, roleOf, r);
      List<String> reads = new ArrayList<>();
      for (Rule x : program.rules()) {
        if (role.equals(roleOf.get(x.name()))) {
          for (String read : x.reads()) {
            if (!program.relation(read).isStatic() && !reads.contains(read)) {
              reads.add(read);
            }
          }
        }
      }
      if (reads.isEmpty()) {
        continue;
      }
      // Plausible keys first: seeds a simplified co-hashing inference keys consistently.
      List<Rule> roleRules = program.rules().stream().filter(x -> role.equals(roleOf.get(x.name()))).toList();
      List<String> keys = PlausibleKeys.of(program, roleRules);
      if (!keys.isEmpty() && r.nextDouble() < 0.8) {
        hints.add(new Partition(role, keys.get(r.nextInt(keys.size()))));
        partitioned.add(role);
        continue;
      }
      Relation rel = program.relation(reads.get(r.nextInt(reads.size())));
      List<Column> longs = rel.columns().stream().filter(c -> c.type() == ColType.LONG).toList();
      Column key = !longs.isEmpty() && r.nextDouble() < 0.8 ? longs.get(r.nextInt(longs.size()))
          : rel.columns().get(r.nextInt(rel.columns().size()));
      hints.add(new Partition(role, rel.name() + "." + key.name()));
      partitioned.add(role);
    }
    return hints;
  }

  /**
   * A role to partition, weighted by 1 / (1 + rules)²: every rule of a partitioned role must agree
   * on the key, so roles with few rules are the ones partitioning can plausibly accept.
   */
  private static String fewRulesFirst(List<String> pool, Map<String, String> roleOf, SplittableRandom r) {
    double[] weights = new double[pool.size()];
    double total = 0;
    for (int i = 0; i < pool.size(); i++) {
      String role = pool.get(i);
      long rules = roleOf.values().stream().filter(role::equals).count();
      weights[i] = 1.0 / ((1 + rules) * (1 + rules));
      total += weights[i];
    }
    double u = r.nextDouble() * total;
    for (int i = 0; i < pool.size(); i++) {
      u -= weights[i];
      if (u <= 0) {
        return pool.get(i);
      }
    }
    return pool.get(pool.size() - 1);
  }

  /** Which rules of a role to move: one rule, a downstream closure, or any subset. */
  private static List<String> subset(GeneratedProgram program, List<Rule> rules, SplittableRandom r, double anySubset,
      double upstream) {
    if (r.nextDouble() < upstream) {
      // A rule whose head a staying rule reads: only a missing independence check lets it move.
      List<Rule> read = rules.stream().filter(x -> x.op() != Op.ASYNC
          && rules.stream().anyMatch(y -> y != x && y.reads().contains(x.headRelation()))).toList();
      if (!read.isEmpty()) {
        return List.of(read.get(r.nextInt(read.size())).name());
      }
    }
    double u = r.nextDouble();
    double k = u >= 1 - anySubset ? 1 : u / (1 - anySubset) * 0.85;
    if (k < 0.4) {
      List<Rule> single = rules.stream().filter(x -> x.reads().stream()
          .filter(n -> !program.relation(n).isStatic()).count() == 1).toList();
      List<Rule> from = single.isEmpty() ? rules : single;
      return List.of(from.get(r.nextInt(from.size())).name());
    }
    if (k < 0.85) {
      Rule seed = rules.get(r.nextInt(rules.size()));
      Set<String> moved = new LinkedHashSet<>(List.of(seed.name()));
      Set<String> derived = new LinkedHashSet<>();
      boolean grew = true;
      while (grew) {
        grew = false;
        for (Rule x : rules) {
          if (moved.contains(x.name()) && x.op() != Op.ASYNC) {
            derived.add(x.headRelation());
          }
        }
        for (Rule x : rules) {
          if (!moved.contains(x.name()) && x.reads().stream().anyMatch(derived::contains)) {
            moved.add(x.name());
            grew = true;
          }
        }
      }
      return rules.stream().map(Rule::name).filter(moved::contains).toList();
    }
    List<String> any = new ArrayList<>();
    for (Rule x : rules) {
      if (r.nextBoolean()) {
        any.add(x.name());
      }
    }
    return any.isEmpty() ? List.of(rules.get(0).name()) : any;
  }
}
