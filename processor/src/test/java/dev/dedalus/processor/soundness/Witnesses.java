package dev.dedalus.processor.soundness;

import dev.dedalus.processor.soundness.EquivalenceCheck.Deployment;
import dev.dedalus.processor.soundness.GeneratedProgram.ColType;
import dev.dedalus.processor.soundness.GeneratedProgram.Column;
import dev.dedalus.processor.soundness.GeneratedProgram.Decouple;
import dev.dedalus.processor.soundness.GeneratedProgram.Hint;
import dev.dedalus.processor.soundness.GeneratedProgram.Kind;
import dev.dedalus.processor.soundness.GeneratedProgram.Op;
import dev.dedalus.processor.soundness.GeneratedProgram.Partition;
import dev.dedalus.processor.soundness.GeneratedProgram.Relation;
import dev.dedalus.processor.soundness.GeneratedProgram.Rule;
import dev.dedalus.processor.soundness.InputScript.Send;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One hand-written program per condition ({@code rewrite.Condition}) that the condition, and only
 * it, refuses (the three code-generation safeguards: accepts), with inputs and a deployment on
 * which the plan the processor makes with the condition skipped differs observably from the base
 * plan. Each base plan's outputs are the same in every run, so the difference is a fact every base
 * run gives and some optimized run loses, or one the optimized plan invents.
 * {@link ConditionWitnessTest} runs them; the generator's motifs are these shapes, randomized.
 */
final class Witnesses {
  private Witnesses() {}

  record Witness(String condition, GeneratedProgram program, InputScript script, Deployment deployment) {}

  static final Deployment ONE = new Deployment(Map.of(), 1);
  static final Deployment THREE_PARTITIONS = new Deployment(Map.of(), 3);

