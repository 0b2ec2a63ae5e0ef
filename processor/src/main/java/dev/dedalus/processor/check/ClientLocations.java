package dev.dedalus.processor.check;

import dev.dedalus.processor.diag.DiagnosticId;
import dev.dedalus.processor.diag.Reporter;
import dev.dedalus.processor.model.Expr;
import dev.dedalus.processor.model.HeadArg;
import dev.dedalus.processor.model.Literal;
import dev.dedalus.processor.model.Relation;
import dev.dedalus.processor.model.RelationKind;
import dev.dedalus.processor.model.Rule;
import dev.dedalus.processor.model.Type;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks that every {@code @Output} goes to a client. Locations are tracked by where they come
 * from: a Location attribute of an {@code @Input} holds a client's address (clients send their
 * own); {@code self} and {@code @Config} locations are nodes; a function may return anything.
 * Origins flow through rule heads to a fixpoint over the whole program, and the destination of an
 * output rule must be shown to come from clients only.
 */
final class ClientLocations {
  /** Where a location value may have come from. */
  enum Origin { CLIENT, NODE, FUNCTION }

  private final Reporter reporter;
  /** Origins of each Location attribute, keyed "Relation#column". */
  private final Map<String, Set<Origin>> attributeOrigins = new HashMap<>();

  ClientLocations(Reporter reporter) {
    this.reporter = reporter;
  }

  void check(List<Relation> relations, List<Rule> rules) {
    for (Relation r : relations) {
      for (int i = 0; i < r.arity(); i++) {
        if (r.attributes().get(i).type() == Type.LOCATION) {
          Set<Origin> initial = EnumSet.noneOf(Origin.class);
          if (r.is(RelationKind.INPUT)) {
            initial.add(Origin.CLIENT);
          } else if (r.is(RelationKind.CONFIG)) {
            initial.add(Origin.NODE);
          }
          attributeOrigins.put(key(r, i), initial);
        }
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Rule rule : rules) {
        Relation head = rule.head().relation();
        for (int i = 0; i < head.arity(); i++) {
          if (head.attributes().get(i).type() != Type.LOCATION) {
            continue;
          }
          HeadArg arg = rule.head().args().get(i);
          Expr e = arg instanceof HeadArg.Plain p ? p.expr() : ((HeadArg.Aggregated) arg).argument();
          if (e != null && attributeOrigins.get(key(head, i)).addAll(origins(e, rule))) {
            changed = true;
          }
        }
      }
    }
    for (Rule rule : rules) {
      if (rule.head().relation().is(RelationKind.OUTPUT) && rule.head().destination().isPresent()) {
        Expr dest = rule.head().destination().get();
        Set<Origin> origins = origins(dest, rule);
        if (!Set.of(Origin.CLIENT).containsAll(origins)) {
          Set<Origin> notClient = EnumSet.copyOf(origins);
          notClient.remove(Origin.CLIENT);
          reporter.error(DiagnosticId.DedalusOutputNotToClient, rule.site(),
              "rule '%s' sends @Output '%s' to '%s', which may be %s, not a client; outputs go only to locations "
                  + "that clients sent in an @Input",
              rule.name(), rule.head().relation().name(), dest,
              notClient.stream().map(ClientLocations::describe).collect(Collectors.joining(" or ")));
        }
      }
    }
  }

  private static String describe(Origin o) {
    return switch (o) {
      case NODE -> "a node's location (from self or a @Config relation)";
      case FUNCTION -> "any location (returned by a function)";
      case CLIENT -> "a client";
    };
  }

  /** Where the values of a location expression may come from; the visitor makes every kind of node an explicit case. */
  private Set<Origin> origins(Expr e, Rule rule) {
    return e.accept(new Expr.Visitor<Set<Origin>>() {
      @Override
      public Set<Origin> var(Expr.Var v) {
        return variableOrigins(v, rule);
      }

      @Override
      public Set<Origin> wildcard(Expr.Wildcard w) {
        return EnumSet.noneOf(Origin.class);
      }

      @Override
      public Set<Origin> constant(Expr.Const c) {
        return EnumSet.noneOf(Origin.class); // there are no location literals
      }

      @Override
      public Set<Origin> self(Expr.Self s) {
        return EnumSet.of(Origin.NODE);
      }

      @Override
      public Set<Origin> call(Expr.Call c) {
        return EnumSet.of(Origin.FUNCTION);
      }

      @Override
      public Set<Origin> binary(Expr.Binary b) {
        return EnumSet.noneOf(Origin.class); // arithmetic and comparisons never yield locations
      }

      @Override
      public Set<Origin> negate(Expr.Negate n) {
        return EnumSet.noneOf(Origin.class);
      }

      @Override
      public Set<Origin> forward(Expr.Forward f) {
        return origins(f.location(), rule); // maps node locations to node locations only
      }

      @Override
      public Set<Origin> partition(Expr.Partition p) {
        return origins(p.location(), rule);
      }

      @Override
      public Set<Origin> column(Expr.Column c) {
        throw new IllegalStateException("a partition key column inside rule '" + rule.name() + "'");
      }
    });
  }

  private Set<Origin> variableOrigins(Expr.Var v, Rule rule) {
    Set<Origin> result = EnumSet.noneOf(Origin.class);
    for (Literal literal : rule.body()) {
      if (literal instanceof Literal.AtomLiteral atom && !atom.negated()) {
        for (int i = 0; i < atom.args().size(); i++) {
          if (atom.args().get(i).equals(v)) {
            result.addAll(attributeOrigins.getOrDefault(key(atom.relation(), i), Set.of()));
          }
        }
      } else if (literal instanceof Literal.Assignment a && a.variable().name().equals(v.name())) {
        result.addAll(origins(a.value(), rule));
      }
    }
    return result;
  }

  private static String key(Relation r, int column) {
    return r.name() + "#" + column;
  }
}
