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
 * Generates well-formed {@code @Dedalus} programs (without hints) from a seed: roles, client
 * inputs, messages between roles, local relations, joins and self-joins, negation, every
 * aggregate in local and sent heads, {@code :+} carries, {@code @Persist}, timers, {@code self},
 * configuration and {@code @Pure} functions. Same seed, same program.
 *
 * <p>Well-formedness is built in rather than filtered: variables are typed by prefix (c client,
 * n node, x long, i int) so a variable never has two types; every head, condition and negated
 * argument uses variables positive atoms or assignments bound; a local head is a new relation one
 * level above everything its body reads, so no role has a cycle through negation or aggregation;
 * an output goes to a variable read from a client-location column, and client-location columns are
 * only ever filled from client variables.
 *
 * <p>Runs must end, so message flow is kept acyclic: roles are ordered; a rule sends downstream
 * (to a later role) freely. A rule may send to its own or an earlier role (a reply) only if its
 * body is driven by a fresh arrival and reads no reply, the receiving role was chosen to accept
 * replies, and there replies flow only into local relations and outputs, never into messages; a
 * role that accepts replies only sends messages driven by fresh, non-reply arrivals. So a reply's
 * arrival never makes a node send again, and every node ticks finitely often.
 */
final class ProgramGenerator {
  private static final String[] ROLE_NAMES = {"A", "B", "C", "D"};

  private final GenerationProfile profile;

  ProgramGenerator(GenerationProfile profile) {
    this.profile = profile;
  }

  GeneratedProgram generate(long seed) {
    return generateWithMotif(seed).program();
  }

  /**
   * The program of {@code seed}, with a {@link Motifs motif} spliced in with the profile's
   * probability; the motif's hints are the HintGenerator's to use or not (none without a motif).
   */
  Motifs.Spliced generateWithMotif(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    SplittableRandom motifRandom = r.split();
    GeneratedProgram program = new Builder(r, "G" + Long.toUnsignedString(seed, 36)).build();
    if (profile.motifKinds().isEmpty() || motifRandom.nextDouble() >= profile.motif()) {
      return new Motifs.Spliced(program, java.util.List.of(), null);
    }
    String kind = profile.motifKinds().get(motifRandom.nextInt(profile.motifKinds().size()));
    return Motifs.splice(program, kind, motifRandom);
  }

  /** What a role knows about a relation it can read. */
  private record Info(int level, boolean ephemeral, boolean reply, boolean local) {}

  /** A body under construction: its literals and the variables they bind. */
  private static final class Body {
    final List<String> literals = new ArrayList<>();
    final Map<String, ColType> vars = new LinkedHashMap<>();
    final Map<String, String> origin = new LinkedHashMap<>();
    boolean ephemeral;
    boolean readsReply;
    int maxLevel = -1;

    List<String> varsOf(ColType type) {
      return vars.entrySet().stream().filter(e -> e.getValue() == type).map(Map.Entry::getKey).toList();
    }
  }

  /** One head argument: its text and column type, and for a node location, the role it names. */
  private record HeadArg(String text, ColType type, String origin, boolean aggregate) {}

  private final class Builder {
    final SplittableRandom r;
    final String name;
    final List<String> roles = new ArrayList<>();
    final Map<String, Boolean> acceptsReplies = new LinkedHashMap<>();
    final Map<String, Relation> relations = new LinkedHashMap<>();
    final List<Rule> rules = new ArrayList<>();
    final Map<String, Map<String, Info>> readable = new LinkedHashMap<>();
    int relationCounter;
    int ruleCounter;
    int varCounter;

    Builder(SplittableRandom r, String name) {
      this.r = r;
      this.name = name;
    }

