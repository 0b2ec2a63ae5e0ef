package dev.dedalus.protocols.rewrites;

import dev.dedalus.Decouple;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Persist;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/**
 * Monotonic decoupling: answering lookups joins two persisted relations without negation or
 * aggregation, so it moves to an Answerer even though the store derives one of them: forwarded
 * facts arrive later, but persisted, so every answer still appears.
 */
@Decouple(role = "Store", rules = {"answer"}, into = "Answerer")
@Dedalus
public interface Lookups {
  @Input record Put(Location client, long key, String value) {}
  @Input @Persist record Lookup(Location client, long key) {}
  @Output record Known(long key, String value) {}

  @Persist record Stored(long key, String value) {}

  @Role
  interface Store {
    @Rule("Stored(k, v) :- Put(_, k, v)")
    void store();

    @Rule("Known@c(k, v) :~ Lookup(c, k), Stored(k, v)")
    void answer();
  }
}
