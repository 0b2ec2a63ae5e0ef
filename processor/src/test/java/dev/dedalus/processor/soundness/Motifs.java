package dev.dedalus.processor.soundness;

import dev.dedalus.processor.soundness.GeneratedProgram.ColType;
import dev.dedalus.processor.soundness.GeneratedProgram.Column;
import dev.dedalus.processor.soundness.GeneratedProgram.Decouple;
import dev.dedalus.processor.soundness.GeneratedProgram.Hint;
import dev.dedalus.processor.soundness.GeneratedProgram.Kind;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Motifs: the shapes of the {@link Witnesses} (each the smallest program in which one condition
 * guards something observable), instantiated at random and spliced into a generated program, so the
 * generator reaches them without luck. An instance renames every relation, role and rule, may put
 * the motif's main role onto a role the program already has, adds unused columns to its inputs
 * (which the input script fills at random), variants of its rules (a client input's values folded
 * into other columns, an always-true condition), and extra rules that read its relations; and
 * carries the hints that aim at it, which the {@link HintGenerator} uses with some probability.
 * Input values come from the random input script, so whether an instance shows its bug on a given
 * run is still up to the data and the schedule.
 */
final class Motifs {
  private Motifs() {}

  /** A program with a motif spliced in, and the hints that aim at the motif. */
  record Spliced(GeneratedProgram program, List<Hint> hints, String kind) {}

  private static final Pattern WORD = Pattern.compile("\\b[A-Za-z][A-Za-z0-9]*\\b");
  private static final Pattern LONG_VAR = Pattern.compile("\\b[a-z][a-z0-9]*\\b");

  static Spliced splice(GeneratedProgram program, String kind, SplittableRandom r) {
    Witnesses.Witness w = Witnesses.of(kind);
    GeneratedProgram m = w.program();
    String tag = "Q" + Integer.toString(r.nextInt(36 * 36), 36).toUpperCase(java.util.Locale.ROOT);
    // Renaming: relations and roles get the tag in front; the main role may become an existing one.
    Map<String, String> names = new LinkedHashMap<>();
    for (Relation x : m.relations()) {
      names.put(x.name(), tag + x.name());
    }
    String main = mainRole(m);
    for (String role : m.roles()) {
      names.put(role, tag + role);
    }
    boolean onExisting = !program.roles().isEmpty() && r.nextDouble() < 0.4 && !partitioned(m, main);
    if (onExisting) {
      names.put(main, program.roles().get(r.nextInt(program.roles().size())));
    }
    for (Hint h : m.hints()) {
      if (h instanceof Decouple d) {
        names.put(d.into(), tag + d.into());
      }
    }
    Map<String, String> ruleNames = new LinkedHashMap<>();
    for (Rule x : m.rules()) {
      ruleNames.put(x.name(), tag.toLowerCase(java.util.Locale.ROOT) + x.name());
    }
    // Unused extra columns on inputs: `_` wherever they are read.
    Map<String, Integer> extraColumns = new LinkedHashMap<>();
    List<Relation> relations = new ArrayList<>();
    for (Relation x : m.relations()) {
      List<Column> cols = new ArrayList<>(x.columns());
      if (x.isInput() && r.nextDouble() < 0.5) {
        int extra = 1 + r.nextInt(2);
        extraColumns.put(x.name(), extra);
        for (int k = 0; k < extra; k++) {
          cols.add(new Column("u" + k, ColType.LONG));
        }
      }
      String target = x.target() == null ? null : names.getOrDefault(x.target(), x.target());
      relations.add(new Relation(names.get(x.name()), x.kind(), cols, target));
    }
    List<Rule> rules = new ArrayList<>();
    for (Rule x : m.rules()) {
      List<String> body = new ArrayList<>();
      for (String literal : x.body()) {
        body.add(rename(widen(literal, extraColumns), names));
      }
      if (r.nextDouble() < 0.3) {
        trueCondition(m, x, body, r);
      }
      rules.add(new Rule(names.get(x.role()), ruleNames.get(x.name()), names.get(x.headRelation()), rename(x.head(), names),
          x.op(), body));
    }
    // Extra rules: outputs reading one motif relation that is an input or derived on its node.
    int extras = r.nextInt(3);
    Set<String> local = new LinkedHashSet<>();
    for (Relation x : m.relations()) {
      if (x.isInput()) {
        local.add(x.name());
      }
    }
    m.rules().stream().filter(x -> x.op() != Op.ASYNC).forEach(x -> local.add(x.headRelation()));
    Set<String> moved = new LinkedHashSet<>();
    m.hints().forEach(h -> {
      if (h instanceof Decouple d) {
        moved.addAll(d.rules());
      }
    });
    for (int k = 0; k < extras; k++) {
      List<Rule> hosts = m.rules().stream().filter(x -> !moved.contains(x.name())).toList();
      if (hosts.isEmpty()) {
        break;
      }
      Rule host = hosts.get(r.nextInt(hosts.size()));
      for (String literal : host.body()) {
        Matcher a = Pattern.compile("^([A-Z][A-Za-z0-9]*)\\((.*)\\)$").matcher(literal);
        if (!a.matches() || !local.contains(a.group(1))) {
          continue;
        }
        Relation rel = m.relation(a.group(1));
        List<String> args = ProgramGenerator.splitArgs(literal);
        String client = null;
        String value = "1";
        for (int c = 0; c < rel.columns().size(); c++) {
          String arg = args.get(c);
          if (rel.columns().get(c).type() == ColType.CLIENT && !arg.equals("_")) {
            client = arg;
          } else if (rel.columns().get(c).type() == ColType.LONG && LONG_VAR.matcher(arg).matches() && r.nextBoolean()) {
            value = arg;
          }
        }
        if (client == null) {
          continue;
        }
        String out = tag + "Extra" + k;
        relations.add(new Relation(out, Kind.OUTPUT, List.of(new Column("v", ColType.LONG)), null));
        rules.add(new Rule(names.get(host.role()), tag.toLowerCase(java.util.Locale.ROOT) + "x" + k, out,
            out + "@" + client + "(" + value + ")", Op.ASYNC, List.of(rename(widen(literal, extraColumns), names))));
        break;
      }
    }
    List<Hint> hints = new ArrayList<>();
    for (Hint h : m.hints()) {
      if (h instanceof Decouple d) {
        hints.add(new Decouple(names.get(d.role()), d.rules().stream().map(ruleNames::get).toList(), names.get(d.into())));
      } else if (h instanceof Partition p) {
        String[] key = p.key().split("\\.");
        hints.add(new Partition(names.get(p.role()), names.get(key[0]) + "." + key[1]));
      }
    }
    List<String> roles = new ArrayList<>(program.roles());
    for (String role : m.roles()) {
      String renamed = names.get(role);
      if (!roles.contains(renamed)) {
        roles.add(renamed);
      }
    }
    List<Relation> allRelations = new ArrayList<>(program.relations());
    allRelations.addAll(relations);
    List<Rule> allRules = new ArrayList<>(program.rules());
    allRules.addAll(rules);
    return new Spliced(new GeneratedProgram(program.name(), allRelations, roles, allRules, program.hints()), hints, kind);
  }

