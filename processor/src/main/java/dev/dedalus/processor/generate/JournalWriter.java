package dev.dedalus.processor.generate;

import static dev.dedalus.processor.generate.StageNames.journaled;
import static dev.dedalus.processor.generate.StageNames.next;
import static dev.dedalus.processor.generate.StageNames.rel;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import dev.dedalus.processor.model.Relation;

/** Prints how a stage's durable relations reach its journal at the end of a tick. */
final class JournalWriter {
  private final StageSource stage;

  JournalWriter(StageSource stage) {
    this.stage = stage;
  }

  /** Journals the facts a persisted durable relation gained since the journal last saw it. */
  void journalGrowth(MethodSpec.Builder m, Relation r) {
    m.addComment("Journal the facts $L gained; the runtime commits them before this tick's sends leave.", r.name());
    m.beginControlFlow("for (int i = $L; i < $L.size(); i++)", journaled(r), rel(r))
        .addStatement("journal.append($T.$L, $L.get(i))", Names.codecs(stage.program()), Names.constant(r.name()), rel(r))
        .endControlFlow()
        .addStatement("$L = $L.size()", journaled(r), rel(r));
  }

  /**
   * Journals how a {@code @Durable(persist = false)} relation changes into the next tick: the
   * journal holds the first {@code journaled} facts of the relation (what this tick started with);
   * the next tick holds {@code next} (nothing when no rule carries it). Facts received or derived
   * in this tick and not carried are never journaled: a restart recovers the relation as the next
   * tick would have seen it.
   */
  void journalCarried(MethodSpec.Builder m, Relation r, boolean hasNext) {
    ClassName record = Names.record(stage.program(), r);
    ClassName codecs = Names.codecs(stage.program());
    m.addComment("Journal what $L loses and gains into the next tick, before this tick's sends leave.", r.name());
    m.beginControlFlow("for (int i = 0; i < $L; i++)", journaled(r))
        .addStatement("final $T fact = $L.get(i)", record, rel(r));
    if (hasNext) {
      m.beginControlFlow("if (!$L.contains(fact))", next(r));
    }
    m.addStatement("journal.erase($T.$L, fact)", codecs, Names.constant(r.name()));
    if (hasNext) {
      m.endControlFlow();
    }
    m.endControlFlow();
    if (hasNext) {
      m.beginControlFlow("for (int i = 0; i < $L.size(); i++)", next(r))
          .addStatement("final $T fact = $L.get(i)", record, next(r))
          .addStatement("final int at = $L.positionOf(fact)", rel(r))
          .beginControlFlow("if (at < 0 || at >= $L)", journaled(r))
          .addStatement("journal.append($T.$L, fact)", codecs, Names.constant(r.name()))
          .endControlFlow()
          .endControlFlow();
    }
  }
}
