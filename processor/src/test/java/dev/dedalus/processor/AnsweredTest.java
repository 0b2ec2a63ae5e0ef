package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @Answered}: each mistake is one error, with its identifier, naming the record and what is
 * wrong, on the line of the annotation; a correct one compiles to a client whose calls user code
 * can make.
 */
class AnsweredTest {
  private static final String VALID = "@Input @Answered(by = \"Reply\", key = \"id\")";

  /** A program whose {@code Req}, {@code Reply} and {@code Seen} records carry the given annotations. */
  static String program(String onReq, String onReply, String onSeen) {
    return """
        package test;
        import dev.dedalus.*;
        @Dedalus
        public interface Q {
          %s record Req(Location client, long id, String value, double score) {} // Req
          @Input record Cancel(Location client, long id) {}
          %s record Reply(long id, String value) {} // Reply
          @Output record Tagged(String id) {}
          @Output record Scored(double score) {}
          %s record Seen(long id) {} // Seen
          @Role interface Node {
            @Rule("Reply@c(id, v) :~ Req(c, id, v, _)") void reply();
            @Rule("Tagged@c(v) :~ Req(c, _, v, _)") void tag();
            @Rule("Scored@c(s) :~ Req(c, _, _, s)") void score();
            @Rule("Seen(id) :- Cancel(_, id)") void cancel();
            @Rule("Reply@c(id, \\"\\") :~ Cancel(c, id), Seen(id)") void cancelled();
          }
        }
        """.formatted(onReq, onReply, onSeen);
  }

  /** One bad program, the record whose line the error is on, and the error's exact text. */
  record Case(String name, String source, String line, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case onReq(String name, String annotations, String message) {
    return new Case(name, program(annotations, "@Output", ""), "// Req", message);
  }

  static Stream<Case> mistakes() {
    return Stream.of(
        new Case("on an output", program("@Input", "@Output @Answered(by = \"Tagged\", key = \"id\")", ""), "// Reply",
            "[DedalusAnsweredNotInput] @Answered is on 'Reply', an @Output relation; only an @Input is a request that "
                + "clients send and wait for an answer to"),
        new Case("on a derived relation", program("@Input", "@Output", "@Answered(by = \"Reply\", key = \"id\")"), "// Seen",
            "[DedalusAnsweredNotInput] @Answered is on 'Seen', a derived relation; only an @Input is a request that "
                + "clients send and wait for an answer to"),
        onReq("unknown answer", "@Input @Answered(by = \"Replys\", key = \"id\")",
            "[DedalusUnknownAnswer] @Answered 'Req' is answered by 'Replys', which is not a relation of this program; "
                + "did you mean 'Reply'?"),
        onReq("answer is an input", "@Input @Answered(by = \"Cancel\", key = \"id\")",
            "[DedalusUnknownAnswer] @Answered 'Req' is answered by 'Cancel', which is not an @Output; answers are facts "
                + "sent to clients (outputs: Reply, Tagged, Scored)"),
        onReq("key not in the request", "@Input @Answered(by = \"Reply\", key = \"ids\")",
            "[DedalusAnswerKey] @Answered 'Req' has key 'ids', which is not an attribute of 'Req' "
                + "(it has client, id, value, score); did you mean 'id'?"),
        onReq("key not in the answer", "@Input @Answered(by = \"Reply\", key = \"client\")",
            "[DedalusAnswerKey] @Answered 'Req' has key 'client', which is not an attribute of its answer 'Reply' "
                + "(it has id, value)"),
        onReq("key of two types", "@Input @Answered(by = \"Tagged\", key = \"id\")",
            "[DedalusAnswerKey] @Answered 'Req' has key 'id' of type long, but 'id' in its answer 'Tagged' is of type "
                + "String; the key must have one type in both"),
        onReq("key of a type without equality", "@Input @Answered(by = \"Scored\", key = \"score\")",
            "[DedalusAnswerKey] @Answered 'Req' has key 'score' of type double; a key must be int, long, String or "
                + "Location, so that equal values match an answer to its call"),
        onReq("resend time zero", "@Input @Answered(by = \"Reply\", key = \"id\", resendAfterMillis = 0)",
            "[DedalusBadResend] @Answered 'Req' has resendAfterMillis = 0; an unanswered call is sent again after that "
                + "many milliseconds, so it must be at least 1"),
        onReq("negative resend time", "@Input @Answered(by = \"Reply\", key = \"id\", resendAfterMillis = -5)",
            "[DedalusBadResend] @Answered 'Req' has resendAfterMillis = -5; an unanswered call is sent again after that "
                + "many milliseconds, so it must be at least 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void reportsOneErrorNamingTheRecordAndWhatIsWrong(Case c) {
    Compilation compilation = Sources.compile(Sources.source("test.Q", c.source()));
    List<Diagnostic<? extends JavaFileObject>> errors = compilation.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    assertWithMessage("errors:\n%s", Sources.describe(compilation)).that(errors).hasSize(1);
    assertWithMessage("message").that(errors.get(0).getMessage(Locale.ROOT)).isEqualTo(c.message());
    assertWithMessage("line of %s", c.message()).that(errors.get(0).getLineNumber()).isEqualTo(lineOf(c.source(), c.line()));
    assertWithMessage("status").that(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
  }

  @Test
  void aCorrectProgramCompilesToAClientWhoseCallsUserCodeMakes() {
    JavaFileObject caller = Sources.source("test.Caller", """
        package test;
        import dev.dedalus.Location;
        final class Caller {
          static long use(Q_Client client, Location self) {
            client.call(new Q.Req(self, 1L, "a", 0.5), 10L);
            client.call(0, new Q.Req(self, 2L, "b", 0.5), 10L);
            boolean answered = client.accept(0, new Q.Reply(1L, "a"), new Q_Client.Listener() {});
            return client.resendDue(600L) + client.pending() + (answered ? 1 : 0) + client.nextResendMillis();
          }
        }
        """);
    Compilation compilation = Sources.compile(Sources.source("test.Q", program(VALID, "@Output", "")), caller);
    assertWithMessage("diagnostics:\n%s", Sources.describe(compilation))
        .that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertWithMessage("warnings").that(compilation.warnings()).isEmpty();
  }

  private static long lineOf(String source, String marker) {
    List<String> lines = source.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("marker not found: " + marker);
  }
}
