package dev.dedalus.protocols.load;

import dev.dedalus.Location;
import dev.dedalus.runtime.Topology;

/**
 * How closed-loop clients drive one protocol: the deployment to run, the request to send, and how
 * to recognise its reply. Implemented once per protocol.
 */
public interface Workload {

  /** The protocol's name on the command line, e.g. {@code voting}. */
  String name();

  /** The plans this build can run, e.g. {@code base}. */
  java.util.List<String> plans();

  /** The deployment of {@code plan} with {@code partitions} partitions per partitioned role. */
  Topology topology(String plan, int partitions);

  /**
   * The deployment of one of {@code workload}'s plans: checks the plan's name and that only a plan
   * with partitioned roles gets more than one partition, then gives each partitioned role
   * {@code partitions} and lets {@code instances} set the role counts.
   *
   * @param compiled the compiled program of a plan name
   * @throws IllegalArgumentException naming the plans this build has, or the partitions allowed
   */
  static dev.dedalus.runtime.Topology deployment(Workload workload, String plan, int partitions,
      java.util.function.Function<String, dev.dedalus.runtime.DedalusProgram> compiled,
      java.util.function.Consumer<dev.dedalus.runtime.Topology.Builder> instances) {
    if (!workload.plans().contains(plan)) {
      throw new IllegalArgumentException(workload.name() + " has no plan '" + plan + "'; this build has: " + workload.plans());
    }
    dev.dedalus.runtime.DedalusProgram program = compiled.apply(plan);
    if (partitions != 1 && program.partitionedRoles().isEmpty()) {
      throw new IllegalArgumentException("the " + plan + " " + workload.name() + " plan is not partitioned: --partitions must be 1, not "
          + partitions);
    }
    dev.dedalus.runtime.Topology.Builder topology = dev.dedalus.runtime.Topology.builder(program);
    instances.accept(topology);
    for (String role : program.partitionedRoles()) {
      topology.partitions(role, partitions);
    }
    return topology.build();
  }

  /** The input fact of request {@code id} from {@code client}. */
  Object request(Location client, long id);

  /** The input type, to find the node that receives it. */
  Class<?> requestType();

  /**
   * The id of the request that {@code output} answers, or -1 if it is not a reply. A reply whose
   * content does not belong to its request (say, another request's payload) must throw
   * {@link IllegalStateException}: the load generator counts it as a wrong reply.
   */
  long answeredRequest(Object output);

  /**
   * The kinds of answer a request can get, for the report, e.g. {@code committed} and
   * {@code aborted}; one kind ({@code committed}) by default.
   */
  default java.util.List<String> outcomes() {
    return java.util.List.of("committed");
  }

  /** The index in {@link #outcomes()} of the answer {@code output} gives; only called on replies. */
  default int outcomeOf(Object output) {
    return 0;
  }

  /**
   * Whether a request goes to every node of the receiving role (replicated leaders: only the one
   * that leads acts on it) rather than to its first instance.
   */
  default boolean sendToEveryReceiver() {
    return false;
  }

  /**
   * How long a client waits for its answer before sending the request again (same id: the
   * protocol must not apply it twice); 0, the default, never resends.
   */
  default long resendAfterNanos() {
    return 0;
  }

  /**
   * The node that leads the protocol on {@code cluster} now, for {@code --fail-leader-after}; empty
   * (the default) for a protocol without a leader that can be replaced.
   */
  default java.util.Optional<dev.dedalus.Location> leader(dev.dedalus.runtime.aeron.LocalCluster cluster) {
    return java.util.Optional.empty();
  }

  /** How many replies complete one request (each answering it); 1 for most protocols. */
  default int repliesPerRequest() {
    return 1;
  }
}
