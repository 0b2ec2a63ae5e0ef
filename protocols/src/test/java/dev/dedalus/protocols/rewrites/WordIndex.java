package dev.dedalus.protocols.rewrites;

import dev.dedalus.Config;
import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Partition;
import dev.dedalus.Persist;
import dev.dedalus.Pure;
import dev.dedalus.Role;
import dev.dedalus.Rule;

/**
 * Partitioning with a functional dependency: entries are keyed by a bucket computed from the word,
 * and lookups carry only the word; since {@code bucket} is pure, Entry.h = bucket(Entry.w), so
 * lookups are routed by bucket(word). Co-hashing alone fails: Lookup has no bucket attribute.
 */
@Partition(role = "Index", key = "Entry.h")
@Dedalus
public interface WordIndex {
  @Input record WordIn(Location client, String word) {}
  @Input record LookupIn(Location client, String word) {}
  @Output record Found(String word, long bucket) {}
  @Config(addressesOf = "Index") record Indexes(Location addr) {}

  record Word(String w) {}
  @Persist record Lookup(Location client, String w) {}
  @Persist record Entry(long h, String w) {}

  @Pure
  static long bucket(String word) {
    return word.isEmpty() ? 0 : word.charAt(0) % 7;
  }

  @Role
  interface Front {
    @Rule("Word@i(w) :~ WordIn(_, w), Indexes(i)")
    void word();

    @Rule("Lookup@i(c, w) :~ LookupIn(c, w), Indexes(i)")
    void lookup();
  }

  @Role
  interface Index {
    @Rule("Entry(h, w) :- Word(w), h = bucket(w)")
    void enter();

    @Rule("Found@c(w, h) :~ Lookup(c, w), Entry(h, w)")
    void find();
  }
}
