package dev.dedalus.runtime;

import dev.dedalus.Location;

/**
 * A fixed-size, direct-mapped cache of {@link Location}s by id, so decoding the same few locations
 * over and over (a cluster's nodes and clients) allocates nothing. Each id has one slot, chosen by
 * a multiplicative hash; a miss allocates the location and replaces the slot's previous one. The
 * cache never grows: ids from hostile or corrupt frames only evict entries.
 *
 * <p>Thread safe without locks: a slot holds a reference to an immutable {@code Location} (a record,
 * whose final field is safely published), so a racing reader sees null, an older location or the
 * new one, and checks the id of whatever it sees.
 */
final class LocationCache {
  private final Location[] slots;
  private final int shift;

  /** @param bits the cache holds {@code 2^bits} locations */
  LocationCache(int bits) {
    if (bits < 1 || bits > 20) {
      throw new IllegalArgumentException("bits must be in 1..20: " + bits);
    }
    this.slots = new Location[1 << bits];
    this.shift = Long.SIZE - bits;
  }

  /** The location with this id: the cached instance if its slot holds it, otherwise a new one, cached. */
  Location get(long id) {
    int slot = (int) ((id * 0x9E3779B97F4A7C15L) >>> shift);
    Location cached = slots[slot];
    if (cached != null && cached.id() == id) {
      return cached;
    }
    Location location = new Location(id);
    slots[slot] = location;
    return location;
  }

  /** How many locations it can hold. */
  int capacity() {
    return slots.length;
  }

  /** How many slots hold a location now (for tests; not synchronised with other threads). */
  int size() {
    int n = 0;
    for (Location l : slots) {
      if (l != null) {
        n++;
      }
    }
    return n;
  }
}
