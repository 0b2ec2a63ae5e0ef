package dev.dedalus.protocols.lin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random key-value histories that are linearizable by construction. A sequential store
 * executes the commands one by one at increasing atomic points; each operation gets a real-time
 * interval around its point, so the order of the points is a linearization. Each client waits for
 * a reply before its next call; a client whose operation stays pending is replaced by a new one.
 *
 * @param ops operations to generate
 * @param keys distinct keys ({@code k0}, {@code k1}, ...)
 * @param clients clients calling at once
 * @param maxGap most time between two atomic points (at least 1)
 * @param maxSpan most time from a call to its atomic point, and from the point to the return
 * @param pendingRate chance that an operation never returns; half of those take effect
 */
record RandomKvHistories(int ops, int keys, int clients, int maxGap, int maxSpan, double pendingRate) {

  List<Operation<KvInput, KvOutput>> generate(SplittableRandom random) {
    Map<String, String> store = new HashMap<>();
    Map<String, List<String>> written = new HashMap<>();
    long[] freeAt = new long[clients];  // when each client's last operation returned
    long[] clientId = new long[clients];
    for (int c = 0; c < clients; c++) {
      freeAt[c] = -1;
      clientId[c] = c;
    }
    long nextClient = clients;
    List<Operation<KvInput, KvOutput>> history = new ArrayList<>();
    long point = 0;
    for (int j = 0; j < ops; j++) {
      point += 1 + random.nextInt(maxGap);
      int c = random.nextInt(clients);
      if (freeAt[c] >= point) {
        c = 0;  // the client free the soonest takes it, at a point after its return
        for (int d = 1; d < clients; d++) {
          c = freeAt[d] < freeAt[c] ? d : c;
        }
        point = Math.max(point, freeAt[c] + 1);
      }
      String key = "k" + random.nextInt(keys);
      KvInput input = command(random, key, "v" + j, written.getOrDefault(key, List.of()), store.get(key));
      long call = Math.max(freeAt[c] + 1, point - random.nextInt(maxSpan + 1));
      double fate = random.nextDouble();
      if (fate < pendingRate / 2) {           // pending, never took effect
        history.add(Operation.pending(clientId[c], call, input));
        clientId[c] = nextClient++;
        freeAt[c] = point;
        continue;
      }
      KvOutput output = apply(store, input);
      if (!output.equals(KvOutput.cas(false)) && input.op() != KvInput.Op.GET) {
        written.computeIfAbsent(key, k -> new ArrayList<>()).add(input.value());
      }
      if (fate < pendingRate) {               // pending, took effect at its point
        history.add(Operation.pending(clientId[c], call, input));
        clientId[c] = nextClient++;
        freeAt[c] = point;
      } else {
        long ret = point + random.nextInt(maxSpan + 1);
        history.add(Operation.completed(clientId[c], call, ret, input, output));
        freeAt[c] = ret;
      }
    }
    return history;
  }

  /** A put, get or cas; a cas expects the current value half the time, else an older one or absence. */
  private static KvInput command(SplittableRandom random, String key, String fresh, List<String> written, String current) {
    int pick = random.nextInt(100);
    if (pick < 40) {
      return KvInput.put(key, fresh);
    }
    if (pick < 75) {
      return KvInput.get(key);
    }
    String expected = random.nextBoolean() || written.isEmpty()
        ? current
        : random.nextInt(4) == 0 ? null : written.get(random.nextInt(written.size()));
    return KvInput.cas(key, expected, fresh);
  }

  private static KvOutput apply(Map<String, String> store, KvInput input) {
    Model.Step<Map<String, String>, KvOutput> step = KvHistory.MODEL.step(Map.copyOf(store), input);
    store.clear();
    store.putAll(step.next());
    return step.output();
  }
}