  /** The role the motif's first hint names: decoupled from, or partitioned. */
  private static String mainRole(GeneratedProgram m) {
    Hint h = m.hints().get(0);
    return h instanceof Decouple d ? d.role() : ((Partition) h).role();
  }

  /** Whether the role is partitioned, or receives what a partitioned role reads, in the motif: keep those fresh. */
  private static boolean partitioned(GeneratedProgram m, String role) {
    return m.hints().stream().anyMatch(h -> h instanceof Partition);
  }

  private static String rename(String text, Map<String, String> names) {
    Matcher mt = WORD.matcher(text);
    StringBuilder out = new StringBuilder();
    while (mt.find()) {
      String word = mt.group();
      mt.appendReplacement(out, Matcher.quoteReplacement(Character.isUpperCase(word.charAt(0))
          ? names.getOrDefault(word, word) : word));
    }
    mt.appendTail(out);
    return out.toString();
  }

  /** {@code In(c, x)} becomes {@code In(c, x, _, _)} for an input given two unused columns. */
  private static String widen(String literal, Map<String, Integer> extra) {
    for (Map.Entry<String, Integer> e : extra.entrySet()) {
      Matcher a = Pattern.compile("^(!?)" + e.getKey() + "\\((.*)\\)$").matcher(literal);
      if (a.matches()) {
        return a.group(1) + e.getKey() + "(" + a.group(2) + ", _".repeat(e.getValue()) + ")";
      }
    }
    return literal;
  }

  /** Appends a condition every fact satisfies (values are small and non-negative), over a long variable a positive atom binds. */
  private static void trueCondition(GeneratedProgram m, Rule x, List<String> body, SplittableRandom r) {
    List<String> vars = new ArrayList<>();
    for (String literal : x.body()) {
      Matcher a = Pattern.compile("^([A-Z][A-Za-z0-9]*)\\((.*)\\)$").matcher(literal);
      if (!a.matches()) {
        continue;
      }
      Relation rel = m.relation(a.group(1));
      List<String> args = ProgramGenerator.splitArgs(literal);
      for (int c = 0; c < rel.columns().size(); c++) {
        if (rel.columns().get(c).type() == ColType.LONG && LONG_VAR.matcher(args.get(c)).matches()) {
          vars.add(args.get(c));
        }
      }
    }
    if (vars.isEmpty()) {
      return;
    }
    String v = vars.get(r.nextInt(vars.size()));
    body.add(switch (r.nextInt(3)) {
      case 0 -> v + " >= 0";
      case 1 -> "bucket(" + v + ") < 3";
      default -> v + " < " + (1000 + r.nextInt(1000));
    });
  }
}
