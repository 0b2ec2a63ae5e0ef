package dev.dedalus.protocols.semantics;

import dev.dedalus.Config;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Persist;
import dev.dedalus.Role;
import dev.dedalus.Rule;
import dev.dedalus.Timer;

/** Aggregates, index(), byte arrays, division, timers, negation and persistence in one role. */
@Dedalus
public interface Shop {
  @Input record Sale(Location client, String item, long qty, double price) {}
  @Input record Blob(Location client, byte[] data) {}
  @Input record Div(Location client, long a, long b) {}
  @Input record Watch(Location client) {}
  @Config record Catalog(String item) {}
  @Timer(periodMillis = 100) record Tick(long nowMillis) {}

  @Output record ItemStats(String item, long distinctQuantities, long totalQty, double cheapest, double dearest, long anyQty) {}
  @Output record Numbered(int index, String item) {}
  @Output record BlobCount(long n) {}
  @Output record Quotient(long q) {}
  @Output record Fired(long nowMillis) {}
  @Output record Unsold(String item) {}

  @Output record Totals(String item, long distinctQuantities, long totalQty, long largest) {}
  @Output record Top(long largest) {}

  @Persist record Watchers(Location client) {}
  @Persist record Ledger(String item, long qty) {}
  record Biggest(long qty) {}
  @Persist record Sold(String item) {}

  @Role
  interface Counter {
    @Rule("Watchers(c) :- Watch(c)")
    void watch();

    @Rule("Sold(item) :- Sale(_, item, _, _)")
    void sold();

    @Rule("ItemStats@c(item, count(q), sum(q), min(p), max(p), choose(q)) :~ Sale(c, item, q, p)")
    void stats();

    @Rule("Numbered@c(index(), item) :~ Sale(c, item, _, _)")
    void number();

    @Rule("BlobCount@c(count(d)) :~ Blob(c, d)")
    void blobs();

    @Rule("Quotient@c(a / b) :~ Div(c, a, b)")
    void divide();

    @Rule("Fired@c(now) :~ Tick(now), Watchers(c)")
    void fired();

    @Rule("Unsold@c(item) :~ Catalog(item), Watchers(c), !Sold(item)")
    void unsold();

    @Rule("Ledger(item, q) :- Sale(_, item, q, _)")
    void ledger();

    /** Aggregates over persisted relations only: incremental, and only changed groups are sent. */
    @Rule("Totals@c(item, count(q), sum(q), max(q)) :~ Ledger(item, q), Watchers(c)")
    void totals();

    @Rule("Biggest(max(q)) :- Ledger(_, q)")
    void biggest();

    @Rule("Top@c(m) :~ Biggest(m), Watchers(c)")
    void top();
  }
}
