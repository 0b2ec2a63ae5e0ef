package dev.dedalus.processor.rewrite;

import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.Head;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Program;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.Role;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.RuleKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mechanism the decoupling rewrites share (the paper's Redirection, TR A.1.1 and A.3):
 * the moved rules become a new role; asynchronous rules that sent a relation only the moved rules
 * read now send it through {@code forward(role, into, dest)}, which maps the original node to the
 * new one; and relations the new role needs from the original node are forwarded by a rule
 * {@code X@forward(role, into, self)(..) :~ X(..)} added to the role that stays. The new role
 * runs one instance per instance of the original, paired by index.
 */
final class Redirection {
  private Redirection() {}

  /**
   * @param persistInputs also persist, at the new node, each relation that reaches it over the
   *     network and that the original node persisted with a carry rule the new node lacks
   *     (monotonic decoupling); relations declared persisted persist on every node already
   * @param force also send back to the original node the relations its rules read that the moved
   *     rules derive: only a test switch does that, to show that unsafe rewrites get caught
   */
  static Program apply(Split split, String rewrite, boolean persistInputs, boolean force) {
    String from = split.role.name();
    String into = split.hint.into();
    List<Rule> stay = new ArrayList<>(split.stay);
    Set<String> names = new HashSet<>();
    split.role.rules().forEach(r -> names.add(r.name()));
    for (Relation x : split.forwarded.keySet()) {
      stay.add(forwardRule(x, from, into, uniqueName("forward" + x.name(), names), split, rewrite));
    }
    List<Rule> moved = new ArrayList<>();
    for (Rule r : split.move) {
      moved.add(r.movedTo(into, "moved from " + from + " by " + rewrite));
    }
    if (persistInputs) {
      Set<Relation> inputs = new java.util.LinkedHashSet<>(split.forwarded.keySet());
      inputs.addAll(split.redirected);
      for (Relation x : inputs) {
        Optional<Rule> carry = Persistence.carry(x, split.stay);
        if (!x.isPersisted() && carry.isPresent() && Persistence.carry(x, split.move).isEmpty()) {
          Rule c = carry.get();
          moved.add(new Rule(uniqueName("persist" + x.name(), names), into, c.kind(), c.head(), c.body(), c.site(),
              List.of("added by " + rewrite + ": persists " + x.name() + " at " + into + " as '" + c.name()
                  + "' does at " + from)));
        }
      }
    }
    if (force) {
      Set<String> movedNames = new HashSet<>();
      split.move.forEach(r -> movedNames.add(r.name()));
      for (Relation x : split.program.relations()) {
        if (!Split.isStatic(x) && Split.readerOf(split.stay, x).isPresent() && Split.deriverOf(split.move, x).isPresent()) {
          moved.add(forwardRule(x, into, from, uniqueName("back" + x.name(), movedNames), split, rewrite));
        }
      }
    }
    List<Role> roles = new ArrayList<>();
    for (Role role : split.program.roles()) {
      if (role.name().equals(from)) {
        roles.add(new Role(from, redirect(stay, split, rewrite), List.of(), role.site()));
        roles.add(new Role(into, redirect(moved, split, rewrite), List.of(), split.hint.site()));
      } else {
        roles.add(new Role(role.name(), redirect(role.rules(), split, rewrite), List.of(), role.site()));
      }
    }
    return split.program.withDecoupledRole(roles, into, from);
  }

  /** Relation names as messages show them: {@code A, B}. */
  static String names(java.util.Collection<Relation> relations) {
    return String.join(", ", relations.stream().map(Relation::name).toList());
  }

  /** {@code X@forward(from, into, self)(x0, x1, ..) :~ X(x0, x1, ..)}. */
  static Rule forwardRule(Relation x, String from, String into, String name, Split split, String rewrite) {
    return forwardRule(x, from, into, name, split.hint.site(), rewrite);
  }

  static Rule forwardRule(Relation x, String from, String into, String name, dev.dedalus.processor.diag.Site site,
      String rewrite) {
    List<Expr> vars = new ArrayList<>();
    List<HeadArg> args = new ArrayList<>();
    for (int i = 0; i < x.arity(); i++) {
      Expr.Var v = new Expr.Var("x" + i, x.attributes().get(i).type());
      vars.add(v);
      args.add(new HeadArg.Plain(v));
    }
    Head head = new Head(x, Optional.of(new Expr.Forward(from, into, new Expr.Self())), args);
    return new Rule(name, from, RuleKind.ASYNC, head, List.of(new Literal.AtomLiteral(x, vars, false)),
        site, List.of("added by " + rewrite + ": forwards " + x.name() + " to " + into));
  }

  /** Sends of redirected relations go to the new role's node instead of the original one. */
  private static List<Rule> redirect(List<Rule> rules, Split split, String rewrite) {
    List<Rule> out = new ArrayList<>();
    for (Rule r : rules) {
      boolean redirect = r.kind() == RuleKind.ASYNC && split.redirected.stream()
          .anyMatch(x -> x.name().equals(r.head().relation().name()));
      if (redirect) {
        Expr dest = new Expr.Forward(split.role.name(), split.hint.into(), r.head().destination().orElseThrow());
        out.add(r.withHead(new Head(r.head().relation(), Optional.of(dest), r.head().args()),
            "redirected to " + split.hint.into() + " by " + rewrite));
      } else {
        out.add(r);
      }
    }
    return out;
  }

  private static String uniqueName(String base, Set<String> taken) {
    String name = base;
    for (int i = 2; !taken.add(name); i++) {
      name = base + i;
    }
    return name;
  }
}
