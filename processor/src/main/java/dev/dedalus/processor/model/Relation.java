package dev.dedalus.processor.model;

import dev.dedalus.processor.diag.Site;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A relation: a record nested in the program. Relations without a kind are derived.
 *
 * @param name the record's simple name, the relation's name in rules
 * @param javaName the record's canonical Java name, for generated code
 * @param attributes the record components, in order
 * @param kinds the relation's kinds; empty for derived relations
 * @param timerPeriodMillis the period of a {@link RelationKind#TIMER}, else 0
 * @param inputRole the role named by {@code @Input(role = ..)}, if any
 * @param configSource where a {@code @Config} relation's facts come from; null for other relations
 * @param answer for an {@code @Input} marked {@code @Answered}, the output that answers it
 * @param site where the record is declared
 */
public record Relation(
    String name,
    String javaName,
    List<Attribute> attributes,
    Set<RelationKind> kinds,
    long timerPeriodMillis,
    Optional<String> inputRole,
    ConfigSource configSource,
    Optional<Answer> answer,
    Site site) {

  public Relation {
    attributes = List.copyOf(attributes);
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
  }

  public int arity() {
    return attributes.size();
  }

  public boolean is(RelationKind kind) {
    return kinds.contains(kind);
  }

  /**
   * Whether every fact is carried to the next tick: {@code @Persist}, or {@code @Durable} (which
   * adds {@link RelationKind#PERSIST} unless it says {@code persist = false}).
   */
  public boolean isPersisted() {
    return is(RelationKind.PERSIST);
  }

  /** Whether no rule may derive the relation: inputs, config and timers. */
  public boolean isExternal() {
    return is(RelationKind.INPUT) || is(RelationKind.CONFIG) || is(RelationKind.TIMER);
  }

  /** The declaration as the program listing shows it, e.g. {@code .input ClientIn(client: Location, id: long)}. */
  public String declaration() {
    String kindWords = String.join(" ", kindWords());
    String attrs = attributes.stream().map(Attribute::toString).collect(Collectors.joining(", "));
    StringBuilder s = new StringBuilder(kindWords.isEmpty() ? ".derived" : kindWords);
    s.append(' ').append(name).append('(').append(attrs).append(')');
    if (is(RelationKind.TIMER)) {
      s.append(" every ").append(timerPeriodMillis).append(" ms");
    }
    inputRole.ifPresent(r -> s.append(" to ").append(r));
    if (configSource != null && configSource.kind() != ConfigSource.Kind.GIVEN) {
      s.append(" = ").append(configSource);
    }
    return s.toString();
  }

  /**
   * The relation's kinds as listings show them, e.g. {@code [.input, .durable]}: {@code @Durable}
   * implies {@code .persist}, which is shown only where it does not.
   */
  public List<String> kindWords() {
    return kinds.stream().sorted().map(this::kindWord).filter(w -> !w.isEmpty()).toList();
  }

  private String kindWord(RelationKind k) {
    if (k == RelationKind.PERSIST && is(RelationKind.DURABLE)) {
      return "";
    }
    if (k == RelationKind.DURABLE && !is(RelationKind.PERSIST)) {
      return ".durable(persist = false)";
    }
    return "." + k.name().toLowerCase();
  }
}
