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

/**
 * Every decision of the decoupling phase, as the user sees it: the note naming the rewrite that
 * applied, and every refusal with its exact message, on the line of the {@code @Decouple} hint.
 */
class DecouplingDiagnosticsTest {

  /** Base voting, with {@code %s} replaced by the hints under test (each on its own line). */
  private static final String VOTING = """
      package test;
      import dev.dedalus.*;
      %s
      @Dedalus
      public interface V {
        @Input record ClientIn(Location client, long id, String payload) {}
        @Output record ClientOut(long id, String payload) {}
        @Config(addressesOf = "Participant") record Participants(Location addr) {}
        @Config(countOf = "Participant") record NumParticipants(long n) {}
        @Config(addressesOf = "Leader") record Leaders(Location addr) {}
        record VoteReq(Location client, long id, String payload) {}
        record Vote(Location from, Location client, long id, String payload) {}
        record AllVotes(Location from, Location client, long id, String payload) {}
        record VoteCount(long n, Location client, long id) {}
        record Committed(Location client, long id, String payload) {}
        @Role interface Leader {
          @Rule("VoteReq@p(client, id, payload) :~ ClientIn(client, id, payload), Participants(p)") void broadcast();
          @Rule("AllVotes(from, client, id, v) :- Vote(from, client, id, v)") void collect();
          @Rule("AllVotes(from, client, id, v) :+ AllVotes(from, client, id, v), !Committed(client, id, _)") void retain();
          @Rule("VoteCount(count(from), client, id) :- AllVotes(from, client, id, _)") void count();
          @Rule("Committed(client, id, v) :- VoteCount(n, client, id), NumParticipants(n), AllVotes(_, client, id, v)") void commit();
          @Rule("ClientOut@client(id, v) :~ Committed(client, id, v)") void reply();
        }
        @Role interface Participant {
          @Rule("Vote@leader(self, client, id, payload) :~ VoteReq(client, id, payload), Leaders(leader)") void vote();
        }
      }
      """;

  /** A desk whose checks negate state the desk writes: no decoupling applies. */
  private static final String DESK = """
      package test;
      import dev.dedalus.*;
      @Decouple(role = "Desk", rules = {"available", "taken"}, into = "Checker") // hint
      @Dedalus
      public interface D {
        @Input record Reserve(Location client, long item) {}
        @Output record Available(long item) {}
        @Output record Taken(long item) {}
        @Persist record Reserved(long item) {}
        record CheckLater(Location client, long item) {}
        @Role interface Desk {
          @Rule("Reserved(i) :- Reserve(_, i)") void reserve();
          @Rule("CheckLater(c, i) :+ Reserve(c, i)") void later();
          @Rule("Available@c(i) :~ CheckLater(c, i), !Reserved(i)") void available();
          @Rule("Taken@c(i) :~ CheckLater(c, i), Reserved(i)") void taken();
        }
      }
      """;

