package example;

import dev.dedalus.Answered;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Persist;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/**
 * A key-value store whose requests are answered on keys of every kind: int ids shared by two
 * inputs answered by one output, a String key, a Location key; and an input and an output that are
 * not calls at all.
 */
@Dedalus
public interface Answers {
  @Input @Answered(by = "Done", key = "id", resendAfterMillis = 200) record Put(Location client, int id, String key, String value) {}
  @Input @Answered(by = "Done", key = "id") record Get(Location client, int id, String key) {}
  @Input @Answered(by = "Registered", key = "name", resendAfterMillis = 1_000) record Register(Location client, String name) {}
  @Input @Answered(by = "Pong", key = "client") record Ping(Location client) {}
  @Input record Forget(String key) {}

  @Output record Done(int id, boolean found, String value) {}
  @Output record Registered(String name) {}
  @Output record Pong(Location client) {}
  @Output record Changed(String key) {}

  @Persist record Store(String key, String value) {}
  @Persist record Watchers(Location client) {}
  record HasKey(String key) {}

  @Role
  interface Server {
    @Rule("Store(k, v) :- Put(_, _, k, v)") void put();
    @Rule("HasKey(k) :- Store(k, _)") void hasKey();
    @Rule("Done@c(id, true, v) :~ Put(c, id, _, v)") void putDone();
    @Rule("Done@c(id, true, v) :~ Get(c, id, k), Store(k, v)") void found();
    @Rule("Done@c(id, false, \"\") :~ Get(c, id, k), !HasKey(k)") void missing();
    @Rule("Watchers(c) :- Register(c, _)") void watch();
    @Rule("Registered@c(n) :~ Register(c, n)") void registered();
    @Rule("Pong@c(c) :~ Ping(c)") void pong();
    @Rule("Changed@c(k) :~ Put(_, _, k, _), Watchers(c)") void changed();
    @Rule("Changed@c(k) :~ Forget(k), Watchers(c)") void forgotten();
  }
}
