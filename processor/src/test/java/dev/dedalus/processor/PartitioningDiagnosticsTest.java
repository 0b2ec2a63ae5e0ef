package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every decision of the partitioning phase: the note with the inferred policy, and every refusal. */
class PartitioningDiagnosticsTest {

  /** A collector-like role, with {@code %s} replaced by the hints under test. */
  private static final String COLLECTOR = """
      package test;
      import dev.dedalus.*;
      %s
      @Dedalus
      public interface C {
        @Input record ClientIn(Location client, long id, String payload) {}
        @Output record ClientOut(long id, String payload) {}
        @Config(addressesOf = "Collector") record Collectors(Location addr) {}
        @Config(countOf = "Voter") record NumVoters(long n) {}
        @Config(addressesOf = "Voter") record Voters(Location addr) {}
        record Ask(Location client, long id, String payload) {}
        record Vote(Location from, Location client, long id, String payload) {}
        record AllVotes(Location from, Location client, long id, String payload) {}
        record VoteCount(long n, Location client) {}
        record Committed(Location client, long id, String payload) {}
        @Role interface Front {
          @Rule("Ask@v(c, id, p) :~ ClientIn(c, id, p), Voters(v)") void ask();
        }
        @Role interface Voter {
          @Rule("Vote@k(self, c, id, p) :~ Ask(c, id, p), Collectors(k)") void vote();
        }
        @Role interface Collector {
          @Rule("AllVotes(f, c, id, v) :- Vote(f, c, id, v)") void collect();
          @Rule("VoteCount(count(f), c) :- AllVotes(f, c, id, _)") void count();
          @Rule("Committed(c, id, v) :- VoteCount(n, c), NumVoters(n), AllVotes(_, c, id, v)") void commit();
          @Rule("ClientOut@c(id, v) :~ Committed(c, id, v)") void reply();
        }
      }
      """;

  /** A join whose key disagrees with the seed: Left is keyed by x, but the rule joins on k. */
  static final String JOIN = """
      package test;
      import dev.dedalus.*;
      @Partition(role = "Joiner", key = "Left.x") // hint
      @Dedalus
      public interface J {
        @Input record LeftIn(Location client, long x, long k) {}
        @Input record RightIn(Location client, long k, long y) {}
        @Output record Matched(long x, long y) {}
        @Config(addressesOf = "Joiner") record Joiners(Location addr) {}
        @Persist record Left(Location client, long x, long k) {}
        @Persist record Right(long k, long y) {}
        @Role interface Front {
          @Rule("Left@j(c, x, k) :~ LeftIn(c, x, k), Joiners(j)") void left();
          @Rule("Right@j(k, y) :~ RightIn(_, k, y), Joiners(j)") void right();
        }
        @Role interface Joiner {
          @Rule("Matched@c(x, y) :~ Left(c, x, k), Right(k, y)") void match();
        }
      }
      """;

  @org.junit.jupiter.api.Test
  void aJoinWhoseKeysDisagreeIsRefused() {
    Compilation compilation = Sources.compile(Sources.source("test.J", JOIN));
    String expected = "[DedalusCannotPartition] cannot partition Joiner on Left.x: rule 'match' joins Right(k, y) but "
        + "joins on (x), the partition key, which Right does not hold; partitioning on Left.k would work";
    assertWithMessage(Sources.describe(compilation)).that(compilation.errors().stream()
        .map(d -> d.getMessage(Locale.ROOT)).toList()).containsExactly(expected);
    long line = compilation.errors().get(0).getLineNumber();
    assertWithMessage("on the hint").that(JOIN.lines().toList().get((int) line - 1)).contains("// hint");
  }

  record Case(String name, String hints, Diagnostic.Kind kind, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("co-hashing applies", "@Partition(role = \"Voter\", key = \"Ask.id\") // hint", Diagnostic.Kind.NOTE,
            "[DedalusPartitioned] partitioned Voter on Ask.id by co-hashing: Ask by (id)"),
        new Case("a group-by without the key", "@Partition(role = \"Collector\", key = \"Vote.id\") // hint",
            Diagnostic.Kind.ERROR,
            "[DedalusCannotPartition] cannot partition Collector on Vote.id: rule 'count' groups AllVotes by (c) but joins "
                + "on (id), the partition key; partitioning on Vote.client would work"),
        new Case("a role that clients send to", "@Partition(role = \"Front\", key = \"ClientIn.id\") // hint",
            Diagnostic.Kind.ERROR,
            "[DedalusCannotPartition] cannot partition Front on ClientIn.id: clients send it ClientIn, and choosing a "
                + "partition would change the client; decouple the rules that read it first"),
        new Case("an unknown role", "@Partition(role = \"Colector\", key = \"Vote.id\") // hint", Diagnostic.Kind.ERROR,
            "[DedalusBadHint] @Partition(role = \"Colector\", key = \"Vote.id\") names role 'Colector', which does not exist; "
                + "did you mean 'Collector'?"),
        new Case("an unknown attribute", "@Partition(role = \"Voter\", key = \"Ask.idd\") // hint", Diagnostic.Kind.ERROR,
            "[DedalusBadHint] @Partition(role = \"Voter\", key = \"Ask.idd\"): relation Ask has no attribute 'idd'; "
                + "did you mean 'id'?"),
        new Case("a key that is not Relation.attribute", "@Partition(role = \"Voter\", key = \"id\") // hint",
            Diagnostic.Kind.ERROR,
            "[DedalusBadHint] @Partition(role = \"Voter\", key = \"id\"): key 'id' must be Relation.attribute"),
        new Case("a relation the role does not read", "@Partition(role = \"Voter\", key = \"Vote.id\") // hint",
            Diagnostic.Kind.ERROR,
            "[DedalusBadHint] @Partition(role = \"Voter\", key = \"Vote.id\"): role Voter does not read Vote"),
        new Case("a role partitioned twice",
            "@Partition(role = \"Voter\", key = \"Ask.id\")\n@Partition(role = \"Voter\", key = \"Ask.payload\") // hint",
            Diagnostic.Kind.ERROR,
            "[DedalusBadHint] @Partition(role = \"Voter\", key = \"Ask.payload\"): role Voter is already partitioned by an "
                + "earlier hint"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTheDecision(Case c) {
    String source = COLLECTOR.formatted(c.hints());
    Compilation compilation = Sources.compile(Sources.source("test.C", source));
    Optional<Diagnostic<? extends JavaFileObject>> match = compilation.diagnostics().stream()
        .filter(d -> d.getKind() == c.kind() && d.getMessage(Locale.ROOT).equals(c.message()))
        .findFirst();
    assertWithMessage("no %s with exactly this message; the compiler said:\n%s", c.kind(), Sources.describe(compilation))
        .that(match.isPresent()).isTrue();
    List<String> lines = source.lines().toList();
    assertWithMessage("the diagnostic sits on the hint")
        .that(lines.get((int) match.get().getLineNumber() - 1)).contains("// hint");
    assertWithMessage("status").that(compilation.status())
        .isEqualTo(c.kind() == Diagnostic.Kind.ERROR ? Compilation.Status.FAILURE : Compilation.Status.SUCCESS);
  }
}
