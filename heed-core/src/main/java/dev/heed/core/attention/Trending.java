package dev.heed.core.attention;

import dev.heed.api.store.AttentionCounts;
import dev.heed.api.store.RollupKey.Granularity;

/**
 * Trending against a key's own baseline:
 *
 * <pre>
 *   trending = R / (W · (b + λ))
 *   R = Σ_h E_h · 2^(−age_h / H)       over the 24 hour buckets before T (age 0 = the last hour)
 *   W = Σ_{age=0..23} 2^(−age / H)      what R would be at a steady 1 engagement an hour
 *   b = E over the 6 whole UTC days before the day the 24 hours start in, / 144 hours
 * </pre>
 *
 * where T is the evaluation time rounded up to the hour, E = clicks + completes + likes + shares, H
 * = {@value #HALF_LIFE_HOURS} hours and λ = {@value #PRIOR_PER_HOUR} engagement an hour (the prior
 * that keeps a key without a baseline from dividing by zero). 1 means "as engaged as usual", 3
 * means three times its usual rate lately.
 */
public final class Trending {
  public static final double HALF_LIFE_HOURS = 6;
  public static final double PRIOR_PER_HOUR = 1;
  public static final int RECENT_HOURS = 24;
  public static final int BASELINE_DAYS = 6;

  private static final double W;

  static {
    double w = 0;
    for (int age = 0; age < RECENT_HOURS; age++) {
      w += decay(age);
    }
    W = w;
  }

  private Trending() {}

  /** The engagement a rollup counts: clicks + completes + likes + shares. */
  public static long engagement(AttentionCounts c) {
    return c.clicks() + c.completes() + c.likes() + c.shares();
  }

  /** The weight of an hour bucket {@code age} hours before the last one. */
  public static double decay(int age) {
    return Math.pow(2, -age / HALF_LIFE_HOURS);
  }

  /** {@code to} rounded up to the hour: the end of the recent window. */
  public static long end(long to) {
    long h = Granularity.HOUR.floor(to);
    return h == to ? to : h + Granularity.HOUR.millis();
  }

  /** The start of the 24-hour recent window ending at {@link #end}. */
  public static long recentStart(long end) {
    return end - RECENT_HOURS * Granularity.HOUR.millis();
  }

  /** The exclusive end of the baseline days: the start of the day the recent window starts in. */
  public static long baselineEnd(long end) {
    return Granularity.DAY.floor(recentStart(end));
  }

  public static long baselineStart(long end) {
    return baselineEnd(end) - BASELINE_DAYS * Granularity.DAY.millis();
  }

  /**
   * The score from the decayed recent engagement {@code recent} (R above) and the engagement
   * counted over the baseline days.
   */
  public static double score(double recent, long baselineEngagement) {
    double b = baselineEngagement / (BASELINE_DAYS * 24.0);
    return recent / (W * (b + PRIOR_PER_HOUR));
  }
}
