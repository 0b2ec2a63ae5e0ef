package dev.dedalus.runtime.aeron;

import static com.google.common.truth.Truth.assertThat;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;

class EndpointCountersTest {
  @Test
  void inMemoryCountersAddUpPerCounter() {
    EndpointCounters counters = new EndpointCounters("node");
    counters.increment(Counter.TICKS);
    counters.increment(Counter.TICKS);
    counters.add(Counter.BUSY_CPU_NANOS, 1_500);

    assertThat(counters.get(Counter.TICKS)).isEqualTo(2);
    assertThat(counters.get(Counter.BUSY_CPU_NANOS)).isEqualTo(1_500);
    assertThat(counters.get(Counter.FRAMES_SENT)).isEqualTo(0);
    assertThat(counters.toString()).isEqualTo("node{ticks=2, busyCpuNanos=1500}");
  }

  @Test
  void countersOverCellsWriteThoseCells() {
    UnsafeBuffer values = valuesBuffer();
    EndpointCounters counters = new EndpointCounters("node", cellsOver(values));

    counters.add(Counter.FACTS_SENT, 7);

    assertThat(values.getLongVolatile(CountersReader.counterOffset(Counter.FACTS_SENT.ordinal()))).isEqualTo(7);
  }

  @Test
  void movedToMemoryTheyKeepTheirValuesAndNoLongerTouchTheOldCells() {
    UnsafeBuffer values = valuesBuffer();
    EndpointCounters counters = new EndpointCounters("node", cellsOver(values));
    counters.add(Counter.FACTS_SENT, 7);

    counters.moveToMemory();
    // The freed slot is reused by someone else's counter.
    values.putLongVolatile(CountersReader.counterOffset(Counter.FACTS_SENT.ordinal()), 99);
    counters.increment(Counter.TICKS);

    assertThat(counters.get(Counter.FACTS_SENT)).isEqualTo(7);
    assertThat(counters.get(Counter.TICKS)).isEqualTo(1);
    assertThat(values.getLongVolatile(CountersReader.counterOffset(Counter.TICKS.ordinal()))).isEqualTo(0);
  }

  private static UnsafeBuffer valuesBuffer() {
    return new UnsafeBuffer(new byte[Counter.values().length * CountersReader.COUNTER_LENGTH]);
  }

  private static AtomicCounter[] cellsOver(UnsafeBuffer values) {
    AtomicCounter[] cells = new AtomicCounter[Counter.values().length];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = new AtomicCounter(values, i);
    }
    return cells;
  }
}
