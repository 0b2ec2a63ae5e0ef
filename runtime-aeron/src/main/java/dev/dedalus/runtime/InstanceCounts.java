package dev.dedalus.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out how many instances each role of a deployment runs: the count given explicitly, else 1,
 * except that a role named in {@link DedalusProgram#instanceSources()} runs as many instances as
 * the role it follows, transitively. Rejects, with an {@link IllegalArgumentException} naming the
 * roles involved, a source map naming an unknown role or forming a cycle, and an explicit count of a
 * following role that disagrees with its source's.
 */
final class InstanceCounts {
  private InstanceCounts() {}

  /**
   * The instance count of every role of {@code program}, in role order.
   *
   * @param explicit the counts given with {@link Topology.Builder#instances}, each for a known role
   */
  static Map<String, Integer> resolve(DedalusProgram program, Map<String, Integer> explicit) {
    Map<String, String> sources = program.instanceSources();
    if (sources == null) {
      throw new IllegalArgumentException("program " + program.name() + ": instanceSources() returned null, not a map");
    }
    checkRolesKnown(program, sources);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String role : program.roles()) {
      String root = root(program, sources, role);
      counts.put(role, explicit.getOrDefault(root, 1));
    }
    // Check each following role against its direct source, so the message names the pair the user
    // can see in the program's hints; the source's count is already its root's.
    for (String role : program.roles()) {
      String source = sources.get(role);
      Integer given = explicit.get(role);
      if (source != null && given != null && given.intValue() != counts.get(source)) {
        throw new IllegalArgumentException("role " + role + " of " + program.name() + " follows the instance count of role "
            + source + " (it was decoupled from it, and instance i of each is paired), so it runs "
            + counts.get(source) + " instance(s) like " + source + ", not the " + given + " given; set the count of "
            + root(program, sources, role) + " instead");
      }
    }
    return counts;
  }

  private static void checkRolesKnown(DedalusProgram program, Map<String, String> sources) {
    List<String> roles = program.roles();
    // In a stable order, so the mistake reported first does not depend on the map's iteration order.
    List<Map.Entry<String, String>> entries = new ArrayList<>(sources.entrySet());
    entries.sort(Comparator.comparing(e -> String.valueOf(e.getKey())));
    for (Map.Entry<String, String> e : entries) {
      for (String role : Arrays.asList(e.getKey(), e.getValue())) {
        if (role == null || !roles.contains(role)) {
          throw new IllegalArgumentException("program " + program.name() + ": instanceSources() maps " + e.getKey()
              + " -> " + e.getValue() + ", but the program has no role '" + role + "'; roles: " + roles);
        }
      }
    }
  }

  /** The role at the end of {@code role}'s chain of sources: the one whose count it runs. */
  private static String root(DedalusProgram program, Map<String, String> sources, String role) {
    List<String> chain = new ArrayList<>();
    String at = role;
    while (sources.containsKey(at)) {
      chain.add(at);
      at = sources.get(at);
      if (chain.contains(at)) {
        chain.add(at);
        List<String> cycle = chain.subList(chain.indexOf(at), chain.size());
        throw new IllegalArgumentException("program " + program.name() + ": instanceSources() forms a cycle "
            + String.join(" -> ", cycle) + "; every chain of sources must end at a role that follows none");
      }
    }
    return at;
  }
}
