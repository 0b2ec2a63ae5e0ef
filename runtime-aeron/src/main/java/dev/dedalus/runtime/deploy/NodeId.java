package dev.dedalus.runtime.deploy;

import dev.dedalus.runtime.Topology;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of one node of a deployment as operators write it: {@code Role/instance}, or
 * {@code Role/instance.partition} for a partition of a partitioned role other than the first
 * ({@code Collector/0.2}). Partition 0 may be written either way; it prints without its suffix.
 *
 * @param role the role's name, as in the program
 * @param instance the instance of the role, from 0
 * @param partition the partition of that instance, from 0
 */
public record NodeId(String role, int instance, int partition) implements Comparable<NodeId> {
  private static final Pattern SYNTAX = Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*)/(\\d{1,9})(?:\\.(\\d{1,9}))?");

  /**
   * Checks the parts: a role name and non-negative numbers.
   *
   * @param role the role's name, not empty
   * @param instance the instance of the role, from 0
   * @param partition the partition of that instance, from 0
   * @throws NullPointerException if {@code role} is null
   * @throws IllegalArgumentException if {@code role} is empty or a number is negative
   */
  public NodeId {
    Objects.requireNonNull(role, "role");
    if (role.isEmpty() || instance < 0 || partition < 0) {
      throw new IllegalArgumentException("not a node id: role '" + role + "', instance " + instance + ", partition " + partition);
    }
  }

  /**
   * Parses {@code Role/instance} or {@code Role/instance.partition}, ignoring surrounding white
   * space.
   *
   * @param text the id as an operator writes it; null is rejected like any malformed text
   * @return the id
   * @throws IllegalArgumentException saying what the text should look like
   */
  public static NodeId parse(String text) {
    Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a node id: expected Role/instance or Role/instance.partition, "
          + "e.g. Leader/0 or Collector/1.2");
    }
    return new NodeId(m.group(1), Integer.parseInt(m.group(2)), m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
  }

  /**
   * {@return the id of a node of a topology}
   *
   * @param node a node of a topology
   */
  public static NodeId of(Topology.Node node) {
    return new NodeId(node.role(), node.instance(), node.partition());
  }

  /**
   * {@return whether {@code node} is the node this id names: same role, instance and partition}
   *
   * @param node a node of a topology
   */
  public boolean names(Topology.Node node) {
    return node.role().equals(role) && node.instance() == instance && node.partition() == partition;
  }

  @Override
  public int compareTo(NodeId o) {
    int c = role.compareTo(o.role);
    if (c == 0) {
      c = Integer.compare(instance, o.instance);
    }
    return c != 0 ? c : Integer.compare(partition, o.partition);
  }

  @Override
  public String toString() {
    return role + "/" + instance + (partition > 0 ? "." + partition : "");
  }
}