  record Case(String name, String source, String qualifiedName, Diagnostic.Kind kind, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case voting(String name, String hints, Diagnostic.Kind kind, String message) {
    return new Case(name, VOTING.formatted(hints), "test.V", kind, message);
  }

  static Stream<Case> cases() {
    String broadcast = "@Decouple(role = \"Leader\", rules = {\"broadcast\"}, into = \"Broadcaster\") // hint";
    return Stream.of(
        voting("functional decoupling applies", broadcast, Diagnostic.Kind.NOTE,
            "[DedalusDecoupled] decoupled {broadcast} from Leader into Broadcaster by functional decoupling"),
        voting("mutually independent decoupling applies",
            "@Decouple(role = \"Leader\", rules = {\"collect\", \"retain\", \"count\", \"commit\", \"reply\"}, into = \"Collector\") // hint",
            Diagnostic.Kind.NOTE,
            "[DedalusDecoupled] decoupled {collect, retain, count, commit, reply} from Leader into Collector by mutually independent decoupling"),
        voting("a later hint may name a role an earlier one created",
            broadcast + "\n@Decouple(role = \"Broadcaster\", rules = {\"broadcast\"}, into = \"Sender\") // second",
            Diagnostic.Kind.NOTE,
            "[DedalusDecoupled] decoupled {broadcast} from Broadcaster into Sender by functional decoupling"),
        voting("the rules that stay depend on the moved ones",
            "@Decouple(role = \"Leader\", rules = {\"commit\"}, into = \"Collector\") // hint", Diagnostic.Kind.ERROR,
            "[DedalusCannotDecouple] cannot decouple {commit} from Leader into Collector: Leader's rule 'retain' reads "
                + "Committed under negation, which 'commit' would derive at Collector; the rules that stay must not "
                + "depend on the moved ones (not independent)"),
        voting("a moved rule uses self",
            "@Decouple(role = \"Participant\", rules = {\"vote\"}, into = \"Voter\") // hint", Diagnostic.Kind.ERROR,
            "[DedalusCannotDecouple] cannot decouple {vote} from Participant into Voter: rule 'vote' uses self, "
                + "which would name Voter instead of Participant"),
        new Case("no decoupling applies", DESK, "test.D", Diagnostic.Kind.ERROR,
            "[DedalusCannotDecouple] cannot decouple {available, taken} from Desk into Checker: rule 'available' negates "
                + "Reserved, which Desk's rule 'reserve' writes: at Checker a Reserved fact could arrive after the rule "
                + "has read its absence (not monotonic, not functional); not mutually independent: Checker's rule "
                + "'available' reads Reserved, which Desk's rule 'reserve' derives"),
        voting("unknown role",
            "@Decouple(role = \"Leadr\", rules = {\"broadcast\"}, into = \"Broadcaster\") // hint", Diagnostic.Kind.ERROR,
            "[DedalusBadHint] @Decouple(role = \"Leadr\", into = \"Broadcaster\") names role 'Leadr', which does not exist; "
                + "did you mean 'Leader'?"),
        voting("unknown rule",
            "@Decouple(role = \"Leader\", rules = {\"brodcast\"}, into = \"Broadcaster\") // hint", Diagnostic.Kind.ERROR,
            "[DedalusBadHint] @Decouple(role = \"Leader\", into = \"Broadcaster\") names rule 'brodcast', which role "
                + "Leader does not have; did you mean 'broadcast'?"),
        voting("a rule named twice",
            "@Decouple(role = \"Leader\", rules = {\"broadcast\", \"broadcast\"}, into = \"Broadcaster\") // hint",
            Diagnostic.Kind.ERROR,
            "[DedalusBadHint] @Decouple(role = \"Leader\", into = \"Broadcaster\") names rule 'broadcast' twice"),
        voting("into an existing role",
            "@Decouple(role = \"Leader\", rules = {\"broadcast\"}, into = \"Participant\") // hint", Diagnostic.Kind.ERROR,
            "[DedalusBadHint] @Decouple(role = \"Leader\", into = \"Participant\"): role 'Participant' already exists; "
                + "name a new role"),
        voting("into a name that is not an identifier",
            "@Decouple(role = \"Leader\", rules = {\"broadcast\"}, into = \"Broad caster\") // hint", Diagnostic.Kind.ERROR,
            "[DedalusBadHint] @Decouple(role = \"Leader\", into = \"Broad caster\"): into = \"Broad caster\" must be a "
                + "Java identifier, as it names a role"),
        voting("no rules", "@Decouple(role = \"Leader\", rules = {}, into = \"Nobody\") // hint", Diagnostic.Kind.ERROR,
            "[DedalusBadHint] @Decouple(role = \"Leader\", into = \"Nobody\") names no rule to move"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTheDecision(Case c) {
    JavaFileObject file = Sources.source(c.qualifiedName(), c.source());
    Compilation compilation = Sources.compile(file);
    Optional<Diagnostic<? extends JavaFileObject>> match = compilation.diagnostics().stream()
        .filter(d -> d.getKind() == c.kind() && d.getMessage(Locale.ROOT).equals(c.message()))
        .findFirst();
    assertWithMessage("no %s with exactly this message; the compiler said:\n%s", c.kind(), Sources.describe(compilation))
        .that(match.isPresent()).isTrue();
    List<String> lines = c.source().lines().toList();
    long hintLine = match.get().getLineNumber();
    assertWithMessage("the diagnostic sits on a hint").that(lines.get((int) hintLine - 1)).contains("@Decouple");
    assertWithMessage("status").that(compilation.status())
        .isEqualTo(c.kind() == Diagnostic.Kind.ERROR ? Compilation.Status.FAILURE : Compilation.Status.SUCCESS);
  }
}
