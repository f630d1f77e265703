package dev.heed.core.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.heed.api.store.AttentionCounts;
import org.junit.jupiter.api.Test;

/** The formulas against values worked out by hand (and SciPy for the Beta quantiles). */
class AttentionMetricsTest {
  private static AttentionCounts counts(
      long impressions, long clicks, long completes, long... dwellMs) {
    long[] h = new long[AttentionCounts.DWELL_BUCKETS];
    long sum = 0;
    for (long ms : dwellMs) {
      h[DwellHistogram.bucket(ms)]++;
      sum += ms;
    }
    return new AttentionCounts(impressions, clicks, dwellMs.length, sum, completes, 4, 5, h);
  }

  @Test
  void histogramEdgesAreWholeMillisecondsAFactorOfTheCubeRootOfTwoApart() {
    assertThat(DwellHistogram.bucket(0)).isZero();
    assertThat(DwellHistogram.bucket(249)).isZero();
    assertThat(DwellHistogram.bucket(250)).isEqualTo(1);
    assertThat(DwellHistogram.bucket(999)).isEqualTo(6);
    assertThat(DwellHistogram.bucket(1000)).isEqualTo(7); // 250 * 2^(6/3)
    assertThat(DwellHistogram.lowerMs(7)).isEqualTo(1000);
    assertThat(DwellHistogram.upperMs(7)).isEqualTo(1260); // round(250 * 2^(7/3))
    assertThat(DwellHistogram.bucket(20_000)).isEqualTo(19); // [16000, 20159)
    assertThat(DwellHistogram.bucket(10_321_273)).isEqualTo(47);
    assertThat(DwellHistogram.bucket(86_400_000)).isEqualTo(47);
    assertThat(DwellHistogram.upperMs(47)).isEqualTo(Long.MAX_VALUE);
    for (int b = 1; b < 47; b++) {
      double ratio = (double) DwellHistogram.upperMs(b) / DwellHistogram.lowerMs(b);
      assertThat(ratio).isCloseTo(Math.cbrt(2), within(0.01));
      assertThat(DwellHistogram.bucket(DwellHistogram.lowerMs(b))).isEqualTo(b);
      assertThat(DwellHistogram.bucket(DwellHistogram.upperMs(b) - 1)).isEqualTo(b);
    }
  }

  @Test
  void theMedianIsTheGeometricMidpointOfTheLowerMediansBucket() {
    // 1 s, 20 s, 24 s: the median 20 s lies in [16000, 20159) -> sqrt(16000 * 20159) ms
    assertThat(DwellHistogram.medianMs(counts(0, 0, 0, 1_000, 20_000, 24_000)))
        .isCloseTo(17_959.51, within(0.01));
    // even count: the lower median (rank 2 of 4), 1 s in [1000, 1260)
    assertThat(DwellHistogram.medianMs(counts(0, 0, 0, 1_000, 1_100, 24_000, 30_000)))
        .isCloseTo(1_122.497, within(0.001));
    assertThat(DwellHistogram.medianMs(counts(0, 0, 0, 100))).isEqualTo(125);
    assertThat(DwellHistogram.medianMs(counts(0, 0, 0))).isNaN();
  }

