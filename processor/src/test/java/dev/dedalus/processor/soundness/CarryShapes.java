package dev.dedalus.processor.soundness;

import dev.dedalus.processor.soundness.GeneratedProgram.ColType;
import dev.dedalus.processor.soundness.GeneratedProgram.Column;
import dev.dedalus.processor.soundness.GeneratedProgram.Kind;
import dev.dedalus.processor.soundness.GeneratedProgram.Op;
import dev.dedalus.processor.soundness.GeneratedProgram.Relation;
import dev.dedalus.processor.soundness.GeneratedProgram.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random programs made of the shapes an incremental engine maintains from tick to tick, in
 * one role {@code A}: relations carried by {@code :+} identity rules ({@code X(c, k, v) :+ X(c, k, v)}),
 * persist-until carries ({@code X(..) :+ X(..), !D(k)}) whose {@code D} is a transient input, a
 * persisted input or itself carried, negated with variables, {@code _} or a constant, carries with
 * a filter over their own variables or a further positive atom, several {@code :+} rules into one
 * relation (a carry and a rule that adds facts), {@code count}/{@code sum}/{@code min}/{@code max}
 * over carried and persisted relations (with and without group keys and filters), rules downstream
 * of those aggregates (a join on the count with a {@code Quorum}, a threshold, a persist-until on
 * what the count decides, a next-tick copy), negation of carried relations, and outputs reading all
 * of it. Inputs ({@code Req}, {@code Drop}, persisted {@code Keep}) arrive, accumulate and are
 * dropped over the ticks of a script. Rendered through {@link GeneratedProgram}; valid by
 * construction (variables bound by a positive atom, stratified, outputs to a client variable).
 */
final class CarryShapes {
  private CarryShapes() {}

  static GeneratedProgram generate(long seed) {
    return new Builder(new SplittableRandom(seed), "K" + Long.toUnsignedString(seed, 36)).build();
  }

  private static final class Builder {
    final SplittableRandom r;
    final String name;
    final Map<String, Relation> relations = new LinkedHashMap<>();
    final List<Rule> rules = new ArrayList<>();
    /** Carried relations X(c, k, v), for later shapes to read. */
    final List<String> carried = new ArrayList<>();
    /** Aggregate heads C(k, n) over carried or persisted relations. */
    final List<String> counts = new ArrayList<>();
    int counter;

    Builder(SplittableRandom r, String name) {
      this.r = r;
      this.name = name;
    }

    GeneratedProgram build() {
      relation("Req", Kind.INPUT, col("client", ColType.CLIENT), col("k", ColType.LONG), col("v", ColType.LONG));
      int shapes = 2 + r.nextInt(4);
      carry();
      for (int i = 1; i < shapes; i++) {
        switch (r.nextInt(7)) {
          case 0, 1 -> carry();
          case 2, 3 -> aggregate();
          case 4 -> downstream();
          case 5 -> negationOfCarried();
          default -> persistedCount();
        }
      }
      if (counts.isEmpty() || r.nextBoolean()) {
        aggregate();
      }
      downstream();
      // Every carried relation is read by some output, so its facts are observable through sends too.
      for (String x : carried) {
        if (r.nextDouble() < 0.5) {
          output("Req(c, k, _), " + x + "(_, k, w)", "k, w");
        }
      }
      return new GeneratedProgram(name, List.copyOf(relations.values()), List.of("A"), rules, List.of());
    }