    GeneratedProgram build() {
      int nRoles = between(profile.minRoles(), profile.maxRoles());
      for (int i = 0; i < nRoles; i++) {
        String role = ROLE_NAMES[i];
        roles.add(role);
        acceptsReplies.put(role, chance(profile.acceptReplies()));
        readable.put(role, new LinkedHashMap<>());
      }
      int nInputs = between(1, 2);
      for (int i = 0; i < nInputs; i++) {
        String receiver = chance(profile.inputAtFirstRole()) ? roles.get(0) : pick(roles);
        List<Column> cols = new ArrayList<>();
        cols.add(new Column("client", ColType.CLIENT));
        int longs = between(1, 3);
        for (int k = 0; k < longs; k++) {
          cols.add(new Column("v" + k, ColType.LONG));
        }
        boolean persisted = chance(0.2);
        Relation in = add(new Relation("In" + relationCounter++, persisted ? Kind.PERSISTED_INPUT : Kind.INPUT, cols, null));
        readable.get(receiver).put(in.name(), new Info(0, !persisted, false, false));
      }
      int target = between(profile.minRules(), profile.maxRules());
      for (int attempt = 0; attempt < target * 8 && rules.size() < target; attempt++) {
        String role = roleWithFewRules();
        if (role == null) {
          break;
        }
        double k = r.nextDouble();
        if (k < 0.30) {
          localRule(role);
        } else if (k < 0.36) {
          nextRule(role);
        } else if (k < 0.66) {
          sendRule(role);
        } else {
          outputRule(role);
        }
      }
      // A role that receives messages gets rules: partitioning and decoupling need something to act on.
      for (String role : roles) {
        if (!dataRelations(role, false).isEmpty() && rules.stream().noneMatch(x -> x.role().equals(role))) {
          outputRule(role);
          if (rules.stream().noneMatch(x -> x.role().equals(role))) {
            localRule(role);
          }
        }
      }
      // Every program answers clients somewhere; every input is read (the checker needs a receiver).
      for (String role : roles) {
        for (String rel : List.copyOf(readable.get(role).keySet())) {
          if (relations.get(rel).isInput() && rules.stream().noneMatch(x -> x.role().equals(role) && x.reads().contains(rel))) {
            outputRuleReading(role, rel);
          }
        }
      }
      if (rules.stream().noneMatch(x -> relations.get(x.headRelation()).kind() == Kind.OUTPUT)) {
        outputRule(roles.get(0));
      }
      return new GeneratedProgram(name, List.copyOf(relations.values()), roles, rules, List.of()).withoutUnusedRelations();
    }

    // ------------------------------------------------------------------ rules

    void localRule(String role) {
      Body body = body(role, false, false, null);
      if (body == null) {
        return;
      }
      List<HeadArg> args = headArgs(body, chance(profile.localAggregate()), null, role, false);
      if (args.isEmpty()) {
        return;
      }
      double carry = chance(profile.carry()) ? r.nextDouble() : -1;
      double p = profile.persistCarry();
      Kind kind = carry >= 0 && carry < p ? Kind.PERSIST : Kind.DERIVED;
      Relation head = add(new Relation("L" + relationCounter++, kind, columns(args), null));
      boolean stateful = carry >= 0;
      readable.get(role).put(head.name(), new Info(body.maxLevel + 1, body.ephemeral && !stateful, body.readsReply, true));
      rules.add(rule(role, head.name(), head.name() + headText(args), Op.DEDUCTIVE, body.literals));
      if (carry >= p) {
        carryRule(role, head, carry < p + (1 - p) / 2);
      }
    }

    /** {@code X(v..) :+ X(v..)}, or persist-until {@code X(v..) :+ X(v..), !Done(..)}. */
    void carryRule(String role, Relation x, boolean identity) {
      List<String> vars = new ArrayList<>();
      Map<ColType, List<String>> byType = new LinkedHashMap<>();
      for (Column c : x.columns()) {
        String v = "y" + vars.size();
        vars.add(v);
        byType.computeIfAbsent(c.type(), t -> new ArrayList<>()).add(v);
      }
      String atom = x.name() + "(" + String.join(", ", vars) + ")";
      List<String> body = new ArrayList<>(List.of(atom));
      if (!identity) {
        List<String> candidates = readable.get(role).keySet().stream().filter(n -> !n.equals(x.name())).toList();
        if (!candidates.isEmpty()) {
          Relation done = relations.get(pick(candidates));
          List<String> args = new ArrayList<>();
          for (Column c : done.columns()) {
            List<String> same = byType.getOrDefault(c.type(), List.of());
            boolean sameOrigin = c.type() != ColType.NODE;
            args.add(!same.isEmpty() && sameOrigin && chance(0.7) ? pick(same) : "_");
          }
          body.add("!" + done.name() + "(" + String.join(", ", args) + ")");
        }
      }
      rules.add(rule(role, x.name(), atom, Op.INDUCTIVE, body));
    }

