package dev.dedalus.processor.plan;

import dev.dedalus.processor.model.Relation;
import java.util.List;

/**
 * One statement of a stage's tick, in the order the planner scheduled them: the tick's shape
 * (what runs, what is carried, swapped, erased or cleared) is decided here, and the generator
 * only prints it.
 */
public sealed interface TickStatement {

  /** Fires every timer that is due, as a fact of its relation. */
  record FireTimers(List<Relation> timers) implements TickStatement {
    public FireTimers {
      timers = List.copyOf(timers);
    }
  }

  /** Remembers the size of the relations that only grow, to tell at the end whether they grew. */
  record MarkGrowth(List<Relation> relations) implements TickStatement {
    public MarkGrowth {
      relations = List.copyOf(relations);
    }
  }

  /** Runs a stratum's deductive rules, to a fixpoint if it is recursive. */
  record Stratum(int index, boolean fixpoint, List<String> rules) implements TickStatement {
    public Stratum {
      rules = List.copyOf(rules);
    }
  }

  /** Runs an inductive or asynchronous rule, once, after the fixpoint. */
  record Deferred(String rule) implements TickStatement {}

  /** Finds which facts of a {@link KeptCarry} its rule drops (they are erased at the end of the tick). */
  record FindDrops(KeptCarry carry) implements TickStatement {}

  /** A persisted relation takes the facts {@code :+} rules derived for the next tick. */
  record Merge(Relation relation) implements TickStatement {}

  /**
   * A store erases the facts its carry dropped (each erased fact leaves the aggregates maintained
   * over it), then takes the facts other {@code :+} rules derived; the tick changed state if either
   * happened. Journals both first when the store is durable.
   *
   * @param aggregates the rules whose groups are maintained over the store
   */
  record EraseAndMerge(KeptCarry carry, boolean merge, boolean durable, List<String> aggregates) implements TickStatement {
    public EraseAndMerge {
      aggregates = List.copyOf(aggregates);
    }
  }

  /**
   * A store compacts when more of its positions are erased than live, moving the watermarks into
   * it (for a kept carry, also where its unchecked facts start and what the journal has).
   */
  record Compact(Relation relation, List<String> watermarks, boolean kept) implements TickStatement {
    public Compact {
      watermarks = List.copyOf(watermarks);
    }
  }

  /**
   * A one-tick relation rebuilt by {@code :+} rules: it takes the next tick's facts by swapping
   * storage (nothing is copied); the tick changed state if they differ from this tick's. Journals
   * the difference first when it is durable.
   */
  record Swap(Relation relation, boolean durable) implements TickStatement {}

  /** A one-tick relation is emptied (a durable one journals the erasure of what it held). */
  record Clear(Relation relation, boolean durable) implements TickStatement {}

  /** After the merges: the tick changed state if a relation that only grows grew. */
  record ChangedIfGrew(List<Relation> relations) implements TickStatement {
    public ChangedIfGrew {
      relations = List.copyOf(relations);
    }
  }

  /** Journals the facts a persisted durable relation gained. */
  record JournalGrowth(Relation relation) implements TickStatement {}

  /** Rules over one-tick relations (and stores, which change in place) read them afresh next tick. */
  record ResetWatermarks(List<String> watermarks) implements TickStatement {
    public ResetWatermarks {
      watermarks = List.copyOf(watermarks);
    }
  }
}