    /** A relation X(c, k, v) fed by Req and carried to the next tick by one of the carry shapes. */
    void carry() {
      String x = "X" + counter++;
      relation(x, Kind.DERIVED, col("client", ColType.CLIENT), col("k", ColType.LONG), col("v", ColType.LONG));
      String filter = r.nextDouble() < 0.3 ? ", v != 1" : "";
      boolean addsNext = r.nextDouble() < 0.3;
      if (!addsNext || r.nextBoolean()) {
        rule(x, x + "(c, k, v)", Op.DEDUCTIVE, "Req(c, k, v)" + filter);
      }
      if (addsNext) {
        // A second ':+' rule into X: new facts for the next tick, beside the carry.
        rule(x, x + "(c, k, v)", Op.INDUCTIVE, r.nextBoolean() ? "Req(c, k, v)" + filter : "Req(c, k, w), v = w + 1, w < 3");
      }
      String self = x + "(c, k, v)";
      switch (r.nextInt(8)) {
        case 0, 1 -> rule(x, self, Op.INDUCTIVE, self);
        case 2 -> rule(x, self, Op.INDUCTIVE, self + ", " + negatedDrop());
        case 3 -> rule(x, self, Op.INDUCTIVE, self + ", !" + persistedDrop() + "(" + pick("k", "k", "3") + ")");
        case 4 -> rule(x, self, Op.INDUCTIVE, self + ", !" + carriedDrop() + "(" + pick("k", "_", "2") + ")");
        case 5 -> rule(x, self, Op.INDUCTIVE, self + ", " + pick("v > 1", "k != 2", "v % 2 == 0", "bucket(k) != 1"));
        case 6 -> rule(x, self, Op.INDUCTIVE, self + ", " + (r.nextBoolean() ? keep() + "(k)" : "Req(_, k, _)"));
        default -> {
          // A carry until decided by a count over itself: the voting shape.
          rule(x, self, Op.INDUCTIVE, self + ", !Done" + x + "(k)");
          String c = "C" + counter++;
          relation(c, Kind.DERIVED, col("k", ColType.LONG), col("n", ColType.LONG));
          rule(c, c + "(k, count(v))", Op.DEDUCTIVE, self);
          relation("Done" + x, Kind.DERIVED, col("k", ColType.LONG));
          rule("Done" + x, "Done" + x + "(k)", Op.DEDUCTIVE, c + "(k, n), " + (r.nextBoolean() ? quorum() + "(n)" : "n >= 2"));
          output("Req(c, k, _), Done" + x + "(k)", "k");
          counts.add(c);
        }
      }
      carried.add(x);
    }

    /** {@code !Drop(c, k)}, {@code !Drop(_, k)} or {@code !Drop(c, 2)}: a transient input. */
    String negatedDrop() {
      relation("Drop", Kind.INPUT, col("client", ColType.CLIENT), col("k", ColType.LONG));
      return switch (r.nextInt(4)) {
        case 0 -> "!Drop(c, k)";
        case 1 -> "!Drop(_, k)";
        case 2 -> "!Drop(_, 3)";
        default -> "!Drop(c, 2)";
      };
    }

    /** {@code Gone(k)}, persisted, from the persisted input {@code DropP}. */
    String persistedDrop() {
      return flag("DropP", "Gone", Kind.PERSIST);
    }

    /** {@code Flag(k) :- Input(_, k)}, with {@code Input} a persisted input. */
    String flag(String input, String flag, Kind kind) {
      relation(input, Kind.PERSISTED_INPUT, col("client", ColType.CLIENT), col("k", ColType.LONG));
      relation(flag, kind, col("k", ColType.LONG));
      rule(flag, flag + "(k)", Op.DEDUCTIVE, input + "(_, k)");
      return flag;
    }

    /** A drop flag that is itself carried: {@code Dc(k) :- Drop(_, k)} and {@code Dc(k) :+ Dc(k)} (or until). */
    String carriedDrop() {
      negatedDrop();
      String d = "Dc" + counter++;
      relation(d, Kind.DERIVED, col("k", ColType.LONG));
      rule(d, d + "(k)", Op.DEDUCTIVE, "Drop(_, k)");
      rule(d, d + "(k)", Op.INDUCTIVE, d + "(k)" + (r.nextBoolean() ? "" : ", k < 2"));
      return d;
    }

    String keep() {
      return flag("Keep", "Kept", Kind.DERIVED);
    }

    String quorum() {
      relation("Quorum", Kind.GIVEN, col("n", ColType.LONG));
      return "Quorum";
    }

    /** count/sum/min/max over a carried relation: with or without a group key, with or without a filter. */
    void aggregate() {
      if (carried.isEmpty()) {
        carry();
      }
      String x = pick(carried);
      String c = "C" + counter++;
      String agg = pick("count(v)", "count(c)", "sum(v)", "min(v)", "max(v)");
      String filter = r.nextDouble() < 0.3 ? ", v > 0" : r.nextDouble() < 0.2 ? ", " + keep() + "(k)" : "";
      double where = r.nextDouble();
      if (where < 0.15) {
        // Sent, not kept: one fact per group and client, in the tick the group holds.
        output(x + "(c, k, v)" + filter, "k, " + agg);
        return;
      }
      if (where < 0.25) {
        // Into the next tick.
        relation(c, Kind.DERIVED, col("k", ColType.LONG), col("n", ColType.LONG));
        rule(c, c + "(k, " + agg + ")", Op.INDUCTIVE, x + "(c, k, v)" + filter);
        counts.add(c);
        return;
      }
      if (where < 0.85) {
        relation(c, Kind.DERIVED, col("k", ColType.LONG), col("n", ColType.LONG));
        rule(c, c + "(k, " + agg + ")", Op.DEDUCTIVE, x + "(c, k, v)" + filter);
      } else {
        relation(c, Kind.DERIVED, col("n", ColType.LONG), col("k", ColType.LONG));
        rule(c, c + "(" + agg + ", 0)", Op.DEDUCTIVE, x + "(c, _, v)" + filter);
      }
      counts.add(c);
    }

