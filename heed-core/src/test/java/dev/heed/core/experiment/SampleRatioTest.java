package dev.heed.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

class SampleRatioTest {

  @Test
  void flagsTheTextbookMismatch() {
    // 50/50 design, 821,588 vs 815,482 users. By hand: expected 818,535 each, deviation 3,053,
    // chi² = 2 · 3053² / 818535 = 22.7744, P(χ²₁ > 22.7744) = 1.82e-6 (SciPy chisquare agrees).
    SampleRatio srm = SampleRatio.test(new long[] {821_588, 815_482}, new double[] {50, 50});
    assertThat(srm.chiSquare()).isCloseTo(2.0 * 3053 * 3053 / 818_535, within(1e-9));
    assertThat(srm.degreesOfFreedom()).isEqualTo(1);
    assertThat(srm.pValue())
        .isCloseTo(
            ChiSquaredDistribution.of(1).survivalProbability(22.77436884189436), within(1e-15))
        .isCloseTo(1.8217928726191858e-6, within(1e-12));
  }

  @Test
  void unequalWeightsAndThreeArms() {
    // Exactly on the 20/30/50 split: chi² = 0, p = 1.
    SampleRatio exact = SampleRatio.test(new long[] {200, 300, 500}, new double[] {2, 3, 5});
    assertThat(exact.chiSquare()).isZero();
    assertThat(exact.pValue()).isEqualTo(1.0);
    // 230/300/470 against 20/30/50: chi² = 30²/200 + 0 + 30²/500 = 6.3, df 2, p = exp(-6.3 / 2).
    SampleRatio off = SampleRatio.test(new long[] {230, 300, 470}, new double[] {2, 3, 5});
    assertThat(off.chiSquare()).isCloseTo(6.3, within(1e-12));
    assertThat(off.pValue()).isCloseTo(Math.exp(-3.15), within(1e-12));
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> SampleRatio.test(new long[] {1}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least two variants");
    assertThatThrownBy(() -> SampleRatio.test(new long[] {0, 0}, new double[] {1, 1}))
        .hasMessage("no users observed");
    assertThatThrownBy(() -> SampleRatio.test(new long[] {1, 2}, new double[] {1, 0}))
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> SampleRatio.test(new long[] {1, -2}, new double[] {1, 1}))
        .hasMessageContaining("negative");
  }
}