  static Witness of(String condition) {
    return switch (condition) {
      case "INDEPENDENCE" -> new Witness(condition, program("WIndependence",
          rels(rel(Kind.INPUT, "In", "c:C", "x:L"), rel(Kind.DERIVED, "L", "c:C", "x:L"), rel(Kind.OUTPUT, "Out", "x:L")),
          List.of("A"),
          rules("A", "r0: L(c, x) :- In(c, x)", "A", "r1: Out@c(x) :~ L(c, x)"),
          List.of(new Decouple("A", List.of("r0"), "X1"))),
          script(send(0, 0, "In", 1), send(0, 10, "In", 2)), ONE);
      case "SELF_IN_MOVED_RULE" -> new Witness(condition, program("WSelf",
          rels(rel(Kind.INPUT, "In", "c:C", "x:L"), addr("AddrA", "A"), rel(Kind.OUTPUT, "Out", "x:L"),
              rel(Kind.OUTPUT, "Echo", "x:L")),
          List.of("A"),
          rules("A", "r0: Out@c(x) :~ In(c, x), AddrA(n), n == self", "A", "r1: Echo@c(x) :~ In(c, x)"),
          List.of(new Decouple("A", List.of("r0"), "X1"))),
          script(send(0, 0, "In", 1)), ONE);
      case "NOTHING_SHARED" -> new Witness(condition, program("WShared",
          rels(rel(Kind.INPUT, "In", "c:C", "x:L"), rel(Kind.DERIVED, "L", "c:C", "x:L"), rel(Kind.OUTPUT, "Out", "x:L")),
          List.of("A"),
          rules("A", "r0: L(c, x) :- In(c, x)", "A", "r1: Out@c(x) :~ L(c, x), In(c, x)"),
          List.of(new Decouple("A", List.of("r1"), "X1"))),
          script(send(0, 0, "In", 1)), ONE);
      case "MONOTONIC_MOVED_RULES" -> new Witness(condition, program("WMonotonic",
          rels(rel(Kind.INPUT, "Reserve", "c:C", "i:L"), rel(Kind.PERSIST, "Reserved", "i:L"),
              rel(Kind.PERSIST, "Asked", "c:C", "i:L"), rel(Kind.OUTPUT, "Available", "i:L"),
              rel(Kind.OUTPUT, "Taken", "i:L")),
          List.of("Desk"),
          rules("Desk", "r0: Reserved(i) :- Reserve(_, i)", "Desk", "r1: Asked(c, i) :- Reserve(c, i)",
              "Desk", "r2: Available@c(i) :~ Asked(c, i), !Reserved(i)", "Desk", "r3: Taken@c(i) :~ Asked(c, i), Reserved(i)"),
          List.of(new Decouple("Desk", List.of("r2", "r3"), "X1"))),
          script(send(0, 0, "Reserve", 1), send(0, 7, "Reserve", 2), send(0, 15, "Reserve", 3), send(0, 30, "Reserve", 4)), ONE);
      case "PERSISTED_FORWARDED_INPUTS" -> new Witness(condition, program("WForwarded",
          rels(rel(Kind.INPUT, "In", "c:C", "x:L"), rel(Kind.DERIVED, "L1", "c:C", "x:L"), rel(Kind.DERIVED, "L2", "c:C", "x:L"),
              rel(Kind.OUTPUT, "Out", "x:L")),
          List.of("A"),
          rules("A", "r0: L1(c, x) :- In(c, x)", "A", "r1: L2(c, x) :- In(c, x)", "A", "r2: Out@c(x) :~ L1(c, x), L2(c, x)"),
          List.of(new Decouple("A", List.of("r2"), "X1"))),
          script(send(0, 0, "In", 1), send(0, 9, "In", 2), send(0, 20, "In", 3), send(0, 31, "In", 4)), ONE);
      case "PERSISTED_REDIRECTED_INPUTS" -> new Witness(condition, program("WRedirected",
          rels(rel(Kind.INPUT, "Job", "c:C", "x:L"), rel(Kind.PERSIST, "Known", "c:C", "x:L"), rel(Kind.DERIVED, "Ask", "x:L"),
              rel(Kind.DERIVED, "Reply", "x:L"), rel(Kind.OUTPUT, "Done", "x:L"), addr("AddrHelper", "Helper"),
              addr("AddrDesk", "Desk")),
          List.of("Desk", "Helper"),
          rules("Desk", "r0: Known(c, x) :- Job(c, x)", "Desk", "r1: Ask@h(x) :~ Job(_, x), AddrHelper(h)",
              "Desk", "r2: Done@c(x) :~ Known(c, x), Reply(x)", "Helper", "r3: Reply@d(x) :~ Ask(x), AddrDesk(d)"),
          List.of(new Decouple("Desk", List.of("r2"), "X1"))),
          script(send(0, 0, "Job", 1), send(0, 5, "Job", 2), send(0, 12, "Job", 3), send(0, 20, "Job", 4),
              send(0, 28, "Job", 5), send(0, 36, "Job", 6)), ONE);
      case "ONE_RELATION_PER_BODY" -> new Witness(condition, program("WOneRelation",
          rels(rel(Kind.INPUT, "In", "c:C", "x:L"), rel(Kind.DERIVED, "S1", "c:C", "x:L"), rel(Kind.DERIVED, "S2", "c:C", "y:L"),
              rel(Kind.OUTPUT, "Out", "x:L")),
          List.of("A"),
          rules("A", "r0: S1(c, x) :- In(c, x)", "A", "r1: S2(c, y) :- In(c, x), y = x + 1",
              "A", "r2: Out@c(x) :~ S1(c, x), S2(c, y), y == x + 1"),
          List.of(new Decouple("A", List.of("r2"), "X1"))),
          script(send(0, 0, "In", 1), send(0, 9, "In", 3), send(0, 20, "In", 5), send(0, 31, "In", 7)), ONE);
      case "ONE_ATOM_PER_BODY" -> new Witness(condition, program("WOneAtom",
          rels(rel(Kind.INPUT, "In", "c:C", "k:L", "x:L"), rel(Kind.DERIVED, "Seen", "c:C", "k:L", "x:L"),
              rel(Kind.OUTPUT, "Conflict", "k:L")),
          List.of("A"),
          rules("A", "r0: Seen(c, k, x) :- In(c, k, x)", "A", "r1: Seen(c, k, y) :- In(c, k, x), y = x + 1",
              "A", "r2: Conflict@c(k) :~ Seen(c, k, x1), Seen(c, k, x2), x1 != x2"),
          List.of(new Decouple("A", List.of("r2"), "X1"))),
          script(send(0, 0, "In", 1, 0), send(0, 9, "In", 2, 0), send(0, 20, "In", 3, 0), send(0, 31, "In", 4, 0)), ONE);
      case "CLIENT_INPUT_RECEIVER" -> new Witness(condition, program("WClientInput",
          rels(rel(Kind.INPUT, "Put", "c:C", "x:L"), rel(Kind.PERSISTED_INPUT, "Get", "c:C", "x:L"), rel(Kind.PERSIST, "P", "x:L"),
              rel(Kind.OUTPUT, "Out", "x:L"), addr("AddrW", "W")),
          List.of("Front", "W"),
          rules("Front", "r0: P@w(x) :~ Put(_, x), AddrW(w)", "W", "r1: Out@c(x) :~ Get(c, x), P(x)"),
          List.of(new Partition("W", "P.x"))),
          script(sends("Put", 0, 6), sends("Get", 3, 6)), THREE_PARTITIONS);
      case "CO_PARTITIONED_ATOMS" -> new Witness(condition, program("WCoPartitioned",
          rels(rel(Kind.INPUT, "AddEdge", "c:C", "a:L", "b:L"), rel(Kind.PERSIST, "Edge", "c:C", "a:L", "b:L"),
              rel(Kind.OUTPUT, "Path2", "a:L", "z:L"), addr("AddrGraph", "Graph")),
          List.of("Front", "Graph"),
          rules("Front", "r0: Edge@g(c, a, b) :~ AddEdge(c, a, b), AddrGraph(g)",
              "Graph", "r1: Path2@c(a, z) :~ Edge(c, a, b), Edge(c, b, z)"),
          List.of(new Partition("Graph", "Edge.a"))),
          script(send(0, 0, "AddEdge", 0, 1), send(0, 4, "AddEdge", 1, 2), send(0, 8, "AddEdge", 2, 3),
              send(0, 12, "AddEdge", 3, 4), send(0, 16, "AddEdge", 4, 5), send(0, 20, "AddEdge", 5, 6)), THREE_PARTITIONS);
      case "KEY_IN_GROUP_BY" -> new Witness(condition, program("WGroupBy",
          rels(rel(Kind.INPUT, "Add", "c:C", "x:L", "y:L", "cat:L"), rel(Kind.PERSIST, "Item", "c:C", "sku:L", "cat:L"),
              rel(Kind.DERIVED, "PerCat", "c:C", "cat:L", "n:L"), rel(Kind.OUTPUT, "Total", "cat:L", "n:L"),
              addr("AddrShop", "Shop")),
          List.of("Front", "Shop"),
          rules("Front", "r0: Item@s(c, sku, cat) :~ Add(c, x, y, cat), sku = x * 3 + y, AddrShop(s)",
              "Shop", "r1: PerCat(c, cat, count(sku)) :- Item(c, sku, cat)",
              "Shop", "r2: Total@c(cat, n) :~ PerCat(c, cat, n)"),
          List.of(new Partition("Shop", "Item.sku"))),
          script(items()), THREE_PARTITIONS);
      case "KEY_IN_SENT_GROUP_BY" -> new Witness(condition, program("WSentGroupBy",
          rels(rel(Kind.INPUT, "Add", "c:C", "x:L", "y:L", "cat:L"), rel(Kind.PERSIST, "Item", "c:C", "sku:L", "cat:L"),
              rel(Kind.DERIVED, "Tally", "c:C", "cat:L", "n:L"), rel(Kind.OUTPUT, "Total", "cat:L", "n:L"),
              addr("AddrShop", "Shop"), addr("AddrK", "K")),
          List.of("Front", "Shop", "K"),
          rules("Front", "r0: Item@s(c, sku, cat) :~ Add(c, x, y, cat), sku = x * 3 + y, AddrShop(s)",
              "Shop", "r1: Tally@k(c, cat, count(sku)) :~ Item(c, sku, cat), AddrK(k)",
              "K", "r2: Total@c(cat, n) :~ Tally(c, cat, n)"),
          List.of(new Partition("Shop", "Item.sku"))),
          script(items()), THREE_PARTITIONS);
      case "NO_INDEX" -> new Witness(condition, program("WIndex",
          rels(rel(Kind.INPUT, "Add", "c:C", "x:L", "y:L"), rel(Kind.PERSIST, "Item", "c:C", "sku:L"),
              rel(Kind.DERIVED, "Numbered", "slot:I", "c:C", "sku:L"), rel(Kind.OUTPUT, "Slot", "slot:I"), addr("AddrShop", "Shop")),
          List.of("Front", "Shop"),
          rules("Front", "r0: Item@s(c, sku) :~ Add(c, x, y), sku = x * 3 + y, AddrShop(s)",
              "Shop", "r1: Numbered(index(), c, sku) :- Item(c, sku)",
              "Shop", "r2: Slot@c(n) :~ Numbered(n, c, sku)"),
          List.of(new Partition("Shop", "Item.sku"))),
          script(sends("Add", 0, 6)), THREE_PARTITIONS);
      case "ROUTABLE_KEY" -> new Witness(condition, program("WRoutable",
          rels(rel(Kind.INPUT, "In", "c:C", "y:L"), rel(Kind.INPUT, "Ask", "c:C", "m:L"), rel(Kind.PERSIST, "Val", "m:L", "y:L"),
              rel(Kind.PERSIST, "P", "c:C", "m:L"), rel(Kind.OUTPUT, "Out", "m:L"), addr("AddrSink", "Sink")),
          List.of("Src", "Sink"),
          rules("Src", "r0: Val@s(max(x), y) :~ In(_, y), x = y + 1, AddrSink(s)", "Src", "r1: P@s(c, m) :~ Ask(c, m), AddrSink(s)",
              "Sink", "r2: Out@c(m) :~ Val(m, y), P(c, m)"),
          List.of(new Partition("Sink", "Val.m"))),
          script(sends("In", 0, 6), sends("Ask", 2, 6)), THREE_PARTITIONS);
      case "KEYED_RELATIONS" -> new Witness(condition, program("WKeyed",
          rels(rel(Kind.INPUT, "InR", "c:C", "x:L"), rel(Kind.INPUT, "InS", "c:C", "y:L"), rel(Kind.INPUT, "InT", "c:C", "id:L"),
              rel(Kind.PERSIST, "R", "c:C", "x:L"), rel(Kind.PERSIST, "S", "c:C", "y:L"), rel(Kind.PERSIST, "T", "c:C", "id:L"),
              rel(Kind.OUTPUT, "OutA", "x:L"), rel(Kind.OUTPUT, "OutT", "id:L"), rel(Kind.OUTPUT, "OutB", "x:L"),
              addr("AddrA", "A"), addr("AddrB", "B")),
          List.of("Front", "A", "B"),
          rules("Front", "r0: R@a(c, x) :~ InR(c, x), AddrA(a)", "Front", "r1: R@b(c, x) :~ InR(c, x), AddrB(b)",
              "Front", "r2: S@b(c, y) :~ InS(c, y), AddrB(b)", "Front", "r3: T@b(c, id) :~ InT(c, id), AddrB(b)",
              "A", "r4: OutA@c(x) :~ R(c, x)", "B", "r5: OutT@c(id) :~ T(c, id)", "B", "r6: OutB@c(x) :~ R(c, x), S(c, y)"),
          List.of(new Partition("A", "R.x"), new Partition("B", "T.id"))),
          script(sends("InR", 0, 6), sends("InS", 1, 1), sends("InT", 2, 3)), THREE_PARTITIONS);
      case "INSTANCE_SELF" -> new Witness(condition, program("WInstanceSelf",
          rels(rel(Kind.INPUT, "Req", "c:C", "id:L"), rel(Kind.DERIVED, "Task", "c:C", "id:L"), rel(Kind.OUTPUT, "Mine", "id:L"),
              addr("AddrW", "W")),
          List.of("Front", "W"),
          rules("Front", "r0: Task@w(c, id) :~ Req(c, id), AddrW(w)", "W", "r1: Mine@c(id) :~ Task(c, id), AddrW(w), w == self"),
          List.of(new Partition("W", "Task.id"))),
          script(sends("Req", 0, 6)), THREE_PARTITIONS);
      case "FOLLOWED_INSTANCES" -> new Witness(condition, program("WFollowed",
          rels(rel(Kind.INPUT, "Req", "c:C", "id:L"), rel(Kind.DERIVED, "Task", "c:C", "id:L"), rel(Kind.DERIVED, "Note", "c:C", "id:L"),
              rel(Kind.OUTPUT, "Done", "id:L", "w:I"), rel(Kind.OUTPUT, "Noted", "id:L"), addr("AddrWorker", "Worker"),
              rel(Kind.INDEX, "Me", "index:I")),
          List.of("Front", "Worker"),
          rules("Front", "r0: Task@w(c, id) :~ Req(c, id), AddrWorker(w)", "Front", "r1: Note@w(c, id) :~ Req(c, id), AddrWorker(w)",
              "Worker", "r2: Done@c(id, i) :~ Task(c, id), Me(i)", "Worker", "r3: Noted@c(id) :~ Note(c, id)"),
          List.of(new Decouple("Worker", List.of("r2"), "X1"))),
          script(sends("Req", 0, 2)), new Deployment(Map.of("Worker", 3), 1));
      case "NESTED_ROUTING" -> new Witness(condition, program("WNested",
          rels(rel(Kind.INPUT, "Req", "c:C", "id:L"), rel(Kind.OUTPUT, "Echo", "id:L"), rel(Kind.OUTPUT, "Square", "id:L", "sq:L")),
          List.of("Leader"),
          rules("Leader", "r0: Echo@c(id) :~ Req(c, id)", "Leader", "r1: Square@c(id, s) :~ Req(c, id), s = id * id"),
          List.of(new Decouple("Leader", List.of("r0"), "X1"), new Decouple("Leader", List.of("r1"), "X2"),
              new Partition("X1", "Req.id"), new Partition("X2", "Req.id"))),
          script(sends("Req", 0, 4)), THREE_PARTITIONS);
      default -> throw new IllegalArgumentException(condition);
    };
  }

