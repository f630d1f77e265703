package dev.heed.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.DiscreteDistribution;
import org.junit.jupiter.api.Test;

class ConfidenceSequenceTest {
  private static final ConfidenceSequence CS = ConfidenceSequence.tunedFor(0.05, 1_000);

  @Test
  void pValueIsTheMsprtOfJohariEtAl() {
    // Johari, Pekelis, Walsh (2017), two-sample normal mSPRT with n users per arm, per-pair
    // variance
    // V and mixing N(0, τ²): Λ = sqrt(V / (V + nτ²)) exp(n² τ² d² / (2 V (V + nτ²))). Ours with v =
    // n/2, se = sqrt(V / n) and ρ = V / (2τ²) must give p = 1 / Λ.
    double v2 = 2 * 0.09; // two arms with variance 0.09
    double tau = 0.01;
    ConfidenceSequence cs = new ConfidenceSequence(0.05, v2 / (2 * tau * tau));
    for (int n : new int[] {100, 1_000, 10_000, 100_000}) {
      for (double d : new double[] {0, 0.002, 0.01, 0.03}) {
        double lambda =
            Math.sqrt(v2 / (v2 + n * tau * tau))
                * Math.exp(n * (double) n * tau * tau * d * d / (2 * v2 * (v2 + n * tau * tau)));
        double p = cs.pValue(d, Math.sqrt(v2 / n), n / 2.0);
        assertThat(p).as("n=%d d=%s", n, d).isCloseTo(Math.min(1, 1 / lambda), within(1e-12));
      }
    }
  }

  @Test
  void pValueRejectsExactlyWhenTheIntervalExcludesZero() {
    double v = 2_500;
    double se = 0.01;
    Interval atZero = CS.interval(0, se, v);
    double half = atZero.hi();
    assertThat(CS.pValue(half * 0.999, se, v)).isGreaterThan(0.05);
    assertThat(CS.pValue(half * 1.001, se, v)).isLessThan(0.05);
    assertThat(CS.interval(half * 1.001, se, v).contains(0)).isFalse();
    // Always wider than the fixed-horizon 95% interval (1.96 se).
    assertThat(half).isGreaterThan(1.96 * se);
  }

  @Test
  void tunedSequenceIsNarrowestAtItsSize() {
    ConfidenceSequence cs = ConfidenceSequence.tunedFor(0.05, 10_000);
    // Half-width in standard errors at v: minimal near v = 10,000, larger well either side.
    double at = cs.interval(0, 1, 10_000).hi();
    assertThat(cs.interval(0, 1, 1_000).hi()).isGreaterThan(at);
    assertThat(cs.interval(0, 1, 100_000).hi()).isGreaterThan(at);
    assertThat(cs.interval(0, 1, 9_000).hi()).isCloseTo(at, within(0.01));
  }

  @Test
  void peekingAfterEveryBatchKeepsTheFalsePositiveRateWhileNaiveTestsDoNot() {
    long seed = Seeds.seed("ConfidenceSequenceTest.peeking");
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    // A/A tests: both arms convert at 10%; 100 users per arm arrive between looks; 100 looks.
    int experiments = 2_000;
    int batch = 100;
    int looks = 100;
    DiscreteDistribution.Sampler draws = BinomialDistribution.of(batch, 0.10).createSampler(rng);
    ConfidenceSequence cs = ConfidenceSequence.tunedFor(0.05, 2_000);
    int naiveRejections = 0;
    int sequentialRejections = 0;
    for (int e = 0; e < experiments; e++) {
      long xa = 0;
      long xb = 0;
      boolean naive = false;
      boolean sequential = false;
      for (int look = 1; look <= looks; look++) {
        xa += draws.sample();
        xb += draws.sample();
        long n = (long) look * batch;
        Conversions a = new Conversions(n, xa);
        Conversions b = new Conversions(n, xb);
        naive |= TwoProportionTest.of(a, b).pValue() < 0.05;
        double se = Math.sqrt(a.rateVariance() + b.rateVariance());
        double v = ConfidenceSequence.effectiveUsers(n, n);
        sequential |= cs.pValue(b.rate() - a.rate(), se, v) < 0.05;
      }
      naiveRejections += naive ? 1 : 0;
      sequentialRejections += sequential ? 1 : 0;
    }
    double naiveRate = (double) naiveRejections / experiments;
    double sequentialRate = (double) sequentialRejections / experiments;
    System.out.printf(
        "[heed] A/A with %d looks: naive false positives %.3f, always-valid %.3f%n",
        looks, naiveRate, sequentialRate);
    // alpha plus three binomial standard errors (0.015 at 2,000 experiments).
    assertThat(sequentialRate).isLessThanOrEqualTo(0.05 + 3 * Math.sqrt(0.05 * 0.95 / experiments));
    // Repeated fixed-horizon tests are known to reach 25-40% at 100 looks.
    assertThat(naiveRate).isGreaterThan(0.15);
  }
}
