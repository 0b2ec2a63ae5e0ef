package dev.dedalus.processor.plan;

import dev.dedalus.processor.model.Relation;
import java.util.List;
import java.util.stream.Collectors;

/** A hash index on some columns of a relation, built because some join probes exactly those columns. */
public record IndexSpec(Relation relation, List<Integer> columns) {
  public IndexSpec {
    columns = List.copyOf(columns);
  }

  /** A stable Java-friendly name, e.g. {@code AllVotes_1_2}. */
  public String name() {
    return relation.name() + "_" + columns.stream().map(String::valueOf).collect(Collectors.joining("_"));
  }
}
