package dev.dedalus.processor.soundness;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A generated {@code @Dedalus} program as data: relations, roles, rules (head, operator and body
 * literals kept apart so the shrinker can drop single literals) and rewrite hints, rendered to one
 * Java source. Immutable: every edit returns a new program, so a shrinker can try candidates freely.
 */
record GeneratedProgram(String name, List<Relation> relations, List<String> roles, List<Rule> rules, List<Hint> hints) {
  static final String PACKAGE = "soundness";

  /** Column types. CLIENT and NODE are both {@code Location}: they differ only in where values come from. */
  enum ColType {
    CLIENT("Location"), NODE("Location"), LONG("long"), INT("int");

    final String java;

    ColType(String java) {
      this.java = java;
    }
  }

  /**
   * INDEX: {@code @Config(instanceIndex = true)}, the node's index among its role's instances (an
   * int). DURABLE_CARRIED: {@code @Durable(persist = false)}, on disk but carried only by its rules.
   */
  enum Kind {
    INPUT, PERSISTED_INPUT, DURABLE_INPUT, OUTPUT, DERIVED, PERSIST, DURABLE, DURABLE_CARRIED, ADDRESSES, COUNT, GIVEN, INDEX,
    TIMER
  }

  record Column(String name, ColType type) {}

  /** {@code target}: the role of an addressesOf/countOf config; null otherwise. */
  record Relation(String name, Kind kind, List<Column> columns, String target) {
    boolean isConfig() {
      return kind == Kind.ADDRESSES || kind == Kind.COUNT || kind == Kind.GIVEN || kind == Kind.INDEX;
    }

    boolean isStatic() {
      return isConfig() || kind == Kind.TIMER;
    }

    boolean isInput() {
      return kind == Kind.INPUT || kind == Kind.PERSISTED_INPUT || kind == Kind.DURABLE_INPUT;
    }

    boolean isPersisted() {
      return kind == Kind.PERSIST || kind == Kind.PERSISTED_INPUT || kind == Kind.DURABLE || kind == Kind.DURABLE_INPUT;
    }

    String declaration() {
      String annotation = switch (kind) {
        case INPUT -> "@Input ";
        case PERSISTED_INPUT -> "@Input @Persist ";
        case DURABLE_INPUT -> "@Input @Durable ";
        case OUTPUT -> "@Output ";
        case DERIVED -> "";
        case PERSIST -> "@Persist ";
        case DURABLE -> "@Durable ";
        case DURABLE_CARRIED -> "@Durable(persist = false) ";
        case ADDRESSES -> "@Config(addressesOf = \"" + target + "\") ";
        case COUNT -> "@Config(countOf = \"" + target + "\") ";
        case GIVEN -> "@Config ";
        case INDEX -> "@Config(instanceIndex = true) ";
        case TIMER -> "@Timer(periodMillis = " + InputScript.TIMER_PERIOD_MILLIS + ") ";
      };
      String cols = columns.stream().map(c -> c.type().java + " " + c.name()).collect(Collectors.joining(", "));
      return annotation + "record " + name + "(" + cols + ") {}";
    }
  }

  enum Op {
    DEDUCTIVE(":-"), INDUCTIVE(":+"), ASYNC(":~");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  /** One rule: {@code head op body}; {@code headRelation} is the relation the head derives or sends. */
  record Rule(String role, String name, String headRelation, String head, Op op, List<String> body) {
    String text() {
      return head + " " + op.symbol + " " + String.join(", ", body);
    }

    Set<String> mentioned() {
      Set<String> names = new LinkedHashSet<>();
      names.add(headRelation);
      for (String literal : body) {
        var m = ATOM.matcher(literal);
        while (m.find()) {
          names.add(m.group(1));
        }
      }
      return names;
    }

    /** Relations read by positive or negated atoms. */
    Set<String> reads() {
      Set<String> names = new LinkedHashSet<>();
      for (String literal : body) {
        var m = ATOM.matcher(literal);
        while (m.find()) {
          names.add(m.group(1));
        }
      }
      return names;
    }

    Rule withRole(String newRole) {
      return new Rule(newRole, name, headRelation, head, op, body);
    }

