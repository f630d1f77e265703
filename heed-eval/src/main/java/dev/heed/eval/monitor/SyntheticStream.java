package dev.heed.eval.monitor;

import dev.heed.core.monitor.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic opinion stream: hourly document and negative counts for {@code topics} topics
 * over {@code days} days, with injected spikes at known hours.
 *
 * <p>Topic t has a base rate b_t drawn from [20, 200] documents per hour, a daily cycle rate(h) =
 * b_t · (1 + 0.6 · sin(2π (h + φ_t) / 24)) and a negative share p_t drawn from [0.1, 0.3] that
 * wanders by ±0.03 from day to day; documents are Poisson(rate) and negatives Binomial(documents,
 * p). After the first week, each topic gets {@code spikesPerKind} negative-share spikes (p raised
 * by 0.2 to 0.4) and as many volume spikes (rate times 2.5 to 4), each lasting 1 to 4 hours, none
 * overlapping another spike of the same topic.
 */
public final class SyntheticStream {
  /** An injected spike: hours {@code [start, start + hours)} of a topic. */
  public record Spike(String topic, Alert.Kind kind, long start, int hours) {}

  /** One topic's hourly counts, hour 0 first. */
  public record TopicCounts(String topic, long[] documents, long[] negative) {}

  private final List<TopicCounts> counts = new ArrayList<>();
  private final List<Spike> spikes = new ArrayList<>();
  private final int hours;

  public SyntheticStream(long seed, int topics, int days, int spikesPerKind) {
    if (topics < 1 || days < 8 || spikesPerKind < 0) {
      throw new IllegalArgumentException("need topics >= 1, days >= 8, spikesPerKind >= 0");
    }
    this.hours = days * 24;
    SplittableRandom random = new SplittableRandom(seed);
    for (int t = 0; t < topics; t++) {
      String topic = "topic-" + t;
      double base = 20 + random.nextDouble() * 180;
      double phase = random.nextDouble() * 24;
      double share = 0.1 + random.nextDouble() * 0.2;
      double[] rate = new double[hours];
      double[] p = new double[hours];
      double drift = 0;
      for (int h = 0; h < hours; h++) {
        if (h % 24 == 0) {
          drift = (random.nextDouble() * 2 - 1) * 0.03;
        }
        rate[h] = base * (1 + 0.6 * Math.sin(2 * Math.PI * (h + phase) / 24));
        p[h] = share + drift;
      }
      boolean[] taken = new boolean[hours];
      for (Alert.Kind kind : Alert.Kind.values()) {
        for (int i = 0; i < spikesPerKind; i++) {
          for (int attempt = 0; attempt < 1000; attempt++) {
            int length = 1 + random.nextInt(4);
            int start = 7 * 24 + random.nextInt(hours - 7 * 24 - length);
            if (free(taken, start - 6, start + length + 6)) {
              for (int h = start; h < start + length; h++) {
                taken[h] = true;
                if (kind == Alert.Kind.VOLUME) {
                  rate[h] *= 2.5 + random.nextDouble() * 1.5;
                } else {
                  p[h] = Math.min(0.95, p[h] + 0.2 + random.nextDouble() * 0.2);
                }
              }
              spikes.add(new Spike(topic, kind, start, length));
              break;
            }
          }
        }
      }
      long[] documents = new long[hours];
      long[] negative = new long[hours];
      for (int h = 0; h < hours; h++) {
        documents[h] = poisson(random, rate[h]);
        negative[h] = binomial(random, documents[h], p[h]);
      }
      counts.add(new TopicCounts(topic, documents, negative));
    }
  }

  public int hours() {
    return hours;
  }

  public List<TopicCounts> counts() {
    return counts;
  }

  public List<Spike> spikes() {
    return spikes;
  }

  private static boolean free(boolean[] taken, int from, int to) {
    for (int h = Math.max(0, from); h < Math.min(taken.length, to); h++) {
      if (taken[h]) {
        return false;
      }
    }
    return true;
  }

  static long poisson(SplittableRandom random, double mean) {
    if (mean > 50) { // normal approximation; exact enough for counts this large
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    long n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }

  private static long binomial(SplittableRandom random, long n, double p) {
    long k = 0;
    for (long i = 0; i < n; i++) {
      if (random.nextDouble() < p) {
        k++;
      }
    }
    return k;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
