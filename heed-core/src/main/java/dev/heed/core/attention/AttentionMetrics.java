package dev.heed.core.attention;

import dev.heed.api.store.AttentionCounts;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * The metrics of one rollup (or a sum of rollups), with the formulas documented in docs/api.md.
 * Ratios without a denominator are NaN (rendered as null).
 *
 * <ul>
 *   <li>{@code ctr} = clicks / impressions.
 *   <li>{@code ctrSmoothed} = (clicks + M·p) / (n + M): the mean of the Beta(clicks + M·p, n −
 *       clicks + M·(1 − p)) posterior, where p is the population's CTR ({@link Prior}), M = {@value
 *       #PRIOR_IMPRESSIONS} pseudo-impressions and n = max(impressions, clicks) (clicks without
 *       logged impressions count as impressions).
 *   <li>{@code ctrLow}, {@code ctrHigh}: that posterior's 2.5% and 97.5% quantiles (a 95%
 *       equal-tailed credible interval).
 *   <li>{@code meanDwellSeconds} = dwell ms summed / dwell events / 1000; {@code
 *       medianDwellSeconds} from the histogram ({@link DwellHistogram}).
 *   <li>{@code completionRate} = completes / clicks.
 *   <li>{@code engagedSecondsPerImpression} = dwell seconds summed / impressions, and {@code
 *       attention} = (dwell seconds + M·a) / (impressions + M): expected engaged seconds per
 *       impression, shrunk towards the population's a with the same M.
 * </ul>
 */
public record AttentionMetrics(
    long impressions,
    long clicks,
    double ctr,
    double ctrSmoothed,
    double ctrLow,
    double ctrHigh,
    long dwells,
    double meanDwellSeconds,
    double medianDwellSeconds,
    long completes,
    double completionRate,
    long shares,
    long likes,
    double engagedSeconds,
    double engagedSecondsPerImpression,
    double attention) {

  /** The weight of the population prior, in impressions. */
  public static final double PRIOR_IMPRESSIONS = 20;

  /**
   * What a key is shrunk towards: the population's CTR and engaged seconds per impression. The CTR
   * is (clicks + 1) / (impressions + 2), so it stays inside (0, 1) on an empty population.
   */
  public record Prior(double ctr, double attentionSeconds) {
    public static Prior of(AttentionCounts population) {
      long n = Math.max(population.impressions(), population.clicks());
      return new Prior(
          (population.clicks() + 1.0) / (n + 2.0),
          population.impressions() == 0
              ? 0
              : population.dwellMs() / 1000.0 / population.impressions());
    }
  }

  /** The posterior mean CTR alone (what a top list by CTR ranks by; no interval computed). */
  public static double ctrSmoothed(AttentionCounts c, Prior prior) {
    long n = Math.max(c.impressions(), c.clicks());
    return (c.clicks() + PRIOR_IMPRESSIONS * prior.ctr()) / (n + PRIOR_IMPRESSIONS);
  }

  /** The attention score alone: engaged seconds per impression, shrunk towards the prior. */
  public static double attention(AttentionCounts c, Prior prior) {
    return (c.dwellMs() / 1000.0 + PRIOR_IMPRESSIONS * prior.attentionSeconds())
        / (c.impressions() + PRIOR_IMPRESSIONS);
  }

  public static AttentionMetrics of(AttentionCounts c, Prior prior) {
    long n = Math.max(c.impressions(), c.clicks());
    double alpha = c.clicks() + PRIOR_IMPRESSIONS * prior.ctr();
    double beta = n - c.clicks() + PRIOR_IMPRESSIONS * (1 - prior.ctr());
    BetaDistribution posterior = BetaDistribution.of(alpha, beta);
    double engaged = c.dwellMs() / 1000.0;
    return new AttentionMetrics(
        c.impressions(),
        c.clicks(),
        ratio(c.clicks(), c.impressions()),
        ctrSmoothed(c, prior),
        posterior.inverseCumulativeProbability(0.025),
        posterior.inverseCumulativeProbability(0.975),
        c.dwells(),
        c.dwells() == 0 ? Double.NaN : engaged / c.dwells(),
        DwellHistogram.medianMs(c) / 1000.0,
        c.completes(),
        ratio(c.completes(), c.clicks()),
        c.shares(),
        c.likes(),
        engaged,
        ratio(engaged, c.impressions()),
        attention(c, prior));
  }

  private static double ratio(double num, double den) {
    return den == 0 ? Double.NaN : num / den;
  }
}