    /** {@code Y(..) :+ body}: a fact that holds in the next tick only. */
    void nextRule(String role) {
      Body body = body(role, false, false, null);
      if (body == null) {
        return;
      }
      List<HeadArg> args = headArgs(body, false, null, role, false);
      if (args.isEmpty()) {
        return;
      }
      Relation head = add(new Relation("N" + relationCounter++, Kind.DERIVED, columns(args), null));
      readable.get(role).put(head.name(), new Info(0, false, body.readsReply, true));
      rules.add(rule(role, head.name(), head.name() + headText(args), Op.INDUCTIVE, body.literals));
    }

    void sendRule(String role) {
      int i = roles.indexOf(role);
      List<String> earlier = new ArrayList<>();
      for (int j = 0; j <= i; j++) {
        if (acceptsReplies.get(roles.get(j))) {
          earlier.add(roles.get(j));
        }
      }
      boolean isReply = !earlier.isEmpty() && (i == roles.size() - 1 || chance(profile.reply()));
      if (!isReply && i == roles.size() - 1) {
        return;
      }
      String to = isReply ? pick(earlier) : roles.get(between(i + 1, roles.size() - 1));
      // A reply, and any message from a role that accepts replies, must be driven by a fresh arrival.
      boolean needsFresh = isReply || acceptsReplies.get(role);
      Body body = body(role, needsFresh, needsFresh, null);
      if (body == null) {
        return;
      }
      String dest = destination(body, role, to);
      List<HeadArg> args = headArgs(body, chance(profile.sentAggregate()), dest, role, true);
      if (args.isEmpty()) {
        return;
      }
      List<ColType> types = args.stream().map(HeadArg::type).toList();
      Relation head = reusableMessage(types, args, to, isReply);
      if (head == null) {
        Kind kind = chance(profile.persistMessage()) ? Kind.PERSIST : Kind.DERIVED;
        head = add(new Relation("M" + relationCounter++, kind, columns(args), null));
      }
      Info existing = readable.get(to).get(head.name());
      if (existing == null) {
        readable.get(to).put(head.name(), new Info(0, !head.isPersisted(), isReply, false));
      }
      rules.add(rule(role, head.name(), head.name() + "@" + dest + headText(args), Op.ASYNC, body.literals));
    }

    /** An existing relation the message can reuse: more senders, or a relation two roles read. */
    Relation reusableMessage(List<ColType> types, List<HeadArg> args, String to, boolean isReply) {
      if (!chance(profile.shareRelation())) {
        return null;
      }
      List<Relation> candidates = new ArrayList<>();
      for (Relation rel : relations.values()) {
        if (rel.isStatic() || rel.isInput() || rel.kind() == Kind.OUTPUT) {
          continue;
        }
        if (!rel.columns().stream().map(Column::type).toList().equals(types) || !sameColumns(rel, args)) {
          continue;
        }
        Info at = readable.get(to).get(rel.name());
        if (at != null && (at.local() || at.reply() != isReply)) {
          continue;
        }
        candidates.add(rel);
      }
      return candidates.isEmpty() ? null : pick(candidates);
    }

    void outputRule(String role) {
      List<String> withClient = dataRelations(role, false).stream()
          .filter(n -> relations.get(n).columns().stream().anyMatch(c -> c.type() == ColType.CLIENT)).toList();
      if (withClient.isEmpty()) {
        return;
      }
      outputRuleReading(role, pick(withClient));
    }

