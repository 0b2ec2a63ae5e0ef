package dev.dedalus.protocols.lin;

import java.util.ArrayList;
import java.util.List;

/** Builds key-value histories for tests, one operation per call: client, call time, return time, command, output. */
final class KvHistory {
  static final KvModel MODEL = new KvModel();

  private final List<Operation<KvInput, KvOutput>> ops = new ArrayList<>();

  KvHistory put(long client, long call, long ret, String key, String value) {
    return add(Operation.completed(client, call, ret, KvInput.put(key, value), KvOutput.ok()));
  }

  /** A get that read {@code read}, or found the key absent if {@code read} is null. */
  KvHistory get(long client, long call, long ret, String key, String read) {
    return add(Operation.completed(client, call, ret, KvInput.get(key), KvOutput.read(read)));
  }

  KvHistory cas(long client, long call, long ret, String key, String expected, String value, boolean swapped) {
    return add(Operation.completed(client, call, ret, KvInput.cas(key, expected, value), KvOutput.cas(swapped)));
  }

  /** A command called at {@code call} that never returned. */
  KvHistory pending(long client, long call, KvInput input) {
    return add(Operation.pending(client, call, input));
  }

  KvHistory add(Operation<KvInput, KvOutput> op) {
    ops.add(op);
    return this;
  }

  List<Operation<KvInput, KvOutput>> ops() {
    return List.copyOf(ops);
  }

  CheckResult<KvInput, KvOutput> check() {
    return Linearizability.check(MODEL, ops);
  }
}
