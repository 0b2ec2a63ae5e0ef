package dev.dedalus.protocols.paxos;

import dev.dedalus.Location;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference for replicas: what executing a chosen log one slot at a time, in slot order, answers,
 * as {@link Paxos}'s replicas did before they executed runs. Each client's latest applied request is
 * remembered with its result; a request with that id again is answered from it, an older one is
 * neither applied nor answered.
 */
final class OneSlotPerTick {
  /** A request's answer. */
  record Answer(Location client, long id, boolean ok, String value) {}

  private OneSlotPerTick() {}

  /** Per slot, from slot 0 to the first slot not in {@code log}, the answer it gives, if any. */
  static Map<Long, Answer> answers(Map<Long, PaxosScenario.Command> log) {
    Map<String, String> store = new HashMap<>();
    Map<Location, Answer> applied = new HashMap<>();
    Map<Long, Answer> answers = new TreeMap<>();
    for (long slot = 0; log.containsKey(slot); slot++) {
      PaxosScenario.Command c = log.get(slot);
      if (!List.of("put", "get", "cas").contains(c.op())) {
        continue; // a no-op
      }
      Answer last = applied.get(c.client());
      if (last != null && c.id() < last.id()) {
        continue; // stale
      }
      if (last != null && c.id() == last.id()) {
        answers.put(slot, last); // a retry
        continue;
      }
      String current = store.get(c.key());
      String seen = current == null ? "" : current;
      Answer answer = switch (c.op()) {
        case "put" -> {
          store.put(c.key(), c.value());
          yield new Answer(c.client(), c.id(), true, c.value());
        }
        case "get" -> new Answer(c.client(), c.id(), current != null, seen);
        default -> {
          boolean swaps = current == null ? c.expected().isEmpty() : current.equals(c.expected());
          if (swaps) {
            store.put(c.key(), c.value());
          }
          yield new Answer(c.client(), c.id(), swaps, seen);
        }
      };
      applied.put(c.client(), answer);
      answers.put(slot, answer);
    }
    return answers;
  }
}
