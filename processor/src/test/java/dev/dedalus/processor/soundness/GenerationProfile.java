package dev.dedalus.processor.soundness;

/**
 * The knobs of {@link ProgramGenerator} and {@link HintGenerator}: probabilities per rule or per
 * hint. {@link #DEFAULT} spreads programs over every construct; the teeth test biases one knob set
 * per skipped precondition so that a small budget of programs still reaches the shape that the
 * precondition guards, while everything else stays random.
 *
 * @param selfJoin chance a body repeats an atom (joined on some columns, differing on another)
 * @param negation chance a body gets a negated atom
 * @param localAggregate chance a local ({@code :-}) head aggregates
 * @param sentAggregate chance a {@code :~} head (message or output) aggregates
 * @param index chance an aggregate is {@code index()}
 * @param selfColumn chance a sent head carries {@code self}
 * @param reply chance a message goes back to an earlier role (a reply) rather than downstream
 * @param persistMessage chance a new message relation is {@code @Persist}
 * @param carry chance a new local relation is carried ({@code @Persist}, {@code :+} identity or until)
 * @param shareRelation chance a message reuses a relation another role already derives or receives
 * @param decouples how many {@code @Decouple} hints, at most
 * @param partitions how many {@code @Partition} hints, at most
 * @param partitionDecoupled chance a partition hint names a role a decoupling created
 * @param multiInstance chance a deployment runs two instances of a role
 */
record GenerationProfile(
    String name,
    int minRoles,
    int maxRoles,
    int minRules,
    int maxRules,
    double selfJoin,
    double negation,
    double localAggregate,
    double sentAggregate,
    double index,
    double selfColumn,
    double reply,
    double persistMessage,
    double carry,
    double shareRelation,
    int decouples,
    int partitions,
    double partitionDecoupled,
    double multiInstance) {

  static final GenerationProfile DEFAULT = new GenerationProfile("default", 2, 3, 4, 10,
      0.12, 0.2, 0.12, 0.12, 0.15, 0.08, 0.25, 0.25, 0.35, 0.15, 2, 2, 0.35, 0.5);

  GenerationProfile named(String newName) {
    return new GenerationProfile(newName, minRoles, maxRoles, minRules, maxRules, selfJoin, negation, localAggregate,
        sentAggregate, index, selfColumn, reply, persistMessage, carry, shareRelation, decouples, partitions,
        partitionDecoupled, multiInstance);
  }

  GenerationProfile withRules(int min, int max) {
    return new GenerationProfile(name, minRoles, maxRoles, min, max, selfJoin, negation, localAggregate, sentAggregate,
        index, selfColumn, reply, persistMessage, carry, shareRelation, decouples, partitions, partitionDecoupled,
        multiInstance);
  }

  GenerationProfile withHints(int maxDecouples, int maxPartitions, double partitionDecoupledChance) {
    return new GenerationProfile(name, minRoles, maxRoles, minRules, maxRules, selfJoin, negation, localAggregate,
        sentAggregate, index, selfColumn, reply, persistMessage, carry, shareRelation, maxDecouples, maxPartitions,
        partitionDecoupledChance, multiInstance);
  }

  GenerationProfile withShapes(double newSelfJoin, double newNegation, double newLocalAggregate, double newSentAggregate,
      double newIndex, double newSelfColumn) {
    return new GenerationProfile(name, minRoles, maxRoles, minRules, maxRules, newSelfJoin, newNegation,
        newLocalAggregate, newSentAggregate, newIndex, newSelfColumn, reply, persistMessage, carry, shareRelation,
        decouples, partitions, partitionDecoupled, multiInstance);
  }

  GenerationProfile withFlows(double newReply, double newPersistMessage, double newCarry, double newShare,
      double newMultiInstance) {
    return new GenerationProfile(name, minRoles, maxRoles, minRules, maxRules, selfJoin, negation, localAggregate,
        sentAggregate, index, selfColumn, newReply, newPersistMessage, newCarry, newShare, decouples, partitions,
        partitionDecoupled, newMultiInstance);
  }
}