    /** Rules reading an aggregate: a join on its value, a threshold, a next-tick copy, an output. */
    void downstream() {
      while (counts.isEmpty()) {
        aggregate();
      }
      String c = pick(counts);
      String d = "D" + counter++;
      relation(d, Kind.DERIVED, col("k", ColType.LONG));
      rule(d, d + "(k)", Op.DEDUCTIVE, c + "(k, n), " + pick(quorum() + "(n)", "n >= 2", "n == 1"));
      switch (r.nextInt(3)) {
        case 0 -> output("Req(c, k, _), " + d + "(k)", "k");
        case 1 -> {
          String p = "Prev" + counter++;
          relation(p, Kind.DERIVED, col("k", ColType.LONG), col("n", ColType.LONG));
          rule(p, p + "(k, n)", Op.INDUCTIVE, c + "(k, n)");
          output("Req(c, k, _), " + p + "(k, n), !" + d + "(k)", "k, n");
        }
        default -> {
          String x = carried.isEmpty() ? null : pick(carried);
          if (x != null) {
            output(x + "(c, k, v), " + d + "(k)", "k, v");
          } else {
            output("Req(c, k, _), " + d + "(k)", "k");
          }
        }
      }
    }

    void negationOfCarried() {
      if (carried.isEmpty()) {
        carry();
      }
      String x = pick(carried);
      String f = "F" + counter++;
      relation(f, Kind.DERIVED, col("client", ColType.CLIENT), col("k", ColType.LONG), col("v", ColType.LONG));
      rule(f, f + "(c, k, v)", Op.DEDUCTIVE, "Req(c, k, v), !" + x + "(" + pick("_, k, _", "c, k, v", "_, k, 2") + ")");
      output(f + "(c, k, v)", "k, v");
    }

    /** An aggregate over a {@code @Persist} relation, read with the request that asks. */
    void persistedCount() {
      String p = "P" + counter++;
      relation(p, Kind.PERSIST, col("k", ColType.LONG), col("v", ColType.LONG));
      rule(p, p + "(k, v)", Op.DEDUCTIVE, "Req(_, k, v)");
      String c = "C" + counter++;
      relation(c, Kind.DERIVED, col("k", ColType.LONG), col("n", ColType.LONG));
      rule(c, c + "(k, " + pick("count(v)", "sum(v)", "max(v)") + ")", Op.DEDUCTIVE, p + "(k, v)");
      output("Req(c, k, _), " + c + "(k, n)", "k, n");
      if (r.nextBoolean()) {
        // A sending aggregate whose body reads only persisted state (sends what changed).
        relation("Clients", Kind.PERSIST, col("client", ColType.CLIENT));
        rule("Clients", "Clients(c)", Op.DEDUCTIVE, "Req(c, _, _)");
        output("Clients(c), " + p + "(k, v)", "k, " + pick("count(v)", "sum(v)", "min(v)"));
      }
      counts.add(c);
    }

    void output(String body, String args) {
      String o = "Out" + counter++;
      int n = args.split(",").length;
      List<Column> cols = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        cols.add(col("v" + i, ColType.LONG));
      }
      relations.put(o, new Relation(o, Kind.OUTPUT, cols, null));
      rule(o, o + "@c(" + args + ")", Op.ASYNC, body);
    }

    void relation(String n, Kind kind, Column... cols) {
      relations.putIfAbsent(n, new Relation(n, kind, List.of(cols), null));
    }

    static Column col(String n, ColType t) {
      return new Column(n, t);
    }

    void rule(String head, String headText, Op op, String body) {
      rules.add(new Rule("A", "r" + rules.size(), head, headText, op, Witnesses.splitTop(body)));
    }

    String pick(String... options) {
      return options[r.nextInt(options.length)];
    }

    String pick(List<String> options) {
      return options.get(r.nextInt(options.size()));
    }
  }
}
