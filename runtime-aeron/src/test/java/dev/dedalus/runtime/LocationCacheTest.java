package dev.dedalus.runtime;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.Location;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The decoded-location cache gives equal locations, reuses them, and never grows past its slots. */
class LocationCacheTest {

  @Test
  void anIdAskedForAgainGivesTheSameEqualLocation() {
    LocationCache cache = new LocationCache(12);
    for (long id : new long[] {0, 1, -1, 42, Topology.FIRST_CLIENT_ID, Long.MIN_VALUE, Long.MAX_VALUE}) {
      Location first = cache.get(id);
      assertThat(first).isEqualTo(new Location(id));
      assertThat(cache.get(id)).isSameInstanceAs(first);
    }
  }

  @Test
  void aClustersNodesAndClientsAllStayCached() {
    LocationCache cache = new LocationCache(12);
    Location[] first = new Location[100 + 1_000];
    for (int i = 0; i < first.length; i++) {
      first[i] = cache.get(id(i));
    }
    for (int i = 0; i < first.length; i++) {
      assertThat(cache.get(id(i))).isSameInstanceAs(first[i]); // no two of them share a slot
    }
  }

  /** Node ids from 0, client ids from {@link Topology#FIRST_CLIENT_ID}. */
  private static long id(int i) {
    return i < 100 ? i : Topology.FIRST_CLIENT_ID + i - 100;
  }

  @Test
  void manyDistinctIdsFromHostileInputNeverGrowItPastItsSlots() {
    LocationCache cache = new LocationCache(8);
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 1_000_000; i++) {
      long id = random.nextLong();
      assertThat(cache.get(id).id()).isEqualTo(id);
    }
    assertThat(cache.size()).isAtMost(cache.capacity());
    assertThat(cache.capacity()).isEqualTo(256);
  }

  @Test
  void idsThatShareASlotEachComeBackRight() {
    LocationCache cache = new LocationCache(1); // two slots: most ids collide
    for (int round = 0; round < 3; round++) {
      for (long id = 0; id < 10; id++) {
        assertThat(cache.get(id)).isEqualTo(new Location(id));
      }
    }
    assertThat(cache.size()).isAtMost(2);
  }
}
