package dev.dedalus.protocols.lin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A linearizable key-value store with put, get and cas ({@link KvInput}, {@link KvOutput}). The
 * state is an immutable map of the present keys; histories are partitioned by key, so each search
 * runs over one register and its state holds at most one entry.
 */
public final class KvModel implements Model<Map<String, String>, KvInput, KvOutput> {

  @Override
  public Map<String, String> init() {
    return Map.of();
  }

  @Override
  public Step<Map<String, String>, KvOutput> step(Map<String, String> state, KvInput in) {
    String current = state.get(in.key());
    return switch (in.op()) {
      case PUT -> new Step<>(with(state, in.key(), in.value()), KvOutput.ok());
      case GET -> new Step<>(state, KvOutput.read(current));
      case CAS -> Objects.equals(current, in.expected())
          ? new Step<>(with(state, in.key(), in.value()), KvOutput.cas(true))
          : new Step<>(state, KvOutput.cas(false));
    };
  }

  /** One sub-history per key, in key order. */
  @Override
  public Map<String, List<Operation<KvInput, KvOutput>>> partition(List<Operation<KvInput, KvOutput>> history) {
    Map<String, List<Operation<KvInput, KvOutput>>> byKey = new TreeMap<>();
    for (Operation<KvInput, KvOutput> op : history) {
      byKey.computeIfAbsent(op.input().key(), k -> new ArrayList<>()).add(op);
    }
    return byKey;
  }

  private static Map<String, String> with(Map<String, String> state, String key, String value) {
    if (state.isEmpty() || state.size() == 1 && state.containsKey(key)) {
      return Map.of(key, value); // the common case: a partition of one key
    }
    Map<String, String> next = new HashMap<>(state);
    next.put(key, value);
    return Map.copyOf(next);
  }
}