  // ------------------------------------------------------------------ building blocks (shared with the motifs)

  static GeneratedProgram program(String name, List<Relation> relations, List<String> roles, List<Rule> rules, List<Hint> hints) {
    return new GeneratedProgram(name, relations, roles, rules, hints);
  }

  @SafeVarargs
  static <T> List<T> rels(T... xs) {
    return List.of(xs);
  }

  /** {@code rel(Kind.INPUT, "In", "c:C", "x:L")}: columns as name:type, C client, N node, L long, I int. */
  static Relation rel(Kind kind, String name, String... columns) {
    List<Column> cols = new ArrayList<>();
    for (String c : columns) {
      String[] nt = c.split(":");
      cols.add(new Column(nt[0], switch (nt[1]) {
        case "C" -> ColType.CLIENT;
        case "N" -> ColType.NODE;
        case "I" -> ColType.INT;
        default -> ColType.LONG;
      }));
    }
    return new Relation(name, kind, cols, null);
  }

  static Relation addr(String name, String role) {
    return new Relation(name, Kind.ADDRESSES, List.of(new Column("addr", ColType.NODE)), role);
  }

  /** Pairs of role and {@code "name: head op body"}. */
  static List<Rule> rules(String... roleAndText) {
    List<Rule> out = new ArrayList<>();
    for (int i = 0; i < roleAndText.length; i += 2) {
      out.add(rule(roleAndText[i], roleAndText[i + 1]));
    }
    return out;
  }

