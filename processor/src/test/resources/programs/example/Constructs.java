package example;

import dev.dedalus.Dedalus;
import dev.dedalus.Input;
import dev.dedalus.Location;
import dev.dedalus.Output;
import dev.dedalus.Persist;
import dev.dedalus.Role;
import dev.dedalus.Rule;
import dev.dedalus.Timer;

/** Every construct of the rule language in one program. */
@Dedalus
public interface Constructs {
  @Input record Edge(Location client, String from, String to, double weight) {}
  @Input record Blob(Location client, byte[] data, boolean urgent) {}
  @Output record Report(String from, String to, long hops) {}
  @Output record Stats(long n, double total, double lightest, double heaviest, String any, int first) {}
  @Output record Digest(int index, long hash, boolean urgent) {}
  @Timer(periodMillis = 1000) record Tick(long nowMillis) {}

  @Persist record Edges(Location client, String from, String to, double weight) {}
  record Path(Location client, String from, String to, long hops) {}
  record Unreached(Location client, String from, String to) {}
  record Numbered(int index, Location client, long hash, boolean urgent) {}
  @Persist record Clock(long nowMillis) {}

  static long fingerprint(byte[] data) {
    long h = 1125899906842597L;
    for (byte b : data) {
      h = 31 * h + b;
    }
    return h;
  }

  static boolean heavy(double weight) {
    return weight > 10.0;
  }

  static boolean light(double weight) {
    return weight < 1.0e3;
  }

  @Role
  interface Graph {
    @Rule("Edges(c, a, b, w) :- Edge(c, a, b, w)")
    void store();

    /** Transitive closure: a recursive stratum, evaluated semi-naively. */
    @Rule("Path(c, a, b, 1) :- Edges(c, a, b, _)")
    void step();

    @Rule("""
        // extend a path by one edge, bounding the hop count
        Path(c, a, z, h + 1) :-
            Path(c, a, b, h),
            Edges(c, b, z, _),
            (h < 16)
        """)
    void extend();

    /** Negation over a completed lower stratum. */
    @Rule("Unreached(c, a, b) :- Edges(c, a, _, _), Edges(c, _, b, _), !Path(c, a, b, _), a != b")
    void unreached();

    @Rule("Report@c(a, b, hops) :~ Path(c, a, b, hops), hops >= 2, hops <= 4, !Unreached(c, a, b)")
    void report();

    @Rule("Report@c(a, b, -1) :~ Unreached(c, a, b), a == \"root\"")
    void reportUnreached();

    /** Statistics of the edges that arrive in a tick, sent once: over all stored edges they would be sent in every tick. */
    @Rule("Stats@c(count(b), sum(w), min(w), max(w), choose(a), 7 % 4 * 2 - 1) :~ Edge(c, a, b, w), w > 0.5, light(w), heavy(w) == false")
    void stats();

    @Rule("Numbered(index(), c, fingerprint(d), u) :- Blob(c, d, u)")
    void number();

    @Rule("Digest@c(i, h / 2, u) :~ Numbered(i, c, h, u), x = i * 3, x == i + i + i, u == true, !Clock(0)")
    void digest();

    @Rule("Clock(now) :+ Tick(now), now > 0")
    void clock();
  }
}
