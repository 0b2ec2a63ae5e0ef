package dev.dedalus.processor.model;

import java.util.List;
import java.util.Map;

/**
 * How a plan partitions one role: by which values each relation it reads is distributed.
 *
 * @param role the partitioned role
 * @param seed the hint's seed, e.g. {@code VoteReq.id}
 * @param keys per relation, the key expressions over its attributes (in declaration order of
 *     relations), e.g. {@code AllVotes -> [id]} or {@code Word -> [hash(text)]}
 * @param analysis how the policy was found: co-hashing, or with functional dependencies
 */
public record PartitionPolicy(String role, String seed, Map<String, List<String>> keys, String analysis) {
  public PartitionPolicy {
    keys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keys));
  }
}
