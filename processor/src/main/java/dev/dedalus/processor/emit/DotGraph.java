package dev.dedalus.processor.emit;

import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RelationKind;
import dev.dedalus.processor.model.Role;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.RuleKind;
import java.util.List;

/**
 * A Graphviz DOT graph of a program: relations are ellipses, rules are boxes coloured by role, and
 * edges run from the relations a rule reads to the rule and from the rule to its head. Negated
 * reads are dashed and red; next-tick and asynchronous heads are labelled.
 */
public final class DotGraph {
  /** Fill colours per role, in role order; repeats after the last. */
  private static final List<String> PALETTE = List.of(
      "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5");

  private DotGraph() {}

  public static String render(Program program) {
    return render(program, "base", List.of());
  }

  /** The graph of one plan; the rewrites applied are listed as comments. */
  public static String render(Program program, String plan, List<String> decisions) {
    StringBuilder out = new StringBuilder();
    out.append("digraph \"").append(program.qualifiedName()).append(plan.equals("base") ? "" : " (" + plan + ")").append("\" {\n");
    for (String d : decisions) {
      out.append("  // ").append(d).append('\n');
    }
    out.append("  rankdir=LR;\n");
    out.append("  node [fontname=\"Helvetica\", fontsize=11];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=9];\n\n");
    for (Relation r : program.relations()) {
      out.append("  \"").append(r.name()).append("\" [shape=").append(shape(r))
          .append(", label=\"").append(r.name()).append(kindLabel(r)).append("\"];\n");
    }
    for (int i = 0; i < program.roles().size(); i++) {
      Role role = program.roles().get(i);
      String colour = PALETTE.get(i % PALETTE.size());
      out.append("\n  subgraph \"cluster_").append(role.name()).append("\" {\n");
      out.append("    label=\"").append(role.name()).append("\";\n");
      out.append("    style=rounded;\n");
      for (Rule rule : role.rules()) {
        out.append("    \"").append(ruleNode(rule)).append("\" [shape=box, style=filled, fillcolor=\"")
            .append(colour).append("\", label=\"").append(rule.name()).append("\\n").append(rule.kind().symbol());
        for (String note : rule.notes()) {
          out.append("\\n(").append(note).append(')');
        }
        out.append('"');
        if (!rule.notes().isEmpty()) {
          out.append(", penwidth=2");
        }
        out.append("];\n");
      }
      out.append("  }\n");
    }
    out.append('\n');
    for (Role role : program.roles()) {
      for (Rule rule : role.rules()) {
        for (Literal.AtomLiteral atom : rule.atoms().toList()) {
          out.append("  \"").append(atom.relation().name()).append("\" -> \"").append(ruleNode(rule)).append('"');
          if (atom.negated()) {
            out.append(" [style=dashed, color=red, label=\"not\"]");
          }
          out.append(";\n");
        }
        out.append("  \"").append(ruleNode(rule)).append("\" -> \"").append(rule.head().relation().name()).append('"');
        if (rule.kind() == RuleKind.INDUCTIVE) {
          out.append(" [label=\"next\"]");
        } else if (rule.kind() == RuleKind.ASYNC) {
          out.append(" [style=bold, label=\"@").append(rule.head().destination().orElseThrow()).append("\"]");
        }
        out.append(";\n");
      }
    }
    out.append("}\n");
    return out.toString();
  }

  private static String ruleNode(Rule rule) {
    return rule.role() + "." + rule.name();
  }

  private static String shape(Relation r) {
    if (r.is(RelationKind.INPUT) || r.is(RelationKind.OUTPUT)) {
      return "invhouse";
    }
    return r.isPersisted() ? "doublecircle" : "ellipse";
  }

  private static String kindLabel(Relation r) {
    StringBuilder s = new StringBuilder();
    r.kindWords().forEach(w -> s.append("\\n").append(w));
    return s.toString();
  }
}
