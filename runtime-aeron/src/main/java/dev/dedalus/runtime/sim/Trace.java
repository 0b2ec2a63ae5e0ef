package dev.dedalus.runtime.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The scheduler's decisions, one short line each ("@12 deliver n2 m5,m7"), for debugging a
 * failing seed and for checking that a seed replays exactly. Off, it records nothing.
 */
final class Trace {
  private final boolean enabled;
  private final List<String> lines = new ArrayList<>();

  Trace(boolean enabled) {
    this.enabled = enabled;
  }

  boolean enabled() {
    return enabled;
  }

  void add(long nowMillis, String decision) {
    if (enabled) {
      lines.add("@" + nowMillis + " " + decision);
    }
  }

  List<String> snapshot() {
    return List.copyOf(lines);
  }
}
