package dev.heed.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** Beta-Binomial and normal-posterior comparisons against closed forms and seeded Monte Carlo. */
class BayesianTest {
  private static final int DRAWS = 1_000_000;

  @Test
  void closedFormOnHandCases() {
    // Two uniforms: P(X > Y) = 1/2 and E[max(Y - X, 0)] = E|X - Y| / 2 = 1/6.
    Conversions none = new Conversions(0, 0);
    assertThat(BetaBinomial.chanceToBeat(none, none)).isCloseTo(0.5, within(1e-15));
    assertThat(BetaBinomial.expectedLoss(none, none)).isCloseTo(1.0 / 6, within(1e-15));
    // X ~ Beta(2, 1) (one user, converted), Y ~ U(0, 1): P(X > Y) = ∫ 2x · x dx = 2/3, and
    // E[max(Y - X, 0)] = ∫∫_{y > x} (y - x) 2x dx dy = 1/12.
    Conversions one = new Conversions(1, 1);
    assertThat(BetaBinomial.chanceToBeat(none, one)).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(BetaBinomial.expectedLoss(none, one)).isCloseTo(1.0 / 12, within(1e-15));
  }

  @Test
  void closedFormMatchesIndependentQuadrature() {
    // Control 100/1000, treatment 120/1000: posteriors Beta(101, 901) and Beta(121, 881).
    // Reference:
    // SciPy integrate.quad of f_T(x) F_C(x) (epsrel 1e-12), and Stucchio's loss from the same.
    Conversions control = new Conversions(1000, 100);
    Conversions treatment = new Conversions(1000, 120);
    assertThat(BetaBinomial.chanceToBeat(control, treatment))
        .isCloseTo(0.9231834389735588, within(1e-10));
    assertThat(BetaBinomial.expectedLoss(control, treatment))
        .isCloseTo(0.0004846139263564569, within(1e-11));
  }

  @Test
  void closedFormMatchesMonteCarlo() {
    long seed = Seeds.seed("BayesianTest.closedFormMatchesMonteCarlo");
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    Conversions control = new Conversions(2000, 210);
    Conversions treatment = new Conversions(1900, 230);
    ContinuousDistribution.Sampler c = BetaDistribution.of(211, 1791).createSampler(rng);
    ContinuousDistribution.Sampler t = BetaDistribution.of(231, 1671).createSampler(rng);
    long wins = 0;
    double lossSum = 0;
    double lossSq = 0;
    for (int i = 0; i < DRAWS; i++) {
      double pc = c.sample();
      double pt = t.sample();
      if (pt > pc) {
        wins++;
      }
      double loss = Math.max(pc - pt, 0);
      lossSum += loss;
      lossSq += loss * loss;
    }
    double chance = (double) wins / DRAWS;
    double loss = lossSum / DRAWS;
    double lossSe = Math.sqrt((lossSq / DRAWS - loss * loss) / DRAWS);
    double closedChance = BetaBinomial.chanceToBeat(control, treatment);
    // Five Monte Carlo standard errors: about 1.3e-3 for the chance, far below for the loss.
    assertThat(closedChance)
        .isCloseTo(chance, within(5 * Math.sqrt(chance * (1 - chance) / DRAWS)));
    assertThat(BetaBinomial.expectedLoss(control, treatment)).isCloseTo(loss, within(5 * lossSe));
  }

  @Test
  void integrationAgreesWithClosedFormWhereBothApply() {
    // The large-count path against the exact sum (its oracle), at counts where both are cheap.
    long[][] cases = {
      {3001, 57001, 3101, 56901}, // 5% rates, treatment slightly better
      {9001, 991, 8951, 1041}, // 90% rates
      {20, 5000, 45, 4975}, // rare events
      {501, 501, 480, 522},
    };
    for (long[] k : cases) {
      double exact = BetaBinomial.probGreaterExact(k[0], k[1], k[2], k[3]);
      double integrated = BetaBinomial.probGreaterIntegrated(k[0], k[1], k[2], k[3]);
      assertThat(integrated).as("%s", java.util.Arrays.toString(k)).isCloseTo(exact, within(1e-9));
    }
  }

  @Test
  void largeCountsUseIntegrationAndStayConsistent() {
    // 1.2M users per arm at 4%: the exact sum would need about 48,000 terms.
    Conversions control = new Conversions(1_200_000, 48_000);
    Conversions treatment = new Conversions(1_200_000, 48_400);
    double chance = BetaBinomial.chanceToBeat(control, treatment);
    // Near-normal posteriors: P(D > 0) ≈ Φ(d / s) with the posterior means and variances.
    double mc = 48_001.0 / 1_200_002;
    double mt = 48_401.0 / 1_200_002;
    double s =
        Math.sqrt(
            BetaDistribution.of(48_001, 1_152_001).getVariance()
                + BetaDistribution.of(48_401, 1_151_601).getVariance());
    double normal = NormalDistribution.of(0, 1).cumulativeProbability((mt - mc) / s);
    assertThat(chance).isCloseTo(normal, within(2e-3));
    // Swapping the arms gives the complement.
    assertThat(BetaBinomial.chanceToBeat(treatment, control) + chance).isCloseTo(1, within(1e-9));
    assertThat(BetaBinomial.expectedLoss(control, treatment)).isPositive().isLessThan(1e-4);
  }

  @Test
  void normalPosteriorMatchesClosedFormAndMonteCarlo() {
    // Equal means: chance 1/2, loss E[max(-D, 0)] = s φ(0) = s / sqrt(2π).
    SampleStats a = new SampleStats(400, 10, 16);
    BayesianComparison tie = NormalPosterior.compare(a, a);
    double s = Math.sqrt(2 * 16.0 / 400);
    assertThat(tie.chanceToWin()).isCloseTo(0.5, within(1e-15));
    assertThat(tie.expectedLoss()).isCloseTo(s / Math.sqrt(2 * Math.PI), within(1e-15));

    long seed = Seeds.seed("BayesianTest.normalPosteriorMatchesClosedFormAndMonteCarlo");
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    SampleStats b = new SampleStats(500, 10.3, 25);
    BayesianComparison cmp = NormalPosterior.compare(a, b);
    ContinuousDistribution.Sampler da =
        NormalDistribution.of(10, Math.sqrt(16.0 / 400)).createSampler(rng);
    ContinuousDistribution.Sampler db =
        NormalDistribution.of(10.3, Math.sqrt(25.0 / 500)).createSampler(rng);
    long wins = 0;
    double lossSum = 0;
    double lossSq = 0;
    for (int i = 0; i < DRAWS; i++) {
      double d = db.sample() - da.sample();
      if (d > 0) {
        wins++;
      }
      double loss = Math.max(-d, 0);
      lossSum += loss;
      lossSq += loss * loss;
    }
    double chance = (double) wins / DRAWS;
    double loss = lossSum / DRAWS;
    double lossSe = Math.sqrt((lossSq / DRAWS - loss * loss) / DRAWS);
    assertThat(cmp.chanceToWin())
        .isCloseTo(chance, within(5 * Math.sqrt(chance * (1 - chance) / DRAWS)));
    assertThat(cmp.expectedLoss()).isCloseTo(loss, within(5 * lossSe));
  }
}
