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
      // Decoupling: moved rules must reach what each precondition forbids.
      case "INDEPENDENCE" -> {
        decoupleOnly(b);
        b.upstreamSubset = 0.8;
        b.negation = 0.05;
        b.localAggregate = 0.05;
        b.selfColumn = 0.02;
        b.selfJoin = 0.05;
      }
      case "SELF_IN_MOVED_RULE" -> {
        decoupleOnly(b);
        b.selfColumn = 0.6;
      }
      case "NOTHING_SHARED" -> {
        decoupleOnly(b);
        b.shareRelation = 0.6;
        b.anySubset = 0.5;
        b.reply = 0.5;
      }
      case "MONOTONIC_MOVED_RULES" -> {
        // Negation or aggregation over persisted inputs that arrive late at the new node.
        decoupleOnly(b);
        b.negation = 0.5;
        b.localAggregate = 0.4;
        b.sentAggregate = 0.4;
        b.persistMessage = 0.6;
        b.carry = 0.6;
        b.persistCarry = 0.8;
      }
      case "PERSISTED_FORWARDED_INPUTS", "ONE_RELATION_PER_BODY" -> {
        // A moved join of two one-tick relations that meet at the original node, forwarded apart.
        decoupleOnly(b);
        b.persistMessage = 0.05;
        b.carry = 0.1;
        b.joins = 0.9;
        b.anySubset = 0.3;
      }
      case "PERSISTED_REDIRECTED_INPUTS" -> {
        // A persisted forwarded relation joined with a reply that is redirected and can overtake it.
        decoupleOnly(b);
        b.reply = 0.8;
        b.acceptReplies = 1.0;
        b.carry = 0.8;
        b.persistCarry = 0.9;
        b.joins = 0.8;
      }
      case "ONE_ATOM_PER_BODY" -> {
        // A moved self-join over facts that meet at the original node (one input joined with config).
        decoupleOnly(b);
        b.selfJoin = 0.7;
        b.configJoin = 0.7;
        b.carry = 0.1;
        b.persistMessage = 0.1;
      }
      // Partitioning: a partitioned role must reach what each precondition forbids.
      case "CLIENT_INPUT_RECEIVER" -> {
        partitionOnly(b);
        b.partitionReceiver = 0.95;
        b.inputAtFirstRole = 0.2;
        b.joins = 0.8;
        b.persistMessage = 0.6;
      }
      case "CO_PARTITIONED_ATOMS" -> {
        partitionOnly(b);
        b.joins = 0.9;
        b.persistMessage = 0.6;
      }
      case "KEY_IN_GROUP_BY" -> {
        partitionOnly(b);
        b.localAggregate = 0.7;
        b.persistMessage = 0.7;
      }
      case "KEY_IN_SENT_GROUP_BY" -> {
        // A partial aggregate per partition of persisted facts; the base aggregates them all.
        partitionOnly(b);
        b.sentAggregate = 0.7;
        b.index = 0.05;
        b.persistMessage = 0.8;
      }
      case "NO_INDEX" -> {
        partitionOnly(b);
        b.localAggregate = 0.5;
        b.sentAggregate = 0.6;
        b.index = 0.8;
        b.persistMessage = 0.8;
      }
      case "ROUTABLE_KEY" -> {
        // A key the sender fills with an aggregate, joined at the receiver with a routed relation.
        partitionOnly(b);
        b.sentAggregate = 0.7;
        b.index = 0.1;
        b.persistMessage = 0.8;
        b.joins = 0.8;
      }
      case "KEYED_RELATIONS" -> {
        partitionOnly(b);
        b.negation = 0.6;
        b.persistMessage = 0.6;
        b.joins = 0.7;
      }
      // Code-generation safeguards.
      case "INSTANCE_SELF" -> {
        partitionOnly(b);
        b.selfColumn = 0.6;
      }
      case "FOLLOWED_INSTANCES" -> {
        // Facts of different instances meet at a decoupled node only if it serves both.
        decoupleOnly(b);
        b.multiInstance = 1.0;
        b.joins = 0.8;
        b.selfJoin = 0.4;
        b.carry = 0.6;
        b.persistCarry = 0.9;
      }
      case "NESTED_ROUTING" -> {
        b.decouples = 1;
        b.partitions = 2;
        b.shareRelation = 0.8;
        b.partitionDecoupled = 0.3;
        b.minRules = 3;
        b.maxRules = 7;
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