  static Rule rule(String role, String namedText) {
    int colon = namedText.indexOf(": ");
    String name = namedText.substring(0, colon).trim();
    String text = namedText.substring(colon + 2).trim();
    Op op = null;
    int at = -1;
    for (Op o : Op.values()) {
      int k = text.indexOf(" " + o.symbol + " ");
      if (k >= 0) {
        op = o;
        at = k;
      }
    }
    if (op == null) {
      throw new IllegalArgumentException("no operator in " + text);
    }
    String head = text.substring(0, at).trim();
    String body = text.substring(at + op.symbol.length() + 2).trim();
    int end = head.indexOf('@') >= 0 ? head.indexOf('@') : head.indexOf('(');
    return new Rule(role, name, head.substring(0, end), head, op, splitTop(body));
  }

  /** Splits at commas outside parentheses. */
  static List<String> splitTop(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      } else if (ch == ',' && depth == 0) {
        out.add(s.substring(start, i).trim());
        start = i + 1;
      }
    }
    out.add(s.substring(start).trim());
    return out;
  }

  static Send send(int client, long at, String relation, long... values) {
    List<Long> vs = new ArrayList<>();
    for (long v : values) {
      vs.add(v);
    }
    return new Send(client, at, relation, 0, vs);
  }

  /** {@code n} sends of {@code relation(c0, k)} for k = 0 .. n-1, 4 ms apart from {@code start} ({@code (c0, k / 3, k % 3)} for "Add"). */
  static List<Send> sends(String relation, long start, int n) {
    List<Send> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add(relation.equals("Add") ? send(0, start + 4L * k, relation, k / 3, k % 3) : send(0, start + 4L * k, relation, k));
    }
    return out;
  }

  /** Five items of category 1, skus 0 .. 4 (as x * 3 + y). */
  static List<Send> items() {
    List<Send> out = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      out.add(send(0, 3L * k, "Add", k / 3, k % 3, 1));
    }
    return out;
  }

  static InputScript script(Object... sends) {
    List<Send> all = new ArrayList<>();
    for (Object o : sends) {
      if (o instanceof Send s) {
        all.add(s);
      } else {
        for (Object x : (List<?>) o) {
          all.add((Send) x);
        }
      }
    }
    return new InputScript(1, all, List.of());
  }
}
