package dev.dedalus.protocols.semantics;

import static com.google.common.truth.Truth.assertThat;

import dev.dedalus.runtime.Topology;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generated stage's aggregates, index(), set semantics, arithmetic, timers and negation. */
class ShopTest {
  private StageDriver shop;

  @BeforeEach
  void setUp() {
    Topology topology = Topology.builder(Shop_Program.INSTANCE)
        .config(new Shop.Catalog("apple")).config(new Shop.Catalog("bread")).config(new Shop.Catalog("cheese"))
        .build();
    shop = new StageDriver(topology, "Counter");
  }

  @Test
  void aggregatesGroupByTheOtherHeadArguments() {
    shop.deliver(new Shop.Sale(StageDriver.CLIENT, "apple", 2, 1.5))
        .deliver(new Shop.Sale(StageDriver.CLIENT, "apple", 2, 1.0))
        .deliver(new Shop.Sale(StageDriver.CLIENT, "apple", 3, 4.0))
        .deliver(new Shop.Sale(StageDriver.CLIENT, "bread", 1, 2.0));
    List<Shop.ItemStats> stats = shop.tickAndCollect(0, Shop.ItemStats.class);
    assertThat(stats).hasSize(2);
    Shop.ItemStats apple = stats.stream().filter(s -> s.item().equals("apple")).findFirst().orElseThrow();
    assertThat(apple.distinctQuantities()).isEqualTo(2); // count(q) counts distinct values: 2 and 3
    assertThat(apple.totalQty()).isEqualTo(7); // sum(q) adds over the body's distinct derivations
    assertThat(apple.cheapest()).isEqualTo(1.0);
    assertThat(apple.dearest()).isEqualTo(4.0);
    assertThat(apple.anyQty()).isIn(List.of(2L, 3L));
    assertThat(stats).contains(new Shop.ItemStats("bread", 1, 1, 2.0, 2.0, 1));
  }

  @Test
  void aggregatesOverPersistedRelationsAreMaintainedAcrossTicks() {
    shop.deliver(new Shop.Watch(StageDriver.CLIENT))
        .deliver(new Shop.Sale(StageDriver.CLIENT, "apple", 2, 1.0))
        .deliver(new Shop.Sale(StageDriver.CLIENT, "apple", 3, 1.0));
    List<StageDriver.Sent> first = shop.tick(0);
    assertThat(facts(first, Shop.Totals.class)).containsExactly(new Shop.Totals("apple", 2, 5, 3));
    assertThat(facts(first, Shop.Top.class)).containsExactly(new Shop.Top(3));

    // Only the group that changed is sent again; the maximum is kept over all ticks.
    shop.deliver(new Shop.Sale(StageDriver.CLIENT, "bread", 1, 1.0));
    List<StageDriver.Sent> second = shop.tick(1);
    assertThat(facts(second, Shop.Totals.class)).containsExactly(new Shop.Totals("bread", 1, 1, 1));
    assertThat(facts(second, Shop.Top.class)).containsExactly(new Shop.Top(3));

    // (apple, 2) is already in the ledger: a set, so it adds nothing; (apple, 7) does.
    shop.deliver(new Shop.Sale(StageDriver.CLIENT, "apple", 2, 9.0))
        .deliver(new Shop.Sale(StageDriver.CLIENT, "apple", 7, 1.0));
    List<StageDriver.Sent> third = shop.tick(2);
    assertThat(facts(third, Shop.Totals.class)).containsExactly(new Shop.Totals("apple", 3, 12, 7));
    assertThat(facts(third, Shop.Top.class)).containsExactly(new Shop.Top(7));
  }

