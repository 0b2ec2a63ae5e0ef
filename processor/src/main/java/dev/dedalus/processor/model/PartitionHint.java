package dev.dedalus.processor.model;

import dev.dedalus.processor.diag.Site;
import java.util.List;

/** A {@code @Partition} hint as written: partition {@code role} on the seed {@code key}. */
public record PartitionHint(String role, List<String> key, Site site) {
  public PartitionHint {
    key = List.copyOf(key);
  }

  /** The seed as messages show it: {@code VoteReq.id}, or {@code (A.x, A.y)}. */
  public String seed() {
    return key.size() == 1 ? key.get(0) : "(" + String.join(", ", key) + ")";
  }
}