    void outputRuleReading(String role, String first) {
      Body body = body(role, false, false, first);
      if (body == null || body.varsOf(ColType.CLIENT).isEmpty()) {
        return;
      }
      String dest = pick(body.varsOf(ColType.CLIENT));
      List<HeadArg> args = headArgs(body, chance(profile.sentAggregate()), dest, role, true);
      args = new ArrayList<>(args.stream().filter(a -> a.type() != ColType.CLIENT).toList());
      if (args.isEmpty()) {
        args.add(new HeadArg("1", ColType.LONG, null, false));
      }
      List<ColType> types = args.stream().map(HeadArg::type).toList();
      Relation head = null;
      if (chance(0.25)) {
        final List<HeadArg> finalArgs = args;
        head = relations.values().stream().filter(x -> x.kind() == Kind.OUTPUT)
            .filter(x -> x.columns().stream().map(Column::type).toList().equals(types) && sameColumns(x, finalArgs))
            .findFirst().orElse(null);
      }
      if (head == null) {
        head = add(new Relation("Out" + relationCounter++, Kind.OUTPUT, columns(args), null));
      }
      rules.add(rule(role, head.name(), head.name() + "@" + dest + headText(args), Op.ASYNC, body.literals));
    }

    // ------------------------------------------------------------------ bodies

    /**
     * A body at {@code role}: positive atoms, then maybe configuration, a timer, a negated atom, a
     * condition and an assignment.
     *
     * @param fresh the body must read a fresh arrival (a non-persisted input or message, or a local
     *     relation derived from one), so the rule fires only when something new arrived
     * @param noReply the body must not read replies (nor anything derived from them)
     * @param first a relation the first atom must read, or null
     */
    Body body(String role, boolean fresh, boolean noReply, String first) {
      Map<String, Info> at = readable.get(role);
      List<String> candidates = dataRelations(role, noReply);
      if (candidates.isEmpty()) {
        return null;
      }
      Body b = new Body();
      String firstRel = first;
      if (firstRel == null) {
        List<String> freshOnes = candidates.stream().filter(n -> at.get(n).ephemeral()).toList();
        if (fresh && freshOnes.isEmpty()) {
          return null;
        }
        firstRel = fresh || (!freshOnes.isEmpty() && chance(0.5)) ? pick(freshOnes) : pick(candidates);
      }
      atom(b, role, firstRel);
      if (chance(profile.selfJoin())) {
        selfJoin(b, role, firstRel);
      }
      int more = chance(profile.joins()) ? 1 : 0;
      for (int k = 0; k < more; k++) {
        atom(b, role, pick(candidates));
      }
      if (chance(profile.configJoin())) {
        given(b);
      }
      if (chance(0.08) && roles.size() > 1) {
        String counted = pick(roles);
        Relation count = config("Count" + counted, Kind.COUNT, new Column("n", ColType.LONG), counted);
        b.literals.add(count.name() + "(" + fresh(b, ColType.LONG, null) + ")");
      }
      // A timer joined with a fresh arrival fires only when the two happen to meet: a rare event
      // no sample of base runs reliably covers. With state only, the timer fires eventually.
      if (!b.ephemeral && chance(0.15)) {
        Relation tick = config("Tick", Kind.TIMER, new Column("now", ColType.LONG), null);
        b.literals.add(tick.name() + "(_)");
      }
      if (chance(profile.negation())) {
        negation(b, role, noReply);
      }
      if (chance(0.3)) {
        condition(b);
      }
      if (chance(0.2)) {
        assignment(b);
      }
      return b;
    }

    void atom(Body b, String role, String relName) {
      Relation rel = relations.get(relName);
      Info info = readable.get(role).get(relName);
      List<String> args = new ArrayList<>();
      for (Column c : rel.columns()) {
        args.add(argument(b, c));
      }
      b.literals.add(relName + "(" + String.join(", ", args) + ")");
      b.ephemeral |= info.ephemeral();
      b.readsReply |= info.reply();
      b.maxLevel = Math.max(b.maxLevel, info.level());
    }

