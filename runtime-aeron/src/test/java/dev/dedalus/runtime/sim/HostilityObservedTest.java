package dev.dedalus.runtime.sim;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.dedalus.runtime.Topology;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The simulator's hostility, checked by what a program observes rather than by the simulator's
 * counters: a {@link RecordingProgram.Recorder} records every fact delivered to it, and each
 * option must change what it sees (duplicates, two ticks for one fact, out-of-order arrival,
 * several facts in one tick, spread-out arrival times), while with the option off the observation
 * never happens. Each control keeps every other option as hostile as it can while the observation
 * still has no other possible cause, so it also shows the other options do not fake it.
 */
class HostilityObservedTest {
  private static final int FACTS = 20;
  private static final int SEEDS = 100;
  private static final int CONTROL_SEEDS = 300;
  private static final long LATENCY = 3;

  /**
   * Nothing hostile: a fixed latency (facts sent in one tick are all due at once), no reordering,
   * batching, delay, duplication or lagging time. Tests switch one option on.
   */
  private static final SimulationOptions CALM = SimulationOptions.builder()
      .latencyMillis(LATENCY, LATENCY).reorderProbability(0).batching(0, 8).delay(0, 1, 0)
      .duplicateProbability(0).advanceTimeProbability(0).recordTrace(false).build();

  /** Runs the recording program under one seed; every fact must have arrived at least once. */
  private static Arrivals observe(SimulationOptions options, long seed) {
    Simulation sim = new Simulation(Topology.builder(new RecordingProgram(FACTS)).build(), seed, options);
    SimulationResult result = sim.run(100_000);
    assertWithMessage("seed %s: %s", seed, result).that(result.quiescent()).isTrue();
    RecordingProgram.Recorder recorder = (RecordingProgram.Recorder) sim.stage(sim.node(RecordingProgram.RECORDER, 0));
    Arrivals arrivals = new Arrivals(recorder.arrivals());
    assertWithMessage("seed %s: distinct facts delivered", seed).that(arrivals.distinctFacts()).isEqualTo(FACTS);
    return arrivals;
  }

  /** In how many of {@code seeds} seeds from 0 the recorder saw {@code observation}. */
  private static int seedsObserving(SimulationOptions options, int seeds, Predicate<Arrivals> observation) {
    int seen = 0;
    for (long seed = 0; seed < seeds; seed++) {
      if (observation.test(observe(options, seed))) {
        seen++;
      }
    }
    return seen;
  }

  // ---- duplication

  @Test
  void withDuplicationSomeFactIsDeliveredTwiceAndInTwoTicks() {
    SimulationOptions dup = CALM.toBuilder().duplicateProbability(0.2).build();
    assertWithMessage("seeds where a fact was delivered twice")
        .that(seedsObserving(dup, SEEDS, a -> a.mostDeliveriesOfOneFact() >= 2)).isAtLeast(SEEDS / 2);
    assertWithMessage("seeds where a fact arrived in two different ticks")
        .that(seedsObserving(dup, SEEDS, Arrivals::someFactInTwoTicks)).isAtLeast(SEEDS / 2);
  }

  @Test
  void withoutDuplicationNoFactIsDeliveredTwice() {
    // Everything else hostile: delays, reordering, batching, random latency, lagging time.
    SimulationOptions noDup = SimulationOptions.builder().duplicateProbability(0).delay(0.3, 40, 3)
        .batching(0.7, 8).latencyMillis(1, 9).advanceTimeProbability(0.2).recordTrace(false).build();
    assertWithMessage("seeds where a fact was delivered twice")
        .that(seedsObserving(noDup, CONTROL_SEEDS, a -> a.mostDeliveriesOfOneFact() >= 2)).isEqualTo(0);
  }

  // ---- reordering

  @Test
  void withReorderingFactsArriveOutOfSendOrder() {
    SimulationOptions reorder = CALM.toBuilder().reorderProbability(1.0).build();
    assertWithMessage("seeds where facts arrived out of send order")
        .that(seedsObserving(reorder, SEEDS, Arrivals::outOfSendOrder)).isAtLeast(SEEDS / 2);
  }

  @Test
  void withoutReorderingFactsArriveInSendOrder() {
    // Batching, duplication (copies are ignored) and lagging time cannot reorder one channel whose
    // facts are all due at once; delays and random latency could, so they stay off.
    SimulationOptions fifo = CALM.toBuilder().batching(0.7, 8).duplicateProbability(0.3).advanceTimeProbability(0.2).build();
    assertWithMessage("seeds where facts arrived out of send order")
        .that(seedsObserving(fifo, CONTROL_SEEDS, Arrivals::outOfSendOrder)).isEqualTo(0);
  }

  // ---- batching

  /**
   * The scheduler never delivers a second message to a node that is waiting to tick unless the
   * delivery is a batch, and never forces a starved message in, so only a batch can put several
   * facts into one tick.
   */
  private static SimulationOptions.Builder oneDeliveryPerTick(SimulationOptions base) {
    return base.toBuilder().deliverProbability(0).fairnessSteps(1_000_000);
  }

  @Test
  void withBatchingATickReceivesSeveralFacts() {
    SimulationOptions batch = oneDeliveryPerTick(CALM).batching(1.0, 8).build();
    assertWithMessage("seeds where a tick received several facts")
        .that(seedsObserving(batch, SEEDS, a -> a.largestTick() >= 2)).isEqualTo(SEEDS);
    assertWithMessage("seeds where a tick received a full batch of 8")
        .that(seedsObserving(batch, SEEDS, a -> a.largestTick() == 8)).isAtLeast(1);
  }

  @Test
  void withoutBatchingEveryTickReceivesOneFact() {
    SimulationOptions single = oneDeliveryPerTick(CALM).batching(0, 8).reorderProbability(1.0)
        .duplicateProbability(0.3).delay(0.3, 40, 3).latencyMillis(1, 9).advanceTimeProbability(0.2).build();
    assertWithMessage("seeds where a tick received several facts")
        .that(seedsObserving(single, CONTROL_SEEDS, a -> a.largestTick() >= 2)).isEqualTo(0);
  }

  // ---- delays

  @Test
  void withDelaysArrivalTimesSpread() {
    SimulationOptions delayed = CALM.toBuilder().delay(0.3, 40, 2).build();
    assertWithMessage("seeds where arrival times spread")
        .that(seedsObserving(delayed, SEEDS, a -> a.arrivalTimeSpread() > 0)).isAtLeast(SEEDS / 2);
    assertWithMessage("seeds where a fact arrived more than 10ms after the others")
        .that(seedsObserving(delayed, SEEDS, a -> a.arrivalTimeSpread() > 10)).isAtLeast(SEEDS / 4);
  }

  @Test
  void withoutDelaysEveryFactArrivesAfterExactlyTheLatency() {
    // Facts sent at time 0 with a fixed latency are all due at LATENCY; reordering and batching
    // change the order, not the time. Duplicates (later copies) and lagging time stay off.
    SimulationOptions prompt = CALM.toBuilder().reorderProbability(1.0).batching(0.7, 8).build();
    assertWithMessage("seeds where a fact arrived at another time than " + LATENCY + "ms")
        .that(seedsObserving(prompt, CONTROL_SEEDS,
            a -> a.all().stream().anyMatch(x -> x.atMillis() != LATENCY))).isEqualTo(0);
  }
}
