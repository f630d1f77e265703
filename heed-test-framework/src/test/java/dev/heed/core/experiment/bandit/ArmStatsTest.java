package dev.heed.core.experiment.bandit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Concurrent updates lose nothing. */
class ArmStatsTest {
  private static final int THREADS = 8;

  /** Starts the tasks together, waits for them and rethrows the first failure. */
  private static void hammer(List<Runnable> tasks) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (Runnable task : tasks) {
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                  task.run();
                } catch (Throwable e) {
                  failures.add(e);
                }
              });
      t.start();
      threads.add(t);
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void concurrentRecordsAreAllCounted() throws Exception {
    ArmStats stats = new ArmStats(3);
    int perThread = 200_000;
    List<Runnable> tasks = new ArrayList<>();
    for (int w = 0; w < THREADS; w++) {
      tasks.add(
          () -> {
            for (int i = 0; i < perThread; i++) {
              stats.record(i % 3, i % 5 == 0);
            }
          });
    }
    hammer(tasks);
    long[] impressions = new long[3];
    long[] clicks = new long[3];
    for (int i = 0; i < perThread; i++) {
      impressions[i % 3] += THREADS;
      clicks[i % 3] += i % 5 == 0 ? THREADS : 0;
    }
    for (int a = 0; a < 3; a++) {
      assertThat(stats.counts(a)).isEqualTo(new ArmStats.Counts(impressions[a], clicks[a]));
    }
  }

  @Test
  void itemVariantsServeManyThreadsAndCountEveryEvent() throws Exception {
    long seed = Seeds.seed("ArmStatsTest");
    ItemVariants variants = new ItemVariants(new ThompsonSampling());
    int perThread = 20_000;
    String[] items = {"a", "b", "c", "d"};
    long[][] shown = new long[THREADS][items.length * 3];
    long[][] clicked = new long[THREADS][items.length * 3];
    List<Runnable> tasks = new ArrayList<>();
    for (int w = 0; w < THREADS; w++) {
      int worker = w;
      tasks.add(
          () -> {
            UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + worker);
            for (int i = 0; i < perThread; i++) {
              int item = random.nextInt(items.length);
              int v = variants.choose(items[item], 3, random);
              assertThat(variants.impression(items[item], v)).isTrue();
              shown[worker][item * 3 + v]++;
              // Variant 2 of every item is the one people click.
              if (random.nextDouble() < (v == 2 ? 0.3 : 0.05)) {
                assertThat(variants.click(items[item], v)).isTrue();
                clicked[worker][item * 3 + v]++;
              }
            }
          });
    }
    hammer(tasks);
    for (int item = 0; item < items.length; item++) {
      ArmStats stats = variants.stats(items[item]);
      for (int v = 0; v < 3; v++) {
        long s = 0;
        long c = 0;
        for (int w = 0; w < THREADS; w++) {
          s += shown[w][item * 3 + v];
          c += clicked[w][item * 3 + v];
        }
        assertThat(stats.counts(v)).isEqualTo(new ArmStats.Counts(s, c));
      }
      assertThat(stats.counts(2).impressions())
          .as("item %s: the clicked variant gets most of the traffic", items[item])
          .isGreaterThan(stats.counts(0).impressions() + stats.counts(1).impressions());
    }
    // Events for variants that do not exist are dropped; a new set of variants starts over.
    assertThat(variants.click("a", 3)).isFalse();
    assertThat(variants.impression("unknown", 0)).isFalse();
    variants.choose("a", 2, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
    assertThat(variants.stats("a").size()).isEqualTo(2);
    assertThat(variants.stats("a").counts(0).impressions()).isZero();
  }
}
