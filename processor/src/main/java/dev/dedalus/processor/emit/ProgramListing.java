package dev.dedalus.processor.emit;

import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.Role;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.RuleKind;
import dev.dedalus.processor.model.Stratum;

/**
 * The normalized listing of a program: its relations, then each role's rules one a line, deductive
 * rules by stratum and then the rules that take effect at a later tick. Comments and spacing are
 * normalized, so the listing is a stable golden output and a readable record of what was compiled.
 */
public final class ProgramListing {
  private ProgramListing() {}

  public static String render(Program program) {
    return render(program, "base", java.util.List.of());
  }

  /** The listing of one plan; a plan other than base names itself and lists the rewrites applied. */
  public static String render(Program program, String plan, java.util.List<String> decisions) {
    StringBuilder out = new StringBuilder();
    out.append("// Dedalus program ").append(program.qualifiedName());
    if (!plan.equals("base")) {
      out.append(", plan ").append(plan);
    }
    out.append(": normalized listing\n");
    for (String d : decisions) {
      out.append("// ").append(d).append('\n');
    }
    out.append("// [sN] deductive rule of stratum N; [next] inductive ':+'; [async] asynchronous ':~'\n\n");
    for (Relation r : program.relations()) {
      out.append(r.declaration()).append('\n');
    }
    for (var policy : program.partitions()) {
      out.append(".partition ").append(policy.role()).append(" on ").append(policy.seed()).append(" by ")
          .append(policy.analysis()).append(':');
      policy.keys().forEach((relation, key) -> out.append(' ').append(relation).append('(').append(String.join(", ", key)).append(')'));
      out.append('\n');
    }
    for (Role role : program.roles()) {
      out.append("\nrole ").append(role.name()).append('\n');
      for (Stratum s : role.strata()) {
        for (Rule rule : s.rules()) {
          line(out, "s" + s.index(), rule);
        }
      }
      role.rules().stream().filter(r -> r.kind() == RuleKind.INDUCTIVE).forEach(r -> line(out, "next", r));
      role.rules().stream().filter(r -> r.kind() == RuleKind.ASYNC).forEach(r -> line(out, "async", r));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String tag, Rule rule) {
    out.append("  [").append(tag).append("] ").append(rule.name()).append(": ").append(rule.text());
    if (!rule.notes().isEmpty()) {
      out.append("  // ").append(String.join("; ", rule.notes()));
    }
    out.append('\n');
  }
}
