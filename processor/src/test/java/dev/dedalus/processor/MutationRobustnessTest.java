package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 2,000 seeded random mutations of valid rules (character deletions, insertions and swaps) never
 * crash the processor, and the processor never accepts a rule it cannot generate code for. Each
 * mutant either fails with diagnostics that all carry a Dedalus identifier and are reported on the
 * mutant's own file, or compiles completely: its generated stages, codecs, facts, program and
 * client compile without a single error.
 *
 * <p>Mutants are compiled 50 programs at a time to keep the test quick, in two passes. The first
 * pass compiles all 50; the processor's diagnostics sort them into rejected and accepted ones. A
 * batch almost always holds a rejected mutant, and javac does not attribute anything once an error
 * was reported, so the first pass cannot show that the generated code of the accepted mutants
 * compiles. The second pass therefore compiles the accepted mutants alone: any error there, in a
 * mutant's file or in one generated for it ({@code M<i>_*.java}), is a processor bug (a rule it
 * should have rejected with a {@code [Dedalus...]} diagnostic, or generated code that does not
 * compile), and the test fails naming the mutant's rule and the javac error with its file and
 * line. When the second pass fails, its mutants are compiled one at a time, so that one mutant's
 * broken code does not hide another's. An error that names no file, or a file of no mutant, fails
 * the test too.
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
    List<String> failures = new ArrayList<>();
    for (int batch = 0; batch < MUTANTS / BATCH; batch++) {
      List<String> rules = new ArrayList<>();
      for (int i = 0; i < BATCH; i++) {
        rules.add(mutate(VALID_RULES.get(random.nextInt(VALID_RULES.size())), random));
      }
      Compilation compilation = compileMutants(rules, IntStream.range(0, BATCH).boxed().toList());
      List<Integer> accepted = new ArrayList<>();
      for (int i = 0; i < BATCH; i++) {
        List<Diagnostic<? extends JavaFileObject>> errors = errorsOf(compilation, i);
        for (Diagnostic<? extends JavaFileObject> d : errors) {
          String message = d.getMessage(Locale.ROOT);
          if (!message.startsWith("[Dedalus") || message.contains("DedalusInternalError")
              || !isMutantFile(d.getSource(), i)) {
            failures.add("mutant " + Sources.javaString(rules.get(i)) + " of batch " + batch
                + " has an error that is not a Dedalus diagnostic on its own file: " + describe(d));
          }
        }
        if (errors.isEmpty()) {
          accepted.add(i);
          compiled++;
        } else {
          rejected++;
        }
      }
      failures.addAll(unattributed(compilation, BATCH, "batch " + batch));
      if (!accepted.isEmpty()) {
        failures.addAll(generatedCodeErrors(rules, accepted, batch));
      }
    }
    assertWithMessage("%s mutants failed:\n%s", failures.size(), String.join("\n", failures))
        .that(failures).isEmpty();
    assertWithMessage("the mutations must produce both valid and invalid rules").that(compiled).isGreaterThan(0);
    assertWithMessage("the mutations must produce both valid and invalid rules").that(rejected).isGreaterThan(0);
    assertWithMessage("every mutant is accounted for").that(compiled + rejected).isEqualTo(MUTANTS);
  }

  /**
   * The second pass: the accepted mutants compile with their generated code, or one failure per
   * error, naming the mutant's rule and javac's error.
   */
  private static List<String> generatedCodeErrors(List<String> rules, List<Integer> accepted, int batch) {
    Compilation together = compileMutants(rules, accepted);
    if (together.errors().isEmpty()) {
      return List.of();
    }
    List<String> failures = new ArrayList<>();
    for (int i : accepted) {
      Compilation alone = compileMutants(rules, List.of(i));
      for (Diagnostic<? extends JavaFileObject> d : alone.errors()) {
        failures.add("mutant " + Sources.javaString(rules.get(i)) + " of batch " + batch
            + " was accepted, but its generated code does not compile: " + describe(d));
      }
    }
    if (failures.isEmpty()) { // the mutants compile alone but not together: report what javac said
      failures.add("accepted mutants of batch " + batch + " compile alone but not together:\n"
          + Sources.describe(together));
    }
    return failures;
  }

  /** Mutants {@code indexes} of {@code rules}, each as program {@code test.M<index>}. */
  private static Compilation compileMutants(List<String> rules, List<Integer> indexes) {
    return Sources.compile(indexes.stream()
        .map(i -> Sources.withRule("M" + i, rules.get(i))).toArray(JavaFileObject[]::new));
  }

  /** The errors in mutant {@code i}'s file and in the files generated for it. */
  private static List<Diagnostic<? extends JavaFileObject>> errorsOf(Compilation compilation, int i) {
    return compilation.errors().stream().filter(d -> mutantOf(d.getSource()) == i).toList();
  }

  /** Errors that name no file, or a file of no mutant of the compilation: there must be none. */
  private static List<String> unattributed(Compilation compilation, int mutants, String where) {
    return compilation.errors().stream()
        .filter(d -> mutantOf(d.getSource()) < 0 || mutantOf(d.getSource()) >= mutants)
        .map(d -> where + ": an error attributed to no mutant: " + describe(d))
        .toList();
  }

  /** The mutant a file belongs to, {@code M<i>.java} or generated {@code M<i>_*.java}, or -1. */
  private static int mutantOf(JavaFileObject file) {
    if (file == null) {
      return -1;
    }
    Matcher m = MUTANT_FILE.matcher(file.getName());
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  private static boolean isMutantFile(JavaFileObject file, int i) {
    return file != null && file.getName().endsWith("/M" + i + ".java");
  }

  private static final Pattern MUTANT_FILE = Pattern.compile("/M(\\d+)(?:_[A-Za-z0-9_$]*)?\\.java$");

  private static String describe(Diagnostic<? extends JavaFileObject> d) {
    String file = d.getSource() == null ? "(no file)" : d.getSource().getName();
    return file + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT);
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
