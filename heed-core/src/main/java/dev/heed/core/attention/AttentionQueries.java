package dev.heed.core.attention;

import dev.heed.api.store.AttentionCounts;
import dev.heed.api.store.AttentionStore;
import dev.heed.api.store.RollupKey.Dimension;
import dev.heed.api.store.RollupKey.Granularity;
import dev.heed.api.store.RollupRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The dashboard reads over the rollups: one key's series of buckets, and the top keys of a
 * dimension by a metric. Ranges are rounded outwards to whole hours; whole days inside a range are
 * read from day rows and the ragged ends from hour rows, so a month costs about 30 rows a key.
 */
public final class AttentionQueries {
  private final AttentionStore store;

  public AttentionQueries(AttentionStore store) {
    this.store = store;
  }

  /** What the top list ranks by. */
  public enum Metric {
    ATTENTION,
    CTR,
    CLICKS,
    IMPRESSIONS,
    DWELL,
    TRENDING;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Metric fromWireName(String name) {
      for (Metric m : values()) {
        if (m.wireName().equals(name)) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown metric '" + name + "'");
    }
  }

  /** One bucket of a series. */
  public record Bucket(long start, AttentionCounts counts) {}

  /** A series: every bucket of the range in order (empty ones with zero counts) and the sum. */
  public record Series(
      long from,
      long to,
      List<Bucket> buckets,
      AttentionCounts totals,
      AttentionMetrics.Prior prior) {}

  /** One entry of a top list: the key, the value it was ranked by, its counts. */
  public record Ranked(String key, double value, AttentionCounts counts) {}

  /** A top list with the prior its smoothed metrics used. */
  public record Top(long from, long to, List<Ranked> entries, AttentionMetrics.Prior prior) {}

  /** The number of buckets a series over [from, to) has at this granularity. */
  public static long bucketCount(Granularity g, long from, long to) {
    return (ceil(g, to) - g.floor(from)) / g.millis();
  }

  /**
   * Every {@code g} bucket overlapping [from, to) for one key, with the range's totals; the prior
   * is the whole population's over the same buckets.
   */
  public Series series(
      Dimension dimension, String scope, String key, Granularity g, long from, long to) {
    long start = g.floor(from);
    long end = ceil(g, to);
    Map<Long, AttentionCounts> rows = new HashMap<>();
    for (RollupRow r : store.series(dimension, scope, key, g, start, end)) {
      rows.put(r.key().start(), r.counts());
    }
    List<Bucket> buckets = new ArrayList<>();
    AttentionCounts totals = AttentionCounts.ZERO;
    for (long t = start; t < end; t += g.millis()) {
      AttentionCounts c = rows.getOrDefault(t, AttentionCounts.ZERO);
      buckets.add(new Bucket(t, c));
      totals = totals.plus(c);
    }
    AttentionCounts population =
        sum(store.series(Dimension.ALL, "", "", g, start, end).stream().map(RollupRow::counts));
    return new Series(start, end, buckets, totals, AttentionMetrics.Prior.of(population));
  }

  /**
   * The {@code n} keys of {@code dimension} ranking highest by {@code metric} over [from, to),
   * within {@code category} if not null (the items, creators or topics of that category's items).
   * Ties go to the smaller key. Keys ranked by dwell need a dwell event; by trending, [from, to)
   * only sets the evaluation time (to).
   */
  public Top top(Metric metric, Dimension dimension, String category, long from, long to, int n) {
    String scope = category == null ? "" : category;
    if (metric == Metric.TRENDING) {
      return trending(dimension, scope, to, n);
    }
    long start = Granularity.HOUR.floor(from);
    long end = ceil(Granularity.HOUR, to);
    // Rank on the scalar sums, then read the full rows (dwell histogram) of the n best only.
    Map<String, AttentionCounts> totals = totals(dimension, scope, start, end, null);
    AttentionCounts population =
        category == null
            ? totals(Dimension.ALL, "", start, end, List.of(""))
                .getOrDefault("", AttentionCounts.ZERO)
            : totals(Dimension.CATEGORY, "", start, end, List.of(category))
                .getOrDefault(category, AttentionCounts.ZERO);
    AttentionMetrics.Prior prior = AttentionMetrics.Prior.of(population);
    PriorityQueue<Ranked> best = new PriorityQueue<>(ORDER.reversed());
    for (var e : totals.entrySet()) {
      double value = value(metric, e.getValue(), prior);
      if (!Double.isNaN(value)) {
        offer(best, new Ranked(e.getKey(), value, e.getValue()), n);
      }
    }
    List<Ranked> ranked = sorted(best);
    Map<String, AttentionCounts> full =
        totals(dimension, scope, start, end, ranked.stream().map(Ranked::key).toList());
    // Values from the full rows, so an entry's value and metrics agree even when a roller commit
    // landed between the two reads (the order is then that of the second read).
    List<Ranked> entries = new ArrayList<>();
    for (Ranked r : ranked) {
      AttentionCounts c = full.getOrDefault(r.key(), r.counts());
      entries.add(new Ranked(r.key(), value(metric, c, prior), c));
    }
    entries.sort(ORDER);
    return new Top(start, end, entries, prior);
  }

