package dev.dedalus.processor.soundness;

import java.util.List;

/**
 * One generation profile per precondition the processor can be told to skip
 * ({@code -Adedalus.unsafeSkip=NAME}): the default knobs, biased towards the programs and hints
 * the precondition guards against, so that the teeth test finds a counterexample within a small
 * budget. Only probabilities change; the programs stay random.
 */
final class TeethProfiles {
  private TeethProfiles() {}

  /** Decoupling preconditions, partitioning preconditions, and code-generation safeguards. */
  static final List<String> CONDITIONS = List.of(
      "INDEPENDENCE", "SELF_IN_MOVED_RULE", "NOTHING_SHARED", "MONOTONIC_MOVED_RULES", "PERSISTED_FORWARDED_INPUTS",
      "PERSISTED_REDIRECTED_INPUTS", "ONE_RELATION_PER_BODY", "ONE_ATOM_PER_BODY",
      "CLIENT_INPUT_RECEIVER", "CO_PARTITIONED_ATOMS", "KEY_IN_GROUP_BY", "KEY_IN_SENT_GROUP_BY", "NO_INDEX",
      "ROUTABLE_KEY", "KEYED_RELATIONS",
      "INSTANCE_SELF", "FOLLOWED_INSTANCES", "NESTED_ROUTING");

  static GenerationProfile forCondition(String condition) {
    GenerationProfile.Builder b = GenerationProfile.DEFAULT.toBuilder(condition.toLowerCase(java.util.Locale.ROOT));
    switch (condition) {
      case "INDEPENDENCE" -> {
        decoupleOnly(b);
        b.anySubset = 0.7;
      }
      case "SELF_IN_MOVED_RULE" -> {
        decoupleOnly(b);
        b.selfColumn = 0.6;
      }
      case "NOTHING_SHARED" -> {
        decoupleOnly(b);
        b.shareRelation = 0.5;
        b.anySubset = 0.4;
      }
      case "MONOTONIC_MOVED_RULES" -> {
        decoupleOnly(b);
        b.negation = 0.5;
        b.localAggregate = 0.4;
        b.sentAggregate = 0.4;
        b.persistMessage = 0.6;
        b.carry = 0.6;
      }
      case "PERSISTED_FORWARDED_INPUTS", "ONE_RELATION_PER_BODY" -> {
        decoupleOnly(b);
        b.persistMessage = 0.05;
        b.carry = 0.1;
        b.anySubset = 0.4;
      }
      case "PERSISTED_REDIRECTED_INPUTS" -> {
        decoupleOnly(b);
        b.reply = 0.8;
        b.carry = 0.7;
      }
      case "ONE_ATOM_PER_BODY" -> {
        decoupleOnly(b);
        b.selfJoin = 0.6;
        b.carry = 0.1;
        b.persistMessage = 0.1;
      }
      case "CLIENT_INPUT_RECEIVER" -> {
        partitionOnly(b);
        b.partitionReceiver = 0.9;
      }
      case "CO_PARTITIONED_ATOMS" -> {
        partitionOnly(b);
        b.selfJoin = 0.3;
      }
      case "KEY_IN_GROUP_BY" -> {
        partitionOnly(b);
        b.localAggregate = 0.6;
        b.persistMessage = 0.5;
      }
      case "KEY_IN_SENT_GROUP_BY" -> {
        partitionOnly(b);
        b.sentAggregate = 0.6;
        b.index = 0.05;
      }
      case "NO_INDEX" -> {
        partitionOnly(b);
        b.localAggregate = 0.5;
        b.sentAggregate = 0.5;
        b.index = 0.8;
        b.persistMessage = 0.7;
      }
      case "ROUTABLE_KEY" -> {
        partitionOnly(b);
        b.sentAggregate = 0.7;
        b.index = 0.1;
        b.shareRelation = 0.3;
      }
      case "KEYED_RELATIONS" -> {
        partitionOnly(b);
        b.negation = 0.5;
      }
      case "INSTANCE_SELF" -> {
        partitionOnly(b);
        b.selfColumn = 0.6;
      }
      case "FOLLOWED_INSTANCES" -> {
        decoupleOnly(b);
        b.multiInstance = 1.0;
      }
      case "NESTED_ROUTING" -> {
        b.decouples = 1;
        b.partitions = 2;
        b.shareRelation = 0.6;
        b.partitionDecoupled = 0.5;
      }
      default -> throw new IllegalArgumentException("no profile for " + condition);
    }
    return b.build();
  }

  private static void decoupleOnly(GenerationProfile.Builder b) {
    b.decouples = 2;
    b.partitions = 0;
  }

  private static void partitionOnly(GenerationProfile.Builder b) {
    b.decouples = 0;
    b.partitions = 2;
  }
}
