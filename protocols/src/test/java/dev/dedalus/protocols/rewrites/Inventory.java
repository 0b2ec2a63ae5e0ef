package dev.dedalus.protocols.rewrites;

import dev.dedalus.Config;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Partition;
import dev.dedalus.Persist;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/** Partitioning by co-hashing: stock and queries join on the item, the key. */
@Partition(role = "Store", key = "Stock.item")
@Dedalus
public interface Inventory {
  @Input record AddIn(Location client, String item, long qty) {}
  @Input record QueryIn(Location client, String item) {}
  @Output record InStock(String item, long qty) {}
  @Config(addressesOf = "Store") record Stores(Location addr) {}

  record Add(String item, long qty) {}
  @Persist record Query(Location client, String item) {}
  @Persist record Stock(String item, long qty) {}

  @Role
  interface Front {
    @Rule("Add@s(item, q) :~ AddIn(_, item, q), Stores(s)")
    void add();

    @Rule("Query@s(c, item) :~ QueryIn(c, item), Stores(s)")
    void query();
  }

  @Role
  interface Store {
    @Rule("Stock(item, q) :- Add(item, q)")
    void stock();

    @Rule("InStock@c(item, q) :~ Query(c, item), Stock(item, q)")
    void answer();
  }
}
