package dev.heed.core.experiment;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Welch's two-sided t-test of treatment mean against control mean from sufficient statistics, with
 * Welch–Satterthwaite degrees of freedom {@code (a + b)² / (a² / (n_C - 1) + b² / (n_T - 1))} where
 * {@code a = var_C / n_C} and {@code b = var_T / n_T}.
 *
 * @param difference treatment mean minus control mean
 * @param ci confidence interval of {@code difference} (t quantile at the Welch df)
 */
public record WelchTest(
    double difference,
    double standardError,
    double t,
    double degreesOfFreedom,
    double pValue,
    Interval ci) {

  /** The test with a 95% interval. */
  public static WelchTest of(SampleStats control, SampleStats treatment) {
    return of(control, treatment, 0.95);
  }

  public static WelchTest of(SampleStats control, SampleStats treatment, double confidence) {
    TwoProportionTest.criticalZ(confidence); // validates the level
    double a = control.meanVariance();
    double b = treatment.meanVariance();
    double difference = treatment.mean() - control.mean();
    double se = Math.sqrt(a + b);
    if (se == 0) {
      // Both arms constant: the difference is known exactly.
      double df = control.n() + treatment.n() - 2;
      return new WelchTest(
          difference,
          0,
          difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference),
          df,
          difference == 0 ? 1 : 0,
          new Interval(difference, difference));
    }
    double df = (a + b) * (a + b) / (a * a / (control.n() - 1) + b * b / (treatment.n() - 1));
    double t = difference / se;
    TDistribution dist = TDistribution.of(df);
    double pValue = 2 * dist.survivalProbability(Math.abs(t));
    double tCrit = dist.inverseSurvivalProbability((1 - confidence) / 2);
    return new WelchTest(difference, se, t, df, pValue, Interval.around(difference, tCrit * se));
  }
}
