package dev.dedalus.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@code [DedalusEndlessSend]}: a warning at each {@code :~} rule whose body, once it holds, holds
 * in every later tick, because it negates nothing and reads only relations that keep their facts
 * (config, persisted, carried, derived only from such, or a count or max compared upward). The
 * rules are those of {@link CheckedPrograms#withRules}, named {@code r0}, {@code r1}, ...; each
 * expectation is every such warning of the program.
 */
class EndlessSendTest {
  private static final String TAG = "[DedalusEndlessSend] ";

  /** The endless-send warnings of a program of one role with these rules, as "line N: message". */
  private static List<String> endless(String... rules) {
    Compilation compilation = Sources.compile(CheckedPrograms.withRules("E", rules));
    CheckedPrograms.assertSucceeds(compilation);
    return endless(compilation);
  }

  private static List<String> endless(Compilation compilation) {
    return CheckedPrograms.warnings(compilation).stream().filter(w -> w.contains(TAG)).toList();
  }

  /** The warning at rule {@code i}, which sends {@code relation}, with the reasons given. */
  private static String at(int i, String relation, String reasons) {
    return CheckedPrograms.atRule(i, TAG + "rule 'r" + i + "' sends " + relation + " again in every later tick of its "
        + "node once its body holds: it negates nothing and every relation it reads keeps its facts (" + reasons
        + "). Keep that state only until it is no longer needed, for example until decided or acknowledged "
        + "(X(..) :+ X(..), !Done(..)), or send on a one-tick event such as a received message");
  }

  // ---- reported

  @Test
  void aSendOverPersistedStateIsReported() {
    assertThat(endless("Seen@a(id) :~ Log(id, _), Peers(a)")).containsExactly(at(0, "Seen", "Log: @Persist; Peers: @Config"));
  }

  @Test
  void aSendOverConfigAloneIsReported() {
    assertThat(endless("Flag@a(true) :~ Peers(a)")).containsExactly(at(0, "Flag", "Peers: @Config"));
  }

  @Test
  void aSendOverACarriedRelationIsReported() {
    assertThat(endless(
        "Seen(id) :- In(_, id, _)",
        "Seen(id) :+ Seen(id)",
        "Flag@a(true) :~ Seen(_), Peers(a)"))
        .containsExactly(at(2, "Flag", "Seen: carried by rule 'r1'; Peers: @Config"));
  }

  @Test
  void aSendOverARelationDerivedOnlyFromStableOnesIsReportedWithTheChain() {
    assertThat(endless(
        "Seen(id) :- Log(id, _)",
        "Seen(id + 1) :- Seen(id), id < 5",
        "Flag@a(true) :~ Seen(3), Peers(a)"))
        .containsExactly(at(2, "Flag", "Seen: derived only from Log, Seen; Peers: @Config; Log: @Persist"));
  }

  @Test
  void aSendOverTheHeadOfAnInductiveRuleWithAStableBodyIsReportedButNotThatRule() {
    assertThat(endless(
        "Seen(id) :+ Log(id, _)",
        "Flag@a(true) :~ Seen(_), Peers(a)"))
        .containsExactly(at(1, "Flag", "Seen: derived only from Log; Peers: @Config; Log: @Persist"));
  }

  @Test
  void aCountOrMaxComparedUpwardIsReported() {
    assertThat(endless(
        "Slot(count(id)) :- Log(id, _)",
        "Flag@a(true) :~ Slot(n), n >= 2, Peers(a)",
        "Seen(max(id)) :- Log(id, _)",
        "Flag@a(false) :~ Seen(m), 3 < m, Peers(a)",
        "Dest@a(a) :~ Slot(_), Peers(a)"))
        .containsExactly(
            at(1, "Flag", "Slot: count(id) over Log, which only grows; Peers: @Config; Log: @Persist"),
            at(3, "Flag", "Seen: max(id) over Log, which only grows; Peers: @Config; Log: @Persist"),
            at(4, "Dest", "Slot: count(id) over Log, which only grows; Peers: @Config; Log: @Persist"));
  }

  @Test
  void assignmentsAndConditionsOverStableFactsDoNotStopTheReport() {
    assertThat(endless("Seen@a(h) :~ Log(id, p), h = hash(p), small(id), id != 3, Peers(a)"))
        .containsExactly(at(0, "Seen", "Log: @Persist; Peers: @Config"));
  }

  @Test
  void aDurableRelationIsStable() {
    String source = """
        package test;
        import dev.dedalus.*;
        @Dedalus
        public interface D {
          @Input record In(long id) {}
          @Config(addressesOf = "Node") record Peers(Location addr) {}
          @Durable record Log(long id) {}
          record Copy(long id) {}
          @Role interface Node {
            @Rule("Log(id) :- In(id)") void log();
            @Rule("Copy@p(id) :~ Log(id), Peers(p)") void send(); // send
          }
        }
        """;
    Compilation compilation = Sources.compile(Sources.source("test.D", source));
    CheckedPrograms.assertSucceeds(compilation);
    assertThat(endless(compilation)).hasSize(1);
    assertThat(endless(compilation).get(0)).startsWith(ProgramChecksTest.lineOf(source, "// send") + TAG
        + "rule 'send' sends Copy again in every later tick of its node once its body holds: it negates nothing and "
        + "every relation it reads keeps its facts (Log: @Durable; Peers: @Config).");
  }

  // ---- not reported

  @Test
  void aSendOverTransientInputIsNotReported() {
    assertThat(endless(
        "Seen@a(id) :~ In(_, id, _), Peers(a)",
        "Req(c, id, p) :- In(c, id, p), Log(id, p)",
        "Out@c(id, p) :~ Req(c, id, p)")).isEmpty();
  }

  @Test
  void aSendOverATimerIsNotReported() {
    assertThat(endless("Seen@a(now) :~ Tick(now), Peers(a)")).isEmpty();
  }

  @Test
  void aSendWithNegationIsNotReported() {
    assertThat(endless("Seen@a(id) :~ Log(id, _), Peers(a), !Flag(true)")).isEmpty();
  }

  @Test
  void persistUntilAcknowledgedIsNotReported() {
    String source = """
        package test;
        import dev.dedalus.*;
        @Dedalus
        public interface U {
          @Input record Send(Location client, long id) {}
          @Output record Done(long id) {}
          @Config(addressesOf = "Receiver") record Receivers(Location addr) {}
          record Pending(Location client, long id) {}
          record Msg(Location from, long id) {}
          record AckMsg(long id) {}
          @Durable record Got(long id) {}
          @Role interface Sender {
            @Rule("Pending(c, id) :- Send(c, id)") void accept();
            @Rule("Pending(c, id) :+ Pending(c, id), !AckMsg(id)") void retain();
            @Rule("Msg@r(self, id) :~ Pending(_, id), Receivers(r)") void retransmit();
            @Rule("Done@c(id) :~ Pending(c, id), AckMsg(id)") void reply();
          }
          @Role interface Receiver {
            @Rule("Got(id) :- Msg(_, id)") void log();
            @Rule("AckMsg@s(id) :~ Msg(s, id)") void ack();
          }
        }
        """;
    Compilation compilation = Sources.compile(Sources.source("test.U", source));
    CheckedPrograms.assertSucceeds(compilation);
    assertWithMessage(Sources.describe(compilation)).that(compilation.warnings()).isEmpty();
  }

  @Test
  void aRelationThatAlsoArrivesOverTheNetworkOrFromTransientFactsIsNotStable() {
    assertThat(endless(
        "Seen(id) :- Log(id, _)",
        "Seen@a(id) :~ In(_, id, _), Peers(a)",
        "Flag@a(true) :~ Seen(_), Peers(a)")).isEmpty();
    assertThat(endless(
        "Seen(id) :- Log(id, _)",
        "Seen(id) :- In(_, id, _)",
        "Flag@a(true) :~ Seen(_), Peers(a)")).isEmpty();
  }

  @Test
  void aConditionalCarryIsNotStable() {
    assertThat(endless(
        "Seen(id) :- In(_, id, _)",
        "Seen(id) :+ Seen(id), id > 0",
        "Flag@a(true) :~ Seen(_), Peers(a)")).isEmpty();
  }

  @Test
  void aCountComparedForEqualityDownwardOrSentIsNotReported() {
    assertThat(endless(
        "Slot(count(id)) :- Log(id, _)",
        "Flag@a(true) :~ Slot(n), n == 2, Peers(a)",
        "Flag@a(false) :~ Slot(n), n <= 2, Peers(a)",
        "Seen@a(n) :~ Slot(n), Peers(a)",
        "Dest@a(a) :~ Slot(n), Slot(n), Peers(a)")).isEmpty();
  }

  @Test
  void aMinOrSumIsNotGrowing() {
    assertThat(endless(
        "Seen(min(id)) :- Log(id, _)",
        "Flag@a(true) :~ Seen(m), m > 3, Peers(a)")).isEmpty();
    assertThat(endless(
        "Seen(sum(id)) :- Log(id, _)",
        "Flag@a(true) :~ Seen(m), m > 3, Peers(a)")).isEmpty();
  }

  @Test
  void aProgramWithAnErrorGetsNoReport() {
    Compilation compilation = Sources.compile(CheckedPrograms.withRules("E",
        "Seen@a(id) :~ Log(id, _), Peers(a)",
        "Seen(id) :- Nope(id)"));
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(endless(compilation)).isEmpty();
  }

  @Test
  void votingGetsNoReportInEitherPlan() throws IOException {
    // The example's hints decouple and partition it: the optimized plan is built, and only the rules
    // as written are checked (forwarding rules a rewrite adds are not the user's to fix).
    Compilation example = Sources.compile(JavaFileObjects.forResource("programs/example/Voting.java"));
    CheckedPrograms.assertSucceeds(example);
    assertThat(example.notes().stream().filter(n -> n.getMessage(Locale.ROOT).startsWith("[DedalusDecoupled]")).count())
        .isEqualTo(2);
    assertThat(endless(example)).isEmpty();
    Path protocol = Path.of("..", "protocols", "src", "main", "java", "dev", "dedalus", "protocols", "voting", "Voting.java");
    assertWithMessage("the protocols module's voting, at %s", protocol.toAbsolutePath()).that(Files.exists(protocol)).isTrue();
    Compilation voting = Sources.compile(Sources.source("dev.dedalus.protocols.voting.Voting", Files.readString(protocol)));
    CheckedPrograms.assertSucceeds(voting);
    assertThat(endless(voting)).isEmpty();
  }
}
