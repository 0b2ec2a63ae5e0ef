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
 * Partitioning with a co-partition dependency, the paper's p(str), r(str, upStr), q(upStr): the
 * role is keyed by the shouted form of a word, and questions carry the plain word. Loud(s, u) ties
 * u = shout(s) across relations, so questions are routed by shout(word).
 */
@Partition(role = "Shouter", key = "Known.u")
@Dedalus
public interface Shouting {
  @Input record WordIn(Location client, String word) {}
  @Input record AskIn(Location client, String word) {}
  @Output record Heard(String word, String loud) {}
  @Config(addressesOf = "Shouter") record Shouters(Location addr) {}

  record Word(String s) {}
  @Persist record Ask(Location client, String s) {}
  @Persist record Loud(String s, String u) {}
  record Known(String u) {}

  @Pure
  static String shout(String word) {
    return word.toUpperCase(java.util.Locale.ROOT);
  }

  @Role
  interface Front {
    @Rule("Word@x(w) :~ WordIn(_, w), Shouters(x)")
    void word();

    @Rule("Ask@x(c, w) :~ AskIn(c, w), Shouters(x)")
    void ask();
  }

  @Role
  interface Shouter {
    @Rule("Loud(s, u) :- Word(s), u = shout(s)")
    void loud();

    @Rule("Known(u) :- Loud(_, u)")
    void known();

    @Rule("Heard@c(s, u) :~ Ask(c, s), Loud(s, u), Known(u)")
    void heard();
  }
}