    Rule withBody(List<String> newBody) {
      return new Rule(role, name, headRelation, head, op, List.copyOf(newBody));
    }
  }

  /** Relation names start with an upper-case letter; functions (bucket, mix) with a lower-case one. */
  private static final Pattern ATOM = Pattern.compile("\\b([A-Z][A-Za-z0-9]*)\\(");

  sealed interface Hint permits Decouple, Partition {
    String annotation();
  }

  record Decouple(String role, List<String> rules, String into) implements Hint {
    @Override
    public String annotation() {
      return "@Decouple(role = \"" + role + "\", rules = {" + rules.stream().map(r -> "\"" + r + "\"")
          .collect(Collectors.joining(", ")) + "}, into = \"" + into + "\")";
    }
  }

  record Partition(String role, String key) implements Hint {
    @Override
    public String annotation() {
      return "@Partition(role = \"" + role + "\", key = \"" + key + "\")";
    }
  }

  GeneratedProgram {
    relations = List.copyOf(relations);
    roles = List.copyOf(roles);
    rules = List.copyOf(rules);
    hints = List.copyOf(hints);
  }

  String qualifiedName() {
    return PACKAGE + "." + name;
  }

  Relation relation(String relationName) {
    return relations.stream().filter(r -> r.name().equals(relationName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no relation " + relationName));
  }

  List<Rule> rulesOf(String role) {
    return rules.stream().filter(r -> r.role().equals(role)).toList();
  }

  GeneratedProgram withHints(List<Hint> newHints) {
    return new GeneratedProgram(name, relations, roles, rules, newHints);
  }

  GeneratedProgram withRules(List<Rule> newRules) {
    return new GeneratedProgram(name, relations, roles, newRules, hints).withoutUnusedRelations();
  }

  GeneratedProgram withRoles(List<String> newRoles) {
    return new GeneratedProgram(name, relations, newRoles, rules, hints);
  }

  GeneratedProgram renamed(String newName) {
    return new GeneratedProgram(newName, relations, roles, rules, hints);
  }

  /**
   * Drops relations no rule mentions (they only add noise to a shrunk program), and configs that
   * name a role that no longer exists. Inputs no rule reads go too: the checker requires a receiver.
   */
  GeneratedProgram withoutUnusedRelations() {
    Set<String> used = new LinkedHashSet<>();
    rules.forEach(r -> used.addAll(r.mentioned()));
    List<Relation> kept = new ArrayList<>();
    for (Relation r : relations) {
      boolean targetGone = r.target() != null && !roles.contains(r.target());
      if (used.contains(r.name()) && !targetGone) {
        kept.add(r);
      }
    }
    return new GeneratedProgram(name, kept, roles, rules, hints);
  }

  /** The Java source of the program: one top-level interface in package {@value #PACKAGE}. */
  String render() {
    StringBuilder s = new StringBuilder();
    s.append("package ").append(PACKAGE).append(";\n\n");
    s.append("import dev.dedalus.*;\n\n");
    for (Hint h : hints) {
      if (h instanceof Decouple) {
        s.append(h.annotation()).append('\n');
      }
    }
    for (Hint h : hints) {
      if (h instanceof Partition) {
        s.append(h.annotation()).append('\n');
      }
    }
    s.append("@Dedalus\npublic interface ").append(name).append(" {\n");
    for (Relation r : relations) {
      s.append("  ").append(r.declaration()).append('\n');
    }
    s.append('\n');
    s.append("  @Pure static long bucket(long x) { return Math.floorMod(x, 3); }\n");
    s.append("  @Pure static long mix(long x, long y) { return Math.floorMod(x * 7 + y, 5); }\n");
    for (String role : roles) {
      s.append("\n  @Role interface ").append(role).append(" {\n");
      for (Rule r : rulesOf(role)) {
        s.append("    @Rule(").append(javaString(r.text())).append(") void ").append(r.name()).append("();\n");
      }
      s.append("  }\n");
    }
    s.append("}\n");
    return s.toString();
  }

  static String javaString(String content) {
    return "\"" + content.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
