package dev.dedalus.processor.model;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A rule's head. {@code destination} is present exactly for asynchronous rules: the location the
 * fact is sent to.
 */
public record Head(Relation relation, Optional<Expr> destination, List<HeadArg> args) {
  public Head {
    args = List.copyOf(args);
  }

  public boolean hasAggregate() {
    return args.stream().anyMatch(a -> a instanceof HeadArg.Aggregated);
  }

  @Override
  public String toString() {
    return relation.name() + destination.map(d -> "@" + d).orElse("")
        + args.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
  }
}
