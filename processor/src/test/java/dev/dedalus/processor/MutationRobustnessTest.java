package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 2,000 seeded random mutations of valid rules (character deletions, insertions and swaps) never
 * crash the processor: each program either compiles, or fails with diagnostics that all carry a
 * Dedalus identifier. Mutants are compiled 50 programs at a time to keep the test quick.
 */
class MutationRobustnessTest {
  private static final long SEED = 0x5EED_DEDA_105L;
  private static final int MUTANTS = 2_000;
  private static final int BATCH = 50;

  /** Valid rules over {@link Sources#withRule}'s declarations, covering every construct. */
  private static final List<String> VALID_RULES = List.of(
      "Seen(id) :- Req(_, id, _), !Log(id, _)",
      "Out@client(id, p) :~ Req(client, id, p), id > 3, (id <= 100)",
      "Seen(id * 2 + 1) :+ Req(_, id, p), p != \"x\\n\"",
      "Seen(h) :- Req(_, _, p), h = hash(p) % 7 - -1",
      "Seen(count(id)) :- Req(_, id, _) // how many",
      "Slot(index()) :- Req(_, _, _)",
      "Log(max(id), choose(p)) :- Req(_, id, p), small(id)",
      "Flag(true) :- Req(_, id, _), id == 2, small(id) == false",
      "Blob(b, 1.5e2) :- Blob(b, s), s >= 0.25",
      "Seen(sum(n)) :- Slot(m), n = m / 2",
      "Req@a(client, id, \"p\") :~ Peers(a), In(client, id, _), a != self, Tick(_)",
      "Seen(id) :-\n  Req(_, id, _),\n  Tick(now), now - id < 1000");

  /** Characters that matter to the grammar, plus a few that do not belong to it at all. */
  private static final String ALPHABET = "()@,:-+~!=<>*/%_\"\\ \n.0123456789abcxyzIdReqSeen#$é\u0000";

  @Test
  void theUnmutatedRulesAreValid() {
    for (String rule : VALID_RULES) {
      Compilation compilation = Sources.compile(Sources.withRule(rule));
      assertWithMessage("%s:\n%s", rule, Sources.describe(compilation))
          .that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES) // guards against a hang, not a speed goal
  void mutantsNeverCrashTheProcessor() {
    SplittableRandom random = new SplittableRandom(SEED);
    int compiled = 0;
    int rejected = 0;
    for (int batch = 0; batch < MUTANTS / BATCH; batch++) {
      List<JavaFileObject> files = new ArrayList<>();
      List<String> rules = new ArrayList<>();
      for (int i = 0; i < BATCH; i++) {
        String rule = mutate(VALID_RULES.get(random.nextInt(VALID_RULES.size())), random);
        rules.add(rule);
        files.add(Sources.withRule("M" + i, rule));
      }
      Compilation compilation = Sources.compile(files.toArray(JavaFileObject[]::new));
      for (int i = 0; i < BATCH; i++) {
        String className = "M" + i;
        List<Diagnostic<? extends JavaFileObject>> errors = compilation.errors().stream()
            .filter(d -> d.getSource() != null && d.getSource().getName().endsWith("/" + className + ".java"))
            .toList();
        for (Diagnostic<? extends JavaFileObject> d : errors) {
          String message = d.getMessage(Locale.ROOT);
          assertWithMessage("mutant %s of batch %s: %s", Sources.javaString(rules.get(i)), batch, message)
              .that(message).startsWith("[Dedalus");
          assertWithMessage("mutant %s crashed the processor", Sources.javaString(rules.get(i)))
              .that(message).doesNotContain("DedalusInternalError");
        }
        if (errors.isEmpty()) {
          compiled++;
        } else {
          rejected++;
        }
      }
      // An error without a source would be one we cannot attribute: there must be none.
      assertWithMessage("unattributed errors:\n%s", Sources.describe(compilation))
          .that(compilation.errors().stream().filter(d -> d.getSource() == null).count()).isEqualTo(0L);
    }
    assertWithMessage("the mutations must produce both valid and invalid rules").that(compiled).isGreaterThan(0);
    assertWithMessage("the mutations must produce both valid and invalid rules").that(rejected).isGreaterThan(0);
    assertWithMessage("every mutant is accounted for").that(compiled + rejected).isEqualTo(MUTANTS);
  }

  private static String mutate(String rule, SplittableRandom random) {
    StringBuilder s = new StringBuilder(rule);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int kind = random.nextInt(3);
      if (kind == 0 && s.length() > 0) {
        s.deleteCharAt(random.nextInt(s.length()));
      } else if (kind == 1) {
        s.insert(random.nextInt(s.length() + 1), ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      } else if (s.length() > 1) {
        int i = random.nextInt(s.length() - 1);
        char c = s.charAt(i);
        s.setCharAt(i, s.charAt(i + 1));
        s.setCharAt(i + 1, c);
      }
    }
    return s.toString();
  }
}
