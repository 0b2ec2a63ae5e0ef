package dev.dedalus.processor.soundness;

/**
 * The knobs of {@link ProgramGenerator} and {@link HintGenerator}: probabilities per rule, per
 * body or per hint. {@link #DEFAULT} spreads programs over every construct; the teeth test biases
 * some knobs per skipped precondition so that a small budget of programs still reaches the shape
 * that the precondition guards, while everything else stays random.
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
 * @param anySubset chance a decoupling moves an arbitrary rule subset rather than a plausible one
 * @param partitionReceiver chance a role that receives client inputs may be partitioned anyway
 * @param multiInstance chance a deployment runs two instances of a role
 * @param joins chance a body joins one more atom
 * @param configJoin chance a body joins the given configuration relation
 * @param acceptReplies chance a role accepts replies (messages from itself or later roles)
 * @param persistCarry chance a carried local relation is {@code @Persist} rather than carried by a {@code :+} rule
 * @param inputAtFirstRole chance a client input goes to the first role rather than any role
 * @param upstreamSubset chance a decoupling moves one rule whose head a staying rule reads
 * @param motif chance a {@link Motifs motif} is spliced into the program
 * @param motifKinds the motifs to choose from (condition names)
 * @param motifHint chance the hints aim at a spliced motif (else they are random, as without one)
 * @param maxInstances instances of a role a multi-instance deployment runs, at most (at least 2)
 * @param argumentExpression chance a body atom's long argument that would repeat a variable is
 *     {@code x + 1} instead ({@code Window(t + 1, _)}); 0 by default, which leaves every seed's
 *     program as it was
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
    double anySubset,
    double partitionReceiver,
    double multiInstance,
    double joins,
    double configJoin,
    double acceptReplies,
    double persistCarry,
    double inputAtFirstRole,
    double upstreamSubset,
    double motif,
    java.util.List<String> motifKinds,
    double motifHint,
    int maxInstances,
    double argumentExpression) {

  static final GenerationProfile DEFAULT = new Builder("default").build();

  Builder toBuilder(String newName) {
    Builder b = new Builder(newName);
    b.minRoles = minRoles;
    b.maxRoles = maxRoles;
    b.minRules = minRules;
    b.maxRules = maxRules;
    b.selfJoin = selfJoin;
    b.negation = negation;
    b.localAggregate = localAggregate;
    b.sentAggregate = sentAggregate;
    b.index = index;
    b.selfColumn = selfColumn;
    b.reply = reply;
    b.persistMessage = persistMessage;
    b.carry = carry;
    b.shareRelation = shareRelation;
    b.decouples = decouples;
    b.partitions = partitions;
    b.partitionDecoupled = partitionDecoupled;
    b.anySubset = anySubset;
    b.partitionReceiver = partitionReceiver;
    b.multiInstance = multiInstance;
    b.joins = joins;
    b.configJoin = configJoin;
    b.acceptReplies = acceptReplies;
    b.persistCarry = persistCarry;
    b.inputAtFirstRole = inputAtFirstRole;
    b.upstreamSubset = upstreamSubset;
    b.motif = motif;
    b.motifKinds = motifKinds;
    b.motifHint = motifHint;
    b.maxInstances = maxInstances;
    b.argumentExpression = argumentExpression;
    return b;
  }

  /** Mutable knobs, defaults first; fields are set directly by the few places that bias them. */
  static final class Builder {
    final String name;
    int minRoles = 2;
    int maxRoles = 3;
    int minRules = 4;
    int maxRules = 10;
    double selfJoin = 0.15;
    double negation = 0.2;
    double localAggregate = 0.12;
    double sentAggregate = 0.15;
    double index = 0.15;
    double selfColumn = 0.12;
    double reply = 0.25;
    double persistMessage = 0.25;
    double carry = 0.35;
    double shareRelation = 0.15;
    int decouples = 2;
    int partitions = 2;
    double partitionDecoupled = 0.35;
    double anySubset = 0.15;
    double partitionReceiver = 0.05;
    double multiInstance = 0.5;
    double joins = 0.45;
    double configJoin = 0.25;
    double acceptReplies = 0.5;
    double persistCarry = 0.4;
    double inputAtFirstRole = 0.75;
    double upstreamSubset = 0.0;
    double motif = 0.08;
    java.util.List<String> motifKinds = TeethProfiles.CONDITIONS;
    double motifHint = 0.6;
    int maxInstances = 2;
    double argumentExpression = 0.0;

    Builder(String name) {
      this.name = name;
    }

    GenerationProfile build() {
      return new GenerationProfile(name, minRoles, maxRoles, minRules, maxRules, selfJoin, negation, localAggregate,
          sentAggregate, index, selfColumn, reply, persistMessage, carry, shareRelation, decouples, partitions,
          partitionDecoupled, anySubset, partitionReceiver, multiInstance, joins, configJoin, acceptReplies,
          persistCarry, inputAtFirstRole, upstreamSubset, motif, java.util.List.copyOf(motifKinds), motifHint, maxInstances,
          argumentExpression);
    }
  }
}
