package dev.dedalus.runtime;

import java.util.List;
import java.util.Map;

/**
 * A program with the roles of decoupled voting (Leader, Broadcaster, Collector, Participant) plus
 * Tally, and whatever {@link #instanceSources()} a test gives it, as the processor would generate
 * for an optimized plan. Its stages do nothing: only the topology is under test.
 */
final class FollowingProgram implements DedalusProgram {
  private final Map<String, String> sources;
  private final List<String> partitioned;

  FollowingProgram(Map<String, String> sources) {
    this(sources, List.of());
  }

  FollowingProgram(Map<String, String> sources, List<String> partitioned) {
    this.sources = sources;
    this.partitioned = partitioned;
  }

  /** Broadcaster and Collector decoupled from Leader, Tally decoupled from Collector. */
  static FollowingProgram decoupledVoting() {
    return new FollowingProgram(Map.of("Broadcaster", "Leader", "Collector", "Leader", "Tally", "Collector"));
  }

  @Override
  public String name() {
    return "test.Following";
  }

  @Override
  public List<String> roles() {
    return List.of("Leader", "Broadcaster", "Collector", "Tally", "Participant");
  }

  @Override
  public Map<String, String> instanceSources() {
    return sources;
  }

  @Override
  public List<String> partitionedRoles() {
    return partitioned;
  }

  @Override
  public Stage newStage(String role, StageContext context) {
    return new Stage() {
      @Override
      public String role() {
        return role;
      }

      @Override
      public boolean accept(int relationId, Object fact) {
        return false;
      }

      @Override
      public boolean tick(long nowMillis, Outbound out) {
        return false;
      }

      @Override
      public boolean hasInput() {
        return false;
      }

      @Override
      public long nextTimerMillis() {
        return Long.MAX_VALUE;
      }
    };
  }

  @Override
  public List<RelationCodec<?>> codecs() {
    return List.of();
  }

  @Override
  public String inputRole(Class<?> inputType) {
    throw new IllegalArgumentException(inputType.getName() + " is not an input of " + name());
  }
}
