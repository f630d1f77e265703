package dev.heed.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The two-proportion z-test and Welch's t-test against published or independently computed values.
 */
class FrequentistTest {

  @Test
  void twoProportionTestMatchesPropTest() {
    // R: prop.test(c(200, 240), c(1000, 1000), correct = FALSE) gives X-squared = 4.662, p =
    // 0.03084.
    // By hand: pooled p = 0.22, SE0 = sqrt(0.22 * 0.78 * 2 / 1000) = 0.0185257, z = 0.04 / SE0 =
    // 2.15917, z² = 4.662004662 = the chi-square; SciPy chi2_contingency(correction=False) agrees.
    TwoProportionTest t =
        TwoProportionTest.of(new Conversions(1000, 200), new Conversions(1000, 240));
    assertThat(t.z() * t.z()).isCloseTo(4.662004662004662, within(1e-12));
    assertThat(t.pValue()).isCloseTo(0.030837167828904243, within(1e-12));
    assertThat(t.difference()).isCloseTo(0.04, within(1e-15));
    // Unpooled SE = sqrt(0.2 * 0.8 / 1000 + 0.24 * 0.76 / 1000); 0.04 ± 1.959964 SE.
    assertThat(t.differenceCi().lo()).isCloseTo(0.003732721356494495, within(1e-12));
    assertThat(t.differenceCi().hi()).isCloseTo(0.07626727864350547, within(1e-12));
    // Delta method: var(lift) = 0.24*0.76/1000 / 0.2² + 0.24² * 0.2*0.8/1000 / 0.2⁴ = 0.01032.
    assertThat(t.lift()).isCloseTo(0.2, within(1e-12));
    assertThat(t.liftCi().lo()).isCloseTo(0.0008923531615036007, within(1e-12));
    assertThat(t.liftCi().hi()).isCloseTo(0.3991076468384963, within(1e-12));
  }

  @Test
  void identicalExtremeRatesAreNoEvidence() {
    TwoProportionTest zeros =
        TwoProportionTest.of(new Conversions(500, 0), new Conversions(400, 0));
    assertThat(zeros.pValue()).isEqualTo(1.0);
    assertThat(zeros.lift()).isNull();
    assertThat(zeros.liftCi()).isNull();
    TwoProportionTest ones =
        TwoProportionTest.of(new Conversions(500, 500), new Conversions(400, 400));
    assertThat(ones.pValue()).isEqualTo(1.0);
    assertThat(ones.lift()).isEqualTo(0.0);
  }

  @Test
  void conversionsAreValidated() {
    assertThatThrownBy(() -> new Conversions(10, 11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("conversions (11) exceed users (10)");
    assertThatThrownBy(() -> new Conversions(-1, 0)).hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> TwoProportionTest.of(new Conversions(0, 0), new Conversions(5, 1)))
        .hasMessage("the control has no users");
  }

  // Wikipedia, "Welch's t-test", Examples: three pairs of samples with t, df and p. The reference
  // values (to full precision) come from SciPy 1.17 stats.ttest_ind(a1, a2, equal_var=False) and
  // round to Wikipedia's table. The article's t is A1 - A2; ours is treatment - control, so A2 is
  // the
  // control here and t, the difference and the CI keep the article's sign.
  private static final double[][] EXAMPLE_1 = {
    {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4},
    {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4}
  };
  private static final double[][] EXAMPLE_2 = {
    {17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8},
    {
      21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5, 23.6,
      21.5, 22.5, 23.5, 21.5, 21.8
    }
  };
  private static final double[][] EXAMPLE_3 = {
    {19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0},
    {
      28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9,
      21.6, 24.3, 20.4, 23.9, 13.3
    }
  };

  @Test
  void welchMatchesWikipediaExamples() {
    assertWelch(EXAMPLE_1, -2.455356398286006, 24.988529290231416, 0.021378001462866992);
    assertWelch(EXAMPLE_2, -1.5654335235985037, 9.904741248650831, 0.14884169660532817);
    assertWelch(EXAMPLE_3, -2.225512039969852, 24.524634944257343, 0.035484530830010394);
  }

  private static void assertWelch(double[][] example, double t, double df, double p) {
    WelchTest w = WelchTest.of(SampleStats.of(example[1]), SampleStats.of(example[0]));
    assertThat(w.t()).isCloseTo(t, within(1e-9));
    assertThat(w.degreesOfFreedom()).isCloseTo(df, within(1e-9));
    assertThat(w.pValue()).isCloseTo(p, within(1e-9));
    // The CI excludes 0 exactly when p < 0.05.
    assertThat(w.ci().contains(0)).isEqualTo(p >= 0.05);
  }

  @Test
  void welchCiUsesTheTQuantileAtWelchDf() {
    WelchTest w = WelchTest.of(SampleStats.of(EXAMPLE_1[1]), SampleStats.of(EXAMPLE_1[0]));
    double tCrit =
        org.apache.commons.statistics.distribution.TDistribution.of(w.degreesOfFreedom())
            .inverseSurvivalProbability(0.025);
    assertThat(w.ci().hi() - w.difference()).isCloseTo(tCrit * w.standardError(), within(1e-12));
    // p = 0.0214 < 0.05 so the 95% interval lies below 0; at 99% (p > 0.01) it straddles 0.
    assertThat(w.ci().hi()).isNegative();
    WelchTest w99 = WelchTest.of(SampleStats.of(EXAMPLE_1[1]), SampleStats.of(EXAMPLE_1[0]), 0.99);
    assertThat(w99.ci().contains(0)).isTrue();
  }

  @Test
  void sampleStatsAreStableForLargeMeans() {
    // Values 1e9 + {4, 7, 13, 16}: mean 1e9 + 10, variance 30 (the textbook case where the naive
    // sum-of-squares formula loses every digit).
    SampleStats s = SampleStats.of(new double[] {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16});
    assertThat(s.mean()).isCloseTo(1e9 + 10, within(1e-6));
    assertThat(s.variance()).isCloseTo(30, within(1e-6));
    assertThatThrownBy(() -> SampleStats.of(new double[] {1}))
        .hasMessageContaining("at least 2 values");
  }
}
