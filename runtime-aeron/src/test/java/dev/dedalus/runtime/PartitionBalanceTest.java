package dev.dedalus.runtime;

import static com.google.common.truth.Truth.assertWithMessage;

import org.junit.jupiter.api.Test;

/**
 * Routing by key spreads sequential keys evenly: with 100,000 sequential request ids and 5
 * partitions, every partition gets between 18% and 22% of the facts. Generated stages route a
 * fact with a {@code long} key exactly this way.
 */
class PartitionBalanceTest {

  @Test
  void sequentialIdsSpreadEvenlyOverFivePartitions() {
    int partitions = 5;
    int facts = 100_000;
    int[] counts = new int[partitions];
    for (long id = 0; id < facts; id++) {
      counts[Hashing.partition(Hashing.finish(Hashing.add(Hashing.start(), id)), partitions)]++;
    }
    for (int p = 0; p < partitions; p++) {
      double share = counts[p] / (double) facts;
      assertWithMessage("partition %s gets %s of the facts", p, share).that(share).isAtLeast(0.18);
      assertWithMessage("partition %s gets %s of the facts", p, share).that(share).isAtMost(0.22);
    }
  }

  @Test
  void stringKeysSpreadToo() {
    int partitions = 3;
    int[] counts = new int[partitions];
    for (int i = 0; i < 30_000; i++) {
      counts[Hashing.partition(Hashing.finish(Hashing.add(Hashing.start(), "item-" + i)), partitions)]++;
    }
    for (int c : counts) {
      assertWithMessage("share").that(c / 30_000.0).isWithin(0.03).of(1 / 3.0);
    }
  }
}
