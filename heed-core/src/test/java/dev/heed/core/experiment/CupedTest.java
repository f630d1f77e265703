package dev.heed.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** CUPED on seeded synthetic data where the correlation of covariate and metric is known. */
class CupedTest {

  @Test
  void varianceShrinksByAboutRhoSquaredAndTheEffectSurvives() {
    long seed = Seeds.seed("CupedTest.varianceShrinksByAboutRhoSquaredAndTheEffectSurvives");
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ContinuousDistribution.Sampler gauss = NormalDistribution.of(0, 1).createSampler(rng);
    // Y = 5 + 0.8 (X - 10) + noise, X ~ N(10, 2²), noise ~ N(0, 1.6²): cov = 0.8 · 4 = 3.2,
    // var(Y) = 2.56 + 2.56, so rho² = 2.56 / 5.12 = 0.5 and theta = 0.8.
    int n = 20_000;
    double effect = 0.05;
    double[][] c = synthetic(gauss, n, 0);
    double[][] t = synthetic(gauss, n, effect);
    Cuped cuped = Cuped.adjust(c[0], c[1], t[0], t[1]);
    assertThat(cuped.theta()).isCloseTo(0.8, within(0.02));
    assertThat(cuped.varianceReduction()).isCloseTo(0.5, within(0.02));

    WelchTest raw = WelchTest.of(SampleStats.of(c[1]), SampleStats.of(t[1]));
    WelchTest adjusted = cuped.test();
    assertThat(adjusted.standardError() / raw.standardError())
        .isCloseTo(Math.sqrt(0.5), within(0.02));
    // Unbiased: the adjusted difference is within 4 standard errors of the true effect.
    assertThat(adjusted.difference()).isCloseTo(effect, within(4 * adjusted.standardError()));
  }

  @Test
  void uninformativeCovariateChangesNothing() {
    double[] x = {3, 3, 3, 3};
    double[] yc = {1, 2, 3, 4};
    double[] yt = {2, 3, 4, 6};
    Cuped cuped = Cuped.adjust(x, yc, x, yt);
    assertThat(cuped.theta()).isZero();
    assertThat(cuped.varianceReduction()).isZero();
    assertThat(cuped.treatment()).isEqualTo(SampleStats.of(yt));
  }

  @Test
  void thetaIsTheOlsSlopeOnBothArms() {
    // Y = 2X exactly in both arms (no noise): theta 2, adjusted values constant within each arm.
    double[] xc = {1, 2, 3};
    double[] xt = {4, 5, 6};
    Cuped cuped = Cuped.adjust(xc, new double[] {2, 4, 6}, xt, new double[] {8, 10, 12});
    assertThat(cuped.theta()).isCloseTo(2, within(1e-12));
    assertThat(cuped.control().variance()).isCloseTo(0, within(1e-12));
    assertThat(cuped.varianceReduction()).isCloseTo(1, within(1e-12));
  }

  @Test
  void rejectsMisalignedArrays() {
    assertThatThrownBy(
            () -> Cuped.adjust(new double[3], new double[2], new double[2], new double[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the control has 2 metric values but 3 covariates");
  }

  private static double[][] synthetic(ContinuousDistribution.Sampler gauss, int n, double effect) {
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 10 + 2 * gauss.sample();
      y[i] = 5 + effect + 0.8 * (x[i] - 10) + 1.6 * gauss.sample();
    }
    return new double[][] {x, y};
  }
}