    String argument(Body b, Column c) {
      String origin = originOf(c);
      List<String> same = b.varsOf(c.type()).stream()
          .filter(v -> origin == null || origin.equals(b.origin.get(v))).toList();
      double k = r.nextDouble();
      if (!same.isEmpty() && k < 0.55) {
        // The same draw decides on x + 1, so a profile without it generates what it always did.
        String x = pick(same);
        return c.type() == ColType.LONG && k < 0.55 * profile.argumentExpression() ? x + " + 1" : x;
      }
      if (k < 0.59) {
        return "_";
      }
      if (c.type() == ColType.LONG && k < 0.63) {
        return Long.toString(r.nextInt(3));
      }
      return fresh(b, c.type(), origin);
    }

    /** The same relation again, joined on the first columns and different in another: a self-join. */
    void selfJoin(Body b, String role, String relName) {
      Relation rel = relations.get(relName);
      String previous = b.literals.get(b.literals.size() - 1);
      List<String> prevArgs = splitArgs(previous);
      int differing = r.nextInt(rel.columns().size());
      List<String> args = new ArrayList<>();
      String a = null;
      String c = null;
      for (int k = 0; k < rel.columns().size(); k++) {
        String prev = prevArgs.get(k);
        if (k == differing) {
          Column col = rel.columns().get(k);
          a = prev.equals("_") || !b.vars.containsKey(prev) ? null : prev;
          c = fresh(b, col.type(), originOf(col));
          args.add(c);
        } else {
          args.add(prev);
        }
      }
      b.literals.add(relName + "(" + String.join(", ", args) + ")");
      if (a != null) {
        b.literals.add(a + " != " + c);
      }
    }

    void given(Body b) {
      Relation given = config("Given", Kind.GIVEN, new Column("v", ColType.LONG), null);
      List<String> longs = b.varsOf(ColType.LONG);
      String arg = !longs.isEmpty() && chance(0.5) ? pick(longs) : fresh(b, ColType.LONG, null);
      b.literals.add(given.name() + "(" + arg + ")");
    }

    void negation(Body b, String role, boolean noReply) {
      List<String> candidates = new ArrayList<>(dataRelations(role, noReply));
      if (candidates.isEmpty()) {
        return;
      }
      String relName = pick(candidates);
      Relation rel = relations.get(relName);
      Info info = readable.get(role).get(relName);
      List<String> args = new ArrayList<>();
      for (Column c : rel.columns()) {
        String origin = originOf(c);
        List<String> same = b.varsOf(c.type()).stream()
            .filter(v -> origin == null || origin.equals(b.origin.get(v))).toList();
        args.add(!same.isEmpty() && chance(0.75) ? pick(same) : "_");
      }
      b.literals.add("!" + relName + "(" + String.join(", ", args) + ")");
      b.readsReply |= info.reply();
      b.maxLevel = Math.max(b.maxLevel, info.level());
    }

    void condition(Body b) {
      List<String> longs = b.varsOf(ColType.LONG);
      if (longs.isEmpty()) {
        return;
      }
      String x = pick(longs);
      String y = pick(longs);
      switch (r.nextInt(6)) {
        case 0 -> b.literals.add(x.equals(y) ? x + " < 3" : x + " != " + y);
        case 1 -> b.literals.add(x.equals(y) ? x + " >= 1" : x + " <= " + y);
        case 2 -> b.literals.add(x + " % 2 == " + r.nextInt(2));
        case 3 -> b.literals.add(x + " == bucket(" + y + ")");
        case 4 -> b.literals.add("bucket(" + x + ") != " + r.nextInt(3));
        default -> b.literals.add("mix(" + x + ", " + y + ") < 3");
      }
    }