  @Test
  void metricsOnAHandWorkedCase() {
    // population: 98 impressions, 8 clicks, 196 s of dwell
    // -> prior CTR (8 + 1) / (98 + 2) = 0.09, prior attention 196 / 98 = 2 s per impression
    AttentionCounts population = counts(98, 8, 0, 196_000);
    AttentionMetrics.Prior prior = AttentionMetrics.Prior.of(population);
    assertThat(prior.ctr()).isCloseTo(0.09, within(1e-12));
    assertThat(prior.attentionSeconds()).isCloseTo(2.0, within(1e-12));

    // 30 impressions, 3 clicks, 2 completes, dwells 1 s + 20 s + 24 s = 45 s
    AttentionMetrics m = AttentionMetrics.of(counts(30, 3, 2, 1_000, 20_000, 24_000), prior);
    assertThat(m.ctr()).isCloseTo(0.1, within(1e-12));
    // Beta(3 + 20 * 0.09, 27 + 20 * 0.91) = Beta(4.8, 45.2): mean 4.8 / 50
    assertThat(m.ctrSmoothed()).isCloseTo(0.096, within(1e-12));
    // scipy.stats.beta.ppf([0.025, 0.975], 4.8, 45.2)
    assertThat(m.ctrLow()).isCloseTo(0.03162366483365316, within(1e-9));
    assertThat(m.ctrHigh()).isCloseTo(0.1906407000537525, within(1e-9));
    assertThat(m.meanDwellSeconds()).isCloseTo(15.0, within(1e-12));
    assertThat(m.medianDwellSeconds()).isCloseTo(17.95951, within(1e-5));
    assertThat(m.completionRate()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(m.engagedSeconds()).isCloseTo(45.0, within(1e-12));
    assertThat(m.engagedSecondsPerImpression()).isCloseTo(1.5, within(1e-12));
    // (45 + 20 * 2) / (30 + 20)
    assertThat(m.attention()).isCloseTo(1.7, within(1e-12));
    assertThat(m.shares()).isEqualTo(4);
    assertThat(m.likes()).isEqualTo(5);
  }

  @Test
  void emptyCountsFallBackToThePriorAndUndefinedRatiosAreNaN() {
    AttentionMetrics.Prior prior = AttentionMetrics.Prior.of(AttentionCounts.ZERO);
    assertThat(prior.ctr()).isEqualTo(0.5); // (0 + 1) / (0 + 2)
    assertThat(prior.attentionSeconds()).isZero();
    AttentionMetrics m = AttentionMetrics.of(AttentionCounts.ZERO, prior);
    assertThat(m.ctr()).isNaN();
    assertThat(m.ctrSmoothed()).isEqualTo(0.5);
    assertThat(m.meanDwellSeconds()).isNaN();
    assertThat(m.medianDwellSeconds()).isNaN();
    assertThat(m.completionRate()).isNaN();
    assertThat(m.engagedSecondsPerImpression()).isNaN();
    assertThat(m.attention()).isZero();
    // clicks without logged impressions count as impressions: the posterior stays proper
    AttentionMetrics clicksOnly = AttentionMetrics.of(counts(0, 5, 0), prior);
    assertThat(clicksOnly.ctrSmoothed()).isCloseTo((5 + 10) / 25.0, within(1e-12));
    assertThat(clicksOnly.ctrHigh()).isLessThanOrEqualTo(1.0);
  }

  @Test
  void trendingIsOneAtTheUsualRateAndScalesWithTheRecentRate() {
    double w = 0;
    for (int age = 0; age < 24; age++) {
      w += Math.pow(2, -age / 6.0);
    }
    assertThat(w).isCloseTo(8.592932952024578, within(1e-12));
    // baseline 1 engagement an hour (144 over 6 days), recently 2 an hour: 2W / (W (1 + 1)) = 1
    assertThat(Trending.score(2 * w, 144)).isCloseTo(1.0, within(1e-12));
    // recently 6 an hour against a baseline of 2: 6 / (2 + 1) = 2
    assertThat(Trending.score(6 * w, 288)).isCloseTo(2.0, within(1e-12));
    // no baseline: the prior of 1 an hour is the denominator
    assertThat(Trending.score(3 * w, 0)).isCloseTo(3.0, within(1e-12));
    // windows: to = 2026-03-10T10:30Z -> recent [03-09T11:00, 03-10T11:00), baseline 03-03..03-09
    long to = java.time.Instant.parse("2026-03-10T10:30:00Z").toEpochMilli();
    long end = Trending.end(to);
    assertThat(java.time.Instant.ofEpochMilli(end)).hasToString("2026-03-10T11:00:00Z");
    assertThat(java.time.Instant.ofEpochMilli(Trending.recentStart(end)))
        .hasToString("2026-03-09T11:00:00Z");
    assertThat(java.time.Instant.ofEpochMilli(Trending.baselineStart(end)))
        .hasToString("2026-03-03T00:00:00Z");
    assertThat(java.time.Instant.ofEpochMilli(Trending.baselineEnd(end)))
        .hasToString("2026-03-09T00:00:00Z");
  }
}