  private static <T> List<T> facts(List<StageDriver.Sent> sent, Class<T> type) {
    return sent.stream().map(StageDriver.Sent::fact).filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void indexNumbersTheDistinctHeadFactsOfATick() {
    shop.deliver(new Shop.Sale(StageDriver.CLIENT, "apple", 1, 1.0))
        .deliver(new Shop.Sale(StageDriver.CLIENT, "apple", 2, 1.0))
        .deliver(new Shop.Sale(StageDriver.CLIENT, "bread", 1, 1.0))
        .deliver(new Shop.Sale(StageDriver.CLIENT, "cheese", 1, 1.0));
    List<Shop.Numbered> numbered = shop.tickAndCollect(0, Shop.Numbered.class);
    assertThat(numbered.stream().map(Shop.Numbered::index).collect(Collectors.toSet())).isEqualTo(Set.of(0, 1, 2));
    assertThat(numbered.stream().map(Shop.Numbered::item).collect(Collectors.toSet()))
        .isEqualTo(Set.of("apple", "bread", "cheese"));
    // A new tick numbers from 0 again.
    shop.deliver(new Shop.Sale(StageDriver.CLIENT, "bread", 5, 1.0));
    assertThat(shop.tickAndCollect(1, Shop.Numbered.class)).containsExactly(new Shop.Numbered(0, "bread"));
  }

  @Test
  void byteArraysAreComparedByContent() {
    shop.deliver(new Shop.Blob(StageDriver.CLIENT, new byte[] {1, 2}))
        .deliver(new Shop.Blob(StageDriver.CLIENT, new byte[] {1, 2}))
        .deliver(new Shop.Blob(StageDriver.CLIENT, new byte[] {3}));
    assertThat(shop.tickAndCollect(0, Shop.BlobCount.class)).containsExactly(new Shop.BlobCount(2));
  }

  @Test
  void integerDivisionByZeroDerivesNothing() {
    shop.deliver(new Shop.Div(StageDriver.CLIENT, 7, 2)).deliver(new Shop.Div(StageDriver.CLIENT, 1, 0));
    assertThat(shop.tickAndCollect(0, Shop.Quotient.class)).containsExactly(new Shop.Quotient(3));
  }

  @Test
  void timersFireOncePerPeriodAndPersistedFactsLast() {
    assertThat(shop.stage().nextTimerMillis()).isEqualTo(0L); // due at once
    shop.deliver(new Shop.Watch(StageDriver.CLIENT));
    assertThat(shop.tickAndCollect(1_000, Shop.Fired.class)).containsExactly(new Shop.Fired(1_000));
    assertThat(shop.stage().nextTimerMillis()).isEqualTo(1_100L);
    assertThat(shop.tickAndCollect(1_050, Shop.Fired.class)).isEmpty();
    // Watchers persisted: the next firing still finds the watcher.
    assertThat(shop.tickAndCollect(1_100, Shop.Fired.class)).containsExactly(new Shop.Fired(1_100));
  }

  @Test
  void negationSeesTheCompletedLowerStratum() {
    shop.deliver(new Shop.Watch(StageDriver.CLIENT)).deliver(new Shop.Sale(StageDriver.CLIENT, "apple", 1, 1.0));
    assertThat(shop.tickAndCollect(0, Shop.Unsold.class))
        .containsExactly(new Shop.Unsold("bread"), new Shop.Unsold("cheese"));
    shop.deliver(new Shop.Sale(StageDriver.CLIENT, "bread", 1, 1.0));
    assertThat(shop.tickAndCollect(1, Shop.Unsold.class)).containsExactly(new Shop.Unsold("cheese"));
  }

  @Test
  void aTickAsksForAnotherOnlyAfterInputOrAChange() {
    shop.deliver(new Shop.Sale(StageDriver.CLIENT, "apple", 1, 1.0));
    shop.tick(0);
    assertThat(shop.lastTickWantsMore).isTrue();
    shop.tick(1); // no input, no timer due, and the persisted relations did not change
    assertThat(shop.lastTickWantsMore).isFalse();
    shop.tick(100); // the timer fired: that is input
    assertThat(shop.lastTickWantsMore).isTrue();
    shop.tick(101);
    assertThat(shop.lastTickWantsMore).isFalse();
  }
}