  private static double value(Metric metric, AttentionCounts c, AttentionMetrics.Prior prior) {
    return switch (metric) {
      case IMPRESSIONS -> c.impressions();
      case CLICKS -> c.clicks();
      case CTR -> AttentionMetrics.ctrSmoothed(c, prior);
      case ATTENTION -> AttentionMetrics.attention(c, prior);
      case DWELL -> c.dwells() == 0 ? Double.NaN : c.dwellMs() / 1000.0 / c.dwells();
      case TRENDING -> throw new IllegalStateException();
    };
  }

  private static List<Ranked> withCounts(List<Ranked> ranked, Map<String, AttentionCounts> full) {
    return ranked.stream()
        .map(r -> new Ranked(r.key(), r.value(), full.getOrDefault(r.key(), r.counts())))
        .toList();
  }

  private Top trending(Dimension dimension, String scope, long to, int n) {
    long end = Trending.end(to);
    long recentStart = Trending.recentStart(end);
    Map<String, Double> recent = new HashMap<>();
    Map<String, AttentionCounts> recentCounts = new HashMap<>();
    for (int age = 0; age < Trending.RECENT_HOURS; age++) {
      long hour = end - (age + 1) * Granularity.HOUR.millis();
      double w = Trending.decay(age);
      store
          .scalarTotals(dimension, scope, Granularity.HOUR, hour, hour + Granularity.HOUR.millis())
          .forEach(
              (key, c) -> {
                recent.merge(key, w * Trending.engagement(c), Double::sum);
                recentCounts.merge(key, c, AttentionCounts::plus);
              });
    }
    Map<String, AttentionCounts> baseline =
        store.scalarTotals(
            dimension,
            scope,
            Granularity.DAY,
            Trending.baselineStart(end),
            Trending.baselineEnd(end));
    PriorityQueue<Ranked> best = new PriorityQueue<>(ORDER.reversed());
    recent.forEach(
        (key, r) -> {
          if (r > 0) {
            long b = Trending.engagement(baseline.getOrDefault(key, AttentionCounts.ZERO));
            offer(best, new Ranked(key, Trending.score(r, b), recentCounts.get(key)), n);
          }
        });
    AttentionCounts population =
        sum(
            store.series(Dimension.ALL, "", "", Granularity.HOUR, recentStart, end).stream()
                .map(RollupRow::counts));
    List<Ranked> ranked = sorted(best);
    Map<String, AttentionCounts> full =
        store.totals(
            dimension,
            scope,
            Granularity.HOUR,
            recentStart,
            end,
            ranked.stream().map(Ranked::key).toList());
    return new Top(
        recentStart, end, withCounts(ranked, full), AttentionMetrics.Prior.of(population));
  }

  /**
   * Per key, the sum over [start, end) (whole hours): day rows inside, hour rows at the ends. With
   * {@code keys} null, every key's scalar sums (no dwell histogram); else those keys' full sums.
   */
  Map<String, AttentionCounts> totals(
      Dimension dimension, String scope, long start, long end, List<String> keys) {
    long dayStart = ceil(Granularity.DAY, start);
    long dayEnd = Granularity.DAY.floor(end);
    if (dayStart >= dayEnd) {
      return sums(dimension, scope, Granularity.HOUR, start, end, keys);
    }
    Map<String, AttentionCounts> out =
        new HashMap<>(sums(dimension, scope, Granularity.DAY, dayStart, dayEnd, keys));
    if (start < dayStart) {
      sums(dimension, scope, Granularity.HOUR, start, dayStart, keys)
          .forEach((k, c) -> out.merge(k, c, AttentionCounts::plus));
    }
    if (dayEnd < end) {
      sums(dimension, scope, Granularity.HOUR, dayEnd, end, keys)
          .forEach((k, c) -> out.merge(k, c, AttentionCounts::plus));
    }
    return out;
  }

  private Map<String, AttentionCounts> sums(
      Dimension dimension, String scope, Granularity g, long from, long to, List<String> keys) {
    return keys == null
        ? store.scalarTotals(dimension, scope, g, from, to)
        : store.totals(dimension, scope, g, from, to, keys);
  }

  /** Best first: higher value, then smaller key. */
  private static final Comparator<Ranked> ORDER =
      Comparator.comparingDouble(Ranked::value).reversed().thenComparing(Ranked::key);

  private static void offer(PriorityQueue<Ranked> best, Ranked r, int n) {
    if (best.size() < n) {
      best.add(r);
    } else if (ORDER.compare(r, best.peek()) < 0) {
      best.poll();
      best.add(r);
    }
  }

  private static List<Ranked> sorted(PriorityQueue<Ranked> best) {
    List<Ranked> out = new ArrayList<>(best);
    out.sort(ORDER);
    return out;
  }

  private static AttentionCounts sum(java.util.stream.Stream<AttentionCounts> counts) {
    return counts.reduce(AttentionCounts.ZERO, AttentionCounts::plus);
  }

  private static long ceil(Granularity g, long t) {
    long f = g.floor(t);
    return f == t ? t : f + g.millis();
  }
}
