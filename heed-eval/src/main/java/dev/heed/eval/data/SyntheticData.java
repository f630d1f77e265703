package dev.heed.eval.data;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A seeded generator of implicit feedback with the shape of real data: item popularity follows a
 * power law (Zipf exponent 0.9), user activity is log-normal (σ = 1), and preferences have latent
 * structure: every item belongs to one of {@code topics} topics, every user favours one to three
 * topics, and 85% of a user's interactions come from their topics (the rest from the global
 * popularity). Each user's timestamps run forward over one year from 2024-01-01.
 */
public record SyntheticData(int users, int items, long interactions, long seed, int topics) {
  private static final long START = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
  private static final long YEAR = 365L * 24 * 3_600_000;

  /** Parses {@code synthetic:USERS,ITEMS,INTERACTIONS,SEED}. */
  public static SyntheticData parse(String spec) {
    String[] f = spec.substring("synthetic:".length()).split(",");
    if (f.length != 4) {
      throw new IllegalArgumentException(
          "synthetic data is synthetic:USERS,ITEMS,INTERACTIONS,SEED, not " + spec);
    }
    try {
      int users = Integer.parseInt(f[0].trim());
      int items = Integer.parseInt(f[1].trim());
      long n = Long.parseLong(f[2].trim());
      long seed = Long.parseLong(f[3].trim());
      if (users < 1 || items < 2 || n < users || n > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "synthetic data needs USERS >= 1, ITEMS >= 2, USERS <= INTERACTIONS < 2^31: " + spec);
      }
      return new SyntheticData(users, items, n, seed, Math.max(2, Math.min(50, items / 40)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("synthetic data needs four integers: " + spec);
    }
  }

  public InteractionLog generate() {
    SplittableRandom random = new SplittableRandom(seed);
    // Popularity: a Zipf weight per item, assigned to items in a shuffled order.
    int[] rankOf = shuffled(items, new Random(seed));
    double[] pop = new double[items];
    for (int i = 0; i < items; i++) {
      pop[i] = Math.pow(rankOf[i] + 1, -0.9);
    }
    int[] topicOf = new int[items];
    for (int i = 0; i < items; i++) {
      topicOf[i] = random.nextInt(topics);
    }
    Sampler global = new Sampler(pop, null, -1);
    Sampler[] byTopic = new Sampler[topics];
    for (int t = 0; t < topics; t++) {
      byTopic[t] = new Sampler(pop, topicOf, t);
    }
    // Activity: log-normal, scaled to the requested total, at least 1, at most half the catalog.
    double[] activity = new double[users];
    double sum = 0;
    for (int u = 0; u < users; u++) {
      activity[u] = Math.exp(random.nextGaussian());
      sum += activity[u];
    }
    IdIndex userIds = new IdIndex();
    IdIndex itemIds = new IdIndex();
    for (int u = 0; u < users; u++) {
      userIds.intern("u" + u);
    }
    for (int i = 0; i < items; i++) {
      itemIds.intern("i" + i);
    }
    InteractionLog log = new InteractionLog(userIds, itemIds);
    int[] favourite = new int[3];
    double[] share = new double[3];
    long[] times = new long[0];
    for (int u = 0; u < users; u++) {
      int n = (int) Math.max(1, Math.min(items / 2, Math.round(activity[u] / sum * interactions)));
      int k = 1 + random.nextInt(3);
      double total = 0;
      for (int j = 0; j < k; j++) {
        favourite[j] = random.nextInt(topics);
        share[j] = 0.2 + random.nextDouble();
        total += share[j];
      }
      if (times.length < n) {
        times = new long[Math.max(n, 2 * times.length)];
      }
      long begin = START + (long) (random.nextDouble() * YEAR * 0.5);
      long span = (long) (YEAR * 0.5 * (0.1 + 0.9 * random.nextDouble()));
      for (int j = 0; j < n; j++) {
        times[j] = begin + (long) (random.nextDouble() * span);
      }
      Arrays.sort(times, 0, n);
      for (int j = 0; j < n; j++) {
        int item;
        if (random.nextDouble() < 0.85) {
          double pick = random.nextDouble() * total;
          int t = 0;
          while (t < k - 1 && pick >= share[t]) {
            pick -= share[t++];
          }
          item = byTopic[favourite[t]].sample(random);
          if (item < 0) {
            item = global.sample(random);
          }
        } else {
          item = global.sample(random);
        }
        log.add(u, item, 1f, times[j]);
      }
    }
    return log;
  }

  private static int[] shuffled(int n, Random random) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** Draws items in proportion to weight, optionally restricted to one topic (binary search). */
  private static final class Sampler {
    private final int[] item;
    private final double[] cumulative;

    Sampler(double[] weight, int[] topicOf, int topic) {
      int n = 0;
      for (int i = 0; i < weight.length; i++) {
        if (topicOf == null || topicOf[i] == topic) {
          n++;
        }
      }
      item = new int[n];
      cumulative = new double[n];
      double acc = 0;
      int j = 0;
      for (int i = 0; i < weight.length; i++) {
        if (topicOf == null || topicOf[i] == topic) {
          acc += weight[i];
          item[j] = i;
          cumulative[j++] = acc;
        }
      }
    }

    /** An item, or -1 when this sampler is empty. */
    int sample(SplittableRandom random) {
      if (item.length == 0) {
        return -1;
      }
      double x = random.nextDouble() * cumulative[cumulative.length - 1];
      int pos = Arrays.binarySearch(cumulative, x);
      if (pos < 0) {
        pos = -pos - 1;
      }
      return item[Math.min(pos, item.length - 1)];
    }
  }
}