    void assignment(Body b) {
      List<String> longs = b.varsOf(ColType.LONG);
      if (longs.isEmpty()) {
        return;
      }
      String x = pick(longs);
      String value = switch (r.nextInt(3)) {
        case 0 -> "bucket(" + x + ")";
        case 1 -> "mix(" + x + ", " + pick(longs) + ")";
        default -> x + " + 1";
      };
      String h = fresh(b, ColType.LONG, null);
      b.literals.add(h + " = " + value);
    }

    /** The destination of a message to {@code to}: self, a node variable naming it, or its addresses. */
    String destination(Body b, String role, String to) {
      if (to.equals(role) && chance(0.5)) {
        return "self";
      }
      List<String> nodes = b.varsOf(ColType.NODE).stream().filter(v -> to.equals(b.origin.get(v))).toList();
      if (!nodes.isEmpty() && chance(0.7)) {
        return pick(nodes);
      }
      Relation addresses = config("Addr" + to, Kind.ADDRESSES, new Column("addr", ColType.NODE), to);
      String v = fresh(b, ColType.NODE, to);
      b.literals.add(addresses.name() + "(" + v + ")");
      return v;
    }

    // ------------------------------------------------------------------ heads

    /**
     * Head arguments: a few bound variables (a client location first, where there is one), maybe
     * {@code self}, maybe one aggregate over a variable that is not in the group-by.
     */
    List<HeadArg> headArgs(Body b, boolean aggregate, String dest, String role, boolean sent) {
      List<String> vars = new ArrayList<>(b.vars.keySet());
      vars.remove(dest);
      List<HeadArg> args = new ArrayList<>();
      List<String> clients = b.varsOf(ColType.CLIENT).stream().filter(v -> !v.equals(dest)).toList();
      if (!clients.isEmpty() && chance(0.7)) {
        String c = pick(clients);
        args.add(new HeadArg(c, ColType.CLIENT, null, false));
        vars.remove(c);
      }
      int plain = between(sent ? 0 : 1, 2);
      for (int k = 0; k < plain && !vars.isEmpty(); k++) {
        String v = vars.remove(r.nextInt(vars.size()));
        ColType t = b.vars.get(v);
        if (t == ColType.CLIENT) {
          args.add(new HeadArg(v, t, null, false));
        } else if (t == ColType.LONG && chance(0.1)) {
          args.add(new HeadArg(v + " + 1", t, null, false));
        } else {
          args.add(new HeadArg(v, t, b.origin.get(v), false));
        }
      }
      if (sent && chance(profile.selfColumn())) {
        args.add(r.nextInt(args.size() + 1), new HeadArg("self", ColType.NODE, role, false));
      }
      if (aggregate) {
        HeadArg agg = aggregate(b, vars);
        if (agg != null) {
          args.add(r.nextInt(args.size() + 1), agg);
        }
      }
      if (args.isEmpty() && !vars.isEmpty()) {
        String v = vars.get(0);
        args.add(new HeadArg(v, b.vars.get(v), b.origin.get(v), false));
      }
      return args;
    }

    /** One aggregate over a variable outside the group-by ({@code rest}); null if none fits. */
    HeadArg aggregate(Body b, List<String> rest) {
      if (chance(profile.index())) {
        return new HeadArg("index()", ColType.INT, null, true);
      }
      List<String> longs = rest.stream().filter(v -> b.vars.get(v) == ColType.LONG).toList();
      List<String> any = rest.stream().filter(v -> b.vars.get(v) != ColType.INT).toList();
      int kind = r.nextInt(5);
      if (kind == 0 && !any.isEmpty()) {
        return new HeadArg("count(" + pick(any) + ")", ColType.LONG, null, true);
      }
      if (longs.isEmpty()) {
        return any.isEmpty() ? null : new HeadArg("count(" + pick(any) + ")", ColType.LONG, null, true);
      }
      String v = pick(longs);
      return switch (kind) {
        case 1 -> new HeadArg("sum(" + v + ")", ColType.LONG, null, true);
        case 2 -> new HeadArg("min(" + v + ")", ColType.LONG, null, true);
        case 3 -> new HeadArg("max(" + v + ")", ColType.LONG, null, true);
        default -> new HeadArg("choose(" + v + ")", ColType.LONG, null, true);
      };
    }

