package dev.dedalus.protocols.semantics;

import dev.dedalus.Answered;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Persist;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/** Calls of two inputs answered by one output on an int id, calls on a String key, and a plain output. */
@Dedalus
public interface Registry {
  @Input @Answered(by = "Done", key = "id", resendAfterMillis = 200)
  record Put(Location client, int id, String key, String value) {}

  @Input @Answered(by = "Done", key = "id")
  record Get(Location client, int id, String key) {}

  @Input @Answered(by = "Registered", key = "name", resendAfterMillis = 1_000)
  record Register(Location client, String name) {}

  @Output record Done(int id, String value) {}
  @Output record Registered(String name) {}
  @Output record Changed(String key) {}

  @Persist record Entries(String key, String value) {}
  @Persist record Watchers(Location client) {}

  @Role
  interface Server {
    @Rule("Entries(k, v) :- Put(_, _, k, v)") void put();
    @Rule("Done@c(id, v) :~ Put(c, id, _, v)") void putDone();
    @Rule("Done@c(id, v) :~ Get(c, id, k), Entries(k, v)") void got();
    @Rule("Watchers(c) :- Register(c, _)") void watch();
    @Rule("Registered@c(n) :~ Register(c, n)") void registered();
    @Rule("Changed@c(k) :~ Put(_, _, k, _), Watchers(c)") void changed();
  }
}
