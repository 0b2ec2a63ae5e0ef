package dev.dedalus.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FactSet} with erasures, against a model: random adds, erasures by position and by fact,
 * compactions with watermarks, clears and {@code takeFrom}, over few distinct values so that hash
 * runs collide and the table's backward-shift deletion moves entries. After every operation the set
 * holds exactly the model's facts, finds each at its position, finds no erased one, and its index
 * finds exactly the facts with a given key, its chains holding no erased position.
 */
class FactSetErasureTest {
  record Pair(int key, int value) {}

  private static final FactHasher<Pair> HASHER = new FactHasher<>() {
    @Override
    public int hash(Pair p) {
      // A poor hash on purpose: long probe runs exercise deletion's moves.
      return p.key() * 31 + (p.value() & 3);
    }

    @Override
    public boolean same(Pair a, Pair b) {
      return a.equals(b);
    }
  };

  private static final KeyHasher<Pair> BY_KEY = Pair::key;

  @Test
  void randomOperationsAgreeWithAModel() {
    for (long seed = 1; seed <= 200; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      FactSet<Pair> set = new FactSet<>(HASHER);
      HashIndex<Pair> index = set.index(BY_KEY);
      FactSet<Pair> other = new FactSet<>(HASHER);
      List<Pair> positions = new ArrayList<>(); // the model: position -> fact or null
      for (int step = 0; step < 400; step++) {
        int op = random.nextInt(20);
        if (op < 9) {
          Pair p = new Pair(random.nextInt(8), random.nextInt(40));
          boolean fresh = !positions.contains(p);
          assertEquals(fresh, set.add(p), "seed " + seed + " add " + p);
          if (fresh) {
            positions.add(p);
          }
        } else if (op < 13 && !positions.isEmpty()) {
          int at = random.nextInt(positions.size());
          assertEquals(positions.get(at) != null, set.erase(at), "seed " + seed + " erase at " + at);
          positions.set(at, null);
        } else if (op < 15) {
          Pair p = new Pair(random.nextInt(8), random.nextInt(40));
          int at = positions.indexOf(p);
          assertEquals(at >= 0, set.erase(p), "seed " + seed + " erase " + p);
          if (at >= 0) {
            positions.set(at, null);
          }
        } else if (op < 17) {
          int[] marks = {random.nextInt(positions.size() + 1), positions.size(), 0};
          int[] expected = new int[marks.length];
          for (int k = 0; k < marks.length; k++) {
            for (int p = 0; p < marks[k]; p++) {
              expected[k] += positions.get(p) == null ? 0 : 1;
            }
          }
          set.compact(marks);
          positions.removeIf(java.util.Objects::isNull);
          assertEquals(List.of(expected[0], expected[1], expected[2]), List.of(marks[0], marks[1], marks[2]),
              "seed " + seed + " marks after compaction");
        } else if (op == 17) {
          set.clear();
          positions.clear();
        } else {
          // Move a fresh set of facts in, as a rebuilt relation does at the end of a tick.
          other.clear();
          List<Pair> incoming = new ArrayList<>();
          for (int i = random.nextInt(30); i > 0; i--) {
            Pair p = new Pair(random.nextInt(8), random.nextInt(40));
            if (other.add(p)) {
              incoming.add(p);
            }
          }
          set.takeFrom(other);
          assertEquals(0, other.liveCount());
          positions.clear();
          positions.addAll(incoming);
        }
        check(seed, set, index, positions);
      }
    }
  }

  private static void check(long seed, FactSet<Pair> set, HashIndex<Pair> index, List<Pair> positions) {
    assertEquals(positions.size(), set.size(), "seed " + seed + " positions");
    Set<Pair> live = new HashSet<>();
    for (int p = 0; p < positions.size(); p++) {
      assertEquals(positions.get(p), set.get(p), "seed " + seed + " at " + p);
      if (positions.get(p) != null) {
        live.add(positions.get(p));
        assertEquals(p, set.positionOf(positions.get(p)), "seed " + seed + " position of " + positions.get(p));
      }
    }
    assertEquals(live.size(), set.liveCount(), "seed " + seed + " live");
    assertEquals(live.isEmpty(), set.isEmpty());
    for (int key = 0; key < 8; key++) {
      for (int value = 0; value < 40; value++) {
        Pair p = new Pair(key, value);
        assertEquals(live.contains(p), set.contains(p), "seed " + seed + " contains " + p);
      }
      Set<Pair> found = new HashSet<>();
      for (int p = index.first(key); p >= 0; p = index.next(p)) {
        Pair f = set.get(p);
        // An erased fact leaves its chain at once: probes never walk past facts that are gone.
        org.junit.jupiter.api.Assertions.assertNotNull(f, "seed " + seed + " index chain holds erased position " + p);
        if (index.hashAt(p) == key && f.key() == key) {
          assertTrue(found.add(f), "seed " + seed + " index lists " + f + " twice");
        }
      }
      Set<Pair> withKey = new HashSet<>();
      for (Pair f : live) {
        if (f.key() == key) {
          withKey.add(f);
        }
      }
      assertEquals(withKey, found, "seed " + seed + " index probe of key " + key);
    }
  }

  @Test
  void anErasedFactCanBeAddedAgainAtANewPosition() {
    FactSet<Pair> set = new FactSet<>(HASHER);
    Pair a = new Pair(1, 1);
    assertTrue(set.add(a));
    assertTrue(set.erase(0));
    assertNull(set.get(0));
    assertFalse(set.erase(0));
    assertTrue(set.add(a));
    assertEquals(1, set.positionOf(a));
    assertEquals(1, set.liveCount());
    assertEquals(2, set.size());
  }

  @Test
  void compactionWaitsForMoreErasedThanLive() {
    FactSet<Pair> set = new FactSet<>(HASHER);
    for (int i = 0; i < 200; i++) {
      set.add(new Pair(i, i));
    }
    for (int i = 0; i < 100; i++) {
      set.erase(i);
    }
    assertFalse(set.shouldCompact(), "100 erased of 200 is not more than the live ones");
    set.erase(100);
    assertTrue(set.shouldCompact());
  }

  @Test
  void orderedCountsKeepsMinimaAcrossRemovals() {
    OrderedCounts<Long> counts = new OrderedCounts<>();
    counts.add(5L);
    counts.add(3L);
    counts.add(3L);
    counts.add(9L);
    assertEquals(3L, counts.min());
    counts.remove(3L);
    assertEquals(3L, counts.min(), "3 was held twice");
    counts.remove(3L);
    assertEquals(5L, counts.min());
    assertEquals(9L, counts.max());
    assertThrows(IllegalStateException.class, () -> counts.remove(3L));
  }
}