    String headText(List<HeadArg> args) {
      return "(" + String.join(", ", args.stream().map(HeadArg::text).toList()) + ")";
    }

    /** Column names follow the type, and for node locations the role they name (see {@link #originOf}). */
    List<Column> columns(List<HeadArg> args) {
      List<Column> cols = new ArrayList<>();
      int k = 0;
      for (HeadArg a : args) {
        String base = switch (a.type()) {
          case CLIENT -> "client";
          case NODE -> "at" + a.origin();
          case LONG -> "v";
          case INT -> "slot";
        };
        cols.add(new Column(base + "_" + k++, a.type()));
      }
      return cols;
    }

    /** Reuse needs the same node-location origins column by column, or replies would go astray. */
    boolean sameColumns(Relation rel, List<HeadArg> args) {
      for (int k = 0; k < args.size(); k++) {
        Column c = rel.columns().get(k);
        if (c.type() == ColType.NODE && !args.get(k).origin().equals(originOf(c))) {
          return false;
        }
      }
      return true;
    }

    // ------------------------------------------------------------------ helpers

    /** A role that can read something, weighted by 1 / (1 + its rules), so later roles get rules too. */
    String roleWithFewRules() {
      List<String> able = roles.stream().filter(x -> !dataRelations(x, false).isEmpty()).toList();
      if (able.isEmpty()) {
        return null;
      }
      double[] w = new double[able.size()];
      double total = 0;
      for (int i = 0; i < able.size(); i++) {
        String role = able.get(i);
        w[i] = 1.0 / (1 + rules.stream().filter(x -> x.role().equals(role)).count());
        total += w[i];
      }
      double u = r.nextDouble() * total;
      for (int i = 0; i < able.size(); i++) {
        u -= w[i];
        if (u <= 0) {
          return able.get(i);
        }
      }
      return able.get(able.size() - 1);
    }

    /** The non-static relations {@code role} reads; without replies if {@code noReply}. */
    List<String> dataRelations(String role, boolean noReply) {
      return readable.get(role).entrySet().stream()
          .filter(e -> !noReply || !e.getValue().reply())
          .map(Map.Entry::getKey).toList();
    }

    String fresh(Body b, ColType type, String origin) {
      String prefix = switch (type) {
        case CLIENT -> "c";
        case NODE -> "n";
        case LONG -> "x";
        case INT -> "i";
      };
      String v = prefix + varCounter++;
      b.vars.put(v, type);
      if (origin != null) {
        b.origin.put(v, origin);
      }
      return v;
    }

    Relation config(String relName, Kind kind, Column column, String target) {
      return relations.computeIfAbsent(relName, n -> new Relation(n, kind, List.of(column), target));
    }

    Relation add(Relation rel) {
      relations.put(rel.name(), rel);
      return rel;
    }

    Rule rule(String role, String headRelation, String head, Op op, List<String> body) {
      return new Rule(role, "r" + ruleCounter++, headRelation, head, op, List.copyOf(body));
    }

    boolean chance(double p) {
      return r.nextDouble() < p;
    }

    int between(int lo, int hi) {
      return lo + r.nextInt(hi - lo + 1);
    }

    <T> T pick(List<T> xs) {
      return xs.get(r.nextInt(xs.size()));
    }
  }

  /** The role a node-location column names: its name is {@code at<Role>_<k>}. */
  static String originOf(Column c) {
    if (c.type() != ColType.NODE) {
      return null;
    }
    if (c.name().equals("addr")) {
      return null;
    }
    String n = c.name();
    return n.substring(2, n.indexOf('_'));
  }

  static List<String> splitArgs(String atom) {
    String inner = atom.substring(atom.indexOf('(') + 1, atom.lastIndexOf(')'));
    List<String> out = new ArrayList<>();
    for (String s : inner.split(",")) {
      out.add(s.trim());
    }
    return out;
  }
}
