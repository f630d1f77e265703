package dev.heed.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.core.experiment.ExperimentAnalysis.VariantData;
import dev.heed.core.json.Json;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class ExperimentAnalysisTest {

  @Test
  void significantLiftReadsAsAVerdict() {
    ExperimentAnalysis a =
        ExperimentAnalysis.of(
            "A", List.of(VariantData.of("A", 20_000, 2_000), VariantData.of("B", 20_000, 2_200)));
    TwoProportionTest z =
        TwoProportionTest.of(new Conversions(20_000, 2_000), new Conversions(20_000, 2_200));
    assertThat(a.treatment()).isEqualTo("B");
    assertThat(a.frequentist().pValue()).isEqualTo(z.pValue());
    assertThat(a.frequentist().lift()).isCloseTo(0.10, within(1e-12));
    assertThat(a.frequentist().ci95()).isEqualTo(z.liftCi());
    assertThat(a.bayesian())
        .isEqualTo(
            BetaBinomial.compare(new Conversions(20_000, 2_000), new Conversions(20_000, 2_200)));
    assertThat(a.srmPValue()).isEqualTo(1.0);
    // Lift 10.0%; delta method: var = 0.11 · 0.89 / 20000 / 0.1² + 0.11² · 0.1 · 0.9 / 20000 / 0.1⁴
    // = 0.001034, so 0.10 ± 1.96 · 0.03216 = 3.7–16.3%. The always-valid p is below 0.05 too, so no
    // peeking caveat.
    assertThat(a.sequential().pValue()).isLessThan(0.05);
    assertThat(a.verdict())
        .isEqualTo(
            "B raises the conversion rate by 10.0% (95% CI 3.7–16.3%), chance to beat A >99.9%");
  }

  @Test
  void aDropIsReportedAsALoweringWithPositiveMagnitudes() {
    ExperimentAnalysis a =
        ExperimentAnalysis.of(
            "control",
            List.of(
                VariantData.of("control", 20_000, 2_200), VariantData.of("new", 20_000, 2_000)));
    assertThat(a.verdict())
        .startsWith("new lowers the conversion rate by 9.1% (95% CI ")
        .contains("chance to beat control <0.1%");
  }

  @Test
  void weakEvidenceSaysNoDifferenceYet() {
    ExperimentAnalysis a =
        ExperimentAnalysis.of(
            "A", List.of(VariantData.of("A", 1_000, 100), VariantData.of("B", 1_000, 112)));
    assertThat(a.frequentist().pValue()).isGreaterThan(0.05);
    assertThat(a.verdict())
        .startsWith("No significant difference yet: B vs A +12.0% (95% CI ")
        .contains("p=0.38")
        // P(Beta(113, 889) > Beta(101, 901)) = 0.80778 (SciPy quadrature).
        .endsWith("chance to beat A 80.8%");
  }

  @Test
  void fixedHorizonSignificanceWithoutSequentialSupportCarriesACaveat() {
    // p ≈ 0.03 at 1,000 users per arm: significant once, not at every look.
    ExperimentAnalysis a =
        ExperimentAnalysis.of(
            "A", List.of(VariantData.of("A", 1_000, 200), VariantData.of("B", 1_000, 240)));
    assertThat(a.frequentist().pValue()).isLessThan(0.05);
    assertThat(a.sequential().pValue()).isGreaterThan(0.05);
    assertThat(a.sequential().differenceCi95().contains(0)).isTrue();
    assertThat(a.verdict())
        .startsWith("B raises the conversion rate by 20.0%")
        .contains("not yet conclusive if results were checked repeatedly (always-valid p=");
  }

  @Test
  void sampleRatioMismatchTakesPrecedence() {
    ExperimentAnalysis a =
        ExperimentAnalysis.of(
            "A",
            List.of(VariantData.of("A", 821_588, 82_000), VariantData.of("B", 815_482, 90_000)));
    assertThat(a.srmPValue()).isCloseTo(1.8217928726191858e-6, within(1e-12));
    assertThat(a.verdict())
        .isEqualTo("Sample ratio mismatch (p=<0.0001): check assignment before reading results");
    // The mismatch is judged against the declared weights: 2:1 by design is no mismatch.
    ExperimentAnalysis weighted =
        ExperimentAnalysis.of(
            "A",
            List.of(
                VariantData.of("A", 20_000, 2_000).withWeight(2),
                VariantData.of("B", 10_000, 1_000)));
    assertThat(weighted.srmPValue()).isEqualTo(1.0);
    assertThat(weighted.verdict()).startsWith("No significant difference yet");
  }

  @Test
  void severalTreatmentsLeadWithTheBestAndCorrectForMultipleComparisons() {
    // C's p = 0.0432 (R prop.test, correct = FALSE) passes 0.05 but not the Bonferroni threshold
    // 0.05 / 2.
    ExperimentAnalysis a =
        ExperimentAnalysis.of(
            "A",
            List.of(
                VariantData.of("A", 2_000, 200),
                VariantData.of("B", 2_000, 205),
                VariantData.of("C", 2_000, 240)));
    assertThat(a.comparisons()).containsOnlyKeys("B", "C");
    assertThat(a.treatment()).isEqualTo("C");
    assertThat(a.frequentist()).isEqualTo(a.comparisons().get("C").frequentist());
    assertThat(a.frequentist().pValue()).isCloseTo(0.043244928043021755, within(1e-12));
    assertThat(a.verdict())
        .startsWith("No significant difference yet: C (best of 2 treatments) vs A +20.0%")
        .contains("against a Bonferroni threshold of 0.025");
  }

  @Test
  void zeroControlConversionsReportPercentagePoints() {
    ExperimentAnalysis a =
        ExperimentAnalysis.of(
            "A", List.of(VariantData.of("A", 5_000, 0), VariantData.of("B", 5_000, 40)));
    assertThat(a.frequentist().lift()).isNull();
    assertThat(a.frequentist().ci95()).isNull();
    assertThat(a.verdict()).startsWith("B raises the conversion rate by 0.80 percentage points");
  }

  @Test
  void serializesToTheJsonContract() throws Exception {
    ExperimentAnalysis a =
        ExperimentAnalysis.of(
            "A", List.of(VariantData.of("A", 20_000, 2_000), VariantData.of("B", 20_000, 2_200)));
    JsonNode json = Json.mapper().valueToTree(a);
    assertThat(json.at("/variants/A/users").asLong()).isEqualTo(20_000);
    assertThat(json.at("/variants/B/conversions").asLong()).isEqualTo(2_200);
    assertThat(json.at("/variants/B/rate").asDouble()).isEqualTo(0.11);
    assertThat(json.at("/variants/B").has("mean")).isFalse();
    assertThat(json.at("/frequentist/p_value").asDouble()).isEqualTo(a.frequentist().pValue());
    assertThat(json.at("/frequentist/lift").asDouble()).isEqualTo(a.frequentist().lift());
    assertThat(json.at("/frequentist/ci95").isArray()).isTrue();
    assertThat(json.at("/frequentist/ci95/0").asDouble()).isEqualTo(a.frequentist().ci95().lo());
    assertThat(json.at("/frequentist/ci95/1").asDouble()).isEqualTo(a.frequentist().ci95().hi());
    assertThat(json.at("/bayesian/chance_to_win").asDouble()).isEqualTo(a.bayesian().chanceToWin());
    assertThat(json.at("/bayesian/expected_loss").asDouble())
        .isEqualTo(a.bayesian().expectedLoss());
    assertThat(json.at("/sequential/p_value").isNumber()).isTrue();
    assertThat(json.at("/sequential/difference_ci95").size()).isEqualTo(2);
    assertThat(json.at("/srm_p_value").asDouble()).isEqualTo(1.0);
    assertThat(json.at("/verdict").asText()).isEqualTo(a.verdict());
    assertThat(json.at("/comparisons/B/frequentist/p_value").asDouble())
        .isEqualTo(a.frequentist().pValue());
    assertThat(json.has("metric")).isFalse();
  }

  @Test
  void continuousMetricWithCovariatesIsCupedAdjusted() {
    long seed = Seeds.seed("ExperimentAnalysisTest.continuousMetricWithCovariatesIsCupedAdjusted");
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ContinuousDistribution.Sampler gauss = NormalDistribution.of(0, 1).createSampler(rng);
    int n = 5_000;
    double[][] a = revenue(gauss, n, 0);
    double[][] b = revenue(gauss, n, 0.3);
    ExperimentAnalysis plain =
        ExperimentAnalysis.of(
            "A",
            List.of(
                VariantData.of("A", n, 500).withMetric(a[1]),
                VariantData.of("B", n, 520).withMetric(b[1])));
    ExperimentAnalysis adjusted =
        ExperimentAnalysis.of(
            "A",
            List.of(
                VariantData.of("A", n, 500).withMetric(a[1], a[0]),
                VariantData.of("B", n, 520).withMetric(b[1], b[0])));
    assertThat(plain.metric().cupedTheta()).isNull();
    assertThat(plain.variants().get("A").mean()).isEqualTo(SampleStats.of(a[1]).mean());
    Cuped cuped = Cuped.adjust(a[0], a[1], b[0], b[1]);
    assertThat(adjusted.metric().cupedTheta()).isEqualTo(cuped.theta());
    assertThat(adjusted.metric().difference()).isEqualTo(cuped.test().difference());
    assertThat(adjusted.metric().pValue()).isEqualTo(cuped.test().pValue());
    assertThat(adjusted.metric().varianceReduction()).isGreaterThan(0.5);
    double plainWidth = plain.metric().ci95().hi() - plain.metric().ci95().lo();
    double adjustedWidth = adjusted.metric().ci95().hi() - adjusted.metric().ci95().lo();
    assertThat(adjustedWidth).isLessThan(plainWidth * 0.75);
    assertThat(adjusted.metric().bayesian())
        .isEqualTo(NormalPosterior.compare(cuped.control(), cuped.treatment()));
    assertThat(
            adjusted.metric().sequential().differenceCi95().hi()
                - adjusted.metric().sequential().differenceCi95().lo())
        .isGreaterThan(adjustedWidth);
  }

  @Test
  void rejectsBadInputWithClearMessages() {
    assertThatThrownBy(() -> ExperimentAnalysis.of("A", List.of(VariantData.of("A", 10, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an experiment needs at least two variants, got 1");
    assertThatThrownBy(
            () ->
                ExperimentAnalysis.of(
                    "Z", List.of(VariantData.of("A", 10, 1), VariantData.of("B", 10, 1))))
        .hasMessage("control 'Z' is not one of the variants [A, B]");
    assertThatThrownBy(
            () ->
                ExperimentAnalysis.of(
                    "A", List.of(VariantData.of("A", 10, 1), VariantData.of("B", 0, 0))))
        .hasMessage("variant B has no users");
    assertThatThrownBy(() -> VariantData.of("B", 10, 11))
        .hasMessage("variant B: conversions (11) exceed users (10)");
    assertThatThrownBy(() -> VariantData.of("B", -10, 0))
        .hasMessage("variant B: counts must not be negative (users=-10, conversions=0)");
    assertThatThrownBy(
            () ->
                ExperimentAnalysis.of(
                    "A", List.of(VariantData.of("A", 10, 1), VariantData.of("A", 10, 1))))
        .hasMessage("variant A appears twice");
    assertThatThrownBy(() -> VariantData.of("A", 3, 1).withMetric(new double[2]))
        .hasMessage("variant A: 2 metric values for 3 users");
    assertThatThrownBy(
            () ->
                ExperimentAnalysis.of(
                    "A",
                    List.of(
                        VariantData.of("A", 2, 1).withMetric(new double[] {1, 2}),
                        VariantData.of("B", 2, 1))))
        .hasMessage("metric values are given for [A] but not for [B]");
  }

  /** Revenue per user with last month's revenue as covariate (correlation about 0.8). */
  private static double[][] revenue(ContinuousDistribution.Sampler gauss, int n, double effect) {
    double[] before = new double[n];
    double[] after = new double[n];
    for (int i = 0; i < n; i++) {
      before[i] = 20 + 5 * gauss.sample();
      after[i] = 20 + effect + 0.8 * (before[i] - 20) + 3 * gauss.sample();
    }
    return new double[][] {before, after};
  }
}
